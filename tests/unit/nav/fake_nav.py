"""An in-memory NavRepo: reads from dicts, buffers every write and applies them only when `fn` returns, so a
declined or failed transaction leaves the store exactly as it was (as Firestore does). Create-only writes of an
existing document fail the whole commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import Utsending
from shared.domain.varsling.varsel import Varsel
from shared.service.nav.ports import NavTransaksjon

T = TypeVar("T")


class Finnes(Exception):
    """A create-only write met an existing document."""


@dataclass
class NavLager:
    utbetalinger: dict[str, Utbetaling] = field(default_factory=dict)
    tilsagn: dict[str, Tilsagn] = field(default_factory=dict)
    linjer: dict[str, Utbetalingslinje] = field(default_factory=dict)
    utsendinger: dict[str, Utsending] = field(default_factory=dict)
    varsler: dict[str, Varsel] = field(default_factory=dict)
    utbetalingsvarsel: set[str] = field(default_factory=set)
    """Orgnr that asked for payment notices."""
    fakturanumre: set[str] = field(default_factory=set)
    historikk: list[tuple[str, str, str]] = field(default_factory=list)
    """(dokument_id, operasjon, utfort_av)"""
    arkiveringer: list[tuple[str, str]] = field(default_factory=list)
    """(utbetaling_id, utfort_av) of the scheduled archivings."""
    transaksjoner: int = 0
    forhentet: int = 0


class FakeNavTransaksjon:
    def __init__(self, lager: NavLager) -> None:
        self.lager = lager
        self._skriv: list[Callable[[], None]] = []

    def forhent(self, utbetalinger: Sequence[str] = (), tilsagn: Sequence[str] = ()) -> None:
        self.lager.forhentet += 1

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        return self.lager.utbetalinger.get(utbetaling_id)

    def hent_linjer(self, utbetaling_id: str) -> list[Utbetalingslinje]:
        linjer = [linje for linje in self.lager.linjer.values() if linje.utbetaling_id == utbetaling_id]
        return sorted(linjer, key=lambda linje: (linje.fakturanummer, linje.id))

    def hent_linje(self, linje_id: str) -> Utbetalingslinje | None:
        return self.lager.linjer.get(linje_id)

    def hent_linje_for_faktura(self, fakturanummer: str) -> Utbetalingslinje | None:
        return next((x for x in self.lager.linjer.values() if x.fakturanummer == fakturanummer), None)

    def hent_tilsagn(self, tilsagn_ider: Sequence[str]) -> dict[str, Tilsagn]:
        return {i: self.lager.tilsagn[i] for i in tilsagn_ider if i in self.lager.tilsagn}

    def hent_tilsagn_for_gjennomforing(self, gjennomforing_id: str) -> list[Tilsagn]:
        return [t for t in self.lager.tilsagn.values() if t.gjennomforing_id == gjennomforing_id]

    def bestillingsnummer_tatt(self, bestillingsnummer: str) -> bool:
        return any(t.bestillingsnummer == bestillingsnummer for t in self.lager.tilsagn.values())

    def hent_tilsagn_for_bestilling(self, bestillingsnummer: str) -> Tilsagn | None:
        return next((t for t in self.lager.tilsagn.values() if t.bestillingsnummer == bestillingsnummer), None)

    def hent_gjennomforing(self, gjennomforing_id: str) -> Gjennomforing | None:
        return None

    def hent_avtale(self, avtale_id: str) -> Avtale | None:
        return None

    def _opprett(self, lager: dict[str, Any], nokkel: str, verdi: Any) -> None:
        if nokkel in lager:
            raise Finnes(nokkel)
        lager[nokkel] = verdi

    def lagre_utbetaling(self, u: Utbetaling, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        if ny:
            self._skriv.append(lambda: self._opprett(self.lager.utbetalinger, u.id, u))
        else:
            self._skriv.append(lambda: self.lager.utbetalinger.__setitem__(u.id, u))
        if operasjon is not None:
            self.logg_utbetaling(u, operasjon, utfort_av)

    def logg_utbetaling(
        self, u: Utbetaling, operasjon: str, utfort_av: str, *, tidspunkt: datetime | None = None
    ) -> None:
        self._skriv.append(lambda: self.lager.historikk.append((u.id, operasjon, utfort_av)))

    def lagre_tilsagn(self, t: Tilsagn, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        self._skriv.append(lambda: self.lager.tilsagn.__setitem__(t.id, t))
        if operasjon is not None:
            self._skriv.append(lambda: self.lager.historikk.append((t.id, operasjon, utfort_av)))

    def slett_tilsagn(self, tilsagn_id: str) -> None:
        self._skriv.append(lambda: self.lager.tilsagn.pop(tilsagn_id, None) and None)

    def lagre_linje(self, linje: Utbetalingslinje, *, ny: bool = False) -> None:
        if ny:
            self._skriv.append(lambda: self._unik_faktura(linje.fakturanummer))
        self._skriv.append(lambda: self.lager.linjer.__setitem__(linje.id, linje))

    def _unik_faktura(self, fakturanummer: str) -> None:
        if fakturanummer in self.lager.fakturanumre:
            raise Finnes(fakturanummer)
        self.lager.fakturanumre.add(fakturanummer)

    def slett_linje(self, linje_id: str) -> None:
        self._skriv.append(lambda: self.lager.linjer.pop(linje_id, None) and None)

    def planlegg_arkivering(self, u: Utbetaling, utfort_av: str) -> None:
        self._skriv.append(lambda: self.lager.arkiveringer.append((u.id, utfort_av)))

    def legg_til_utsending(self, utsending: Utsending) -> None:
        self._skriv.append(lambda: self._opprett(self.lager.utsendinger, utsending.id, utsending))

    def tell_tilsagn_lopenummer(self, gjennomforing_id: str, neste: int) -> None:
        pass

    def legg_til_varsel(self, varsel: Varsel) -> None:
        self._skriv.append(lambda: self.lager.varsler.setdefault(varsel.id, varsel) and None)

    def vil_ha_utbetalingsvarsel(self, orgnr: str) -> bool:
        return orgnr in self.lager.utbetalingsvarsel

    def lagre_stengt(self, g: Gjennomforing) -> None:
        pass

    def commit(self) -> None:
        """All or nothing: a failing create-only write leaves the store as it was (restored in place, so a store
        shared with another fake stays shared)."""
        lager = self.lager
        for_ = (dict(lager.utbetalinger), dict(lager.tilsagn), dict(lager.linjer), dict(lager.utsendinger),
                set(lager.fakturanumre), list(lager.historikk))  # fmt: skip
        try:
            for skriv in self._skriv:
                skriv()
        except Finnes:
            for levende, kopi in zip(
                (lager.utbetalinger, lager.tilsagn, lager.linjer, lager.utsendinger), for_[:4], strict=True
            ):
                levende.clear()
                levende.update(kopi)  # type: ignore[attr-defined]
            lager.fakturanumre.clear()
            lager.fakturanumre.update(for_[4])
            lager.historikk[:] = for_[5]
            raise


class FakeNavRepo:
    def __init__(self, lager: NavLager | None = None) -> None:
        self.lager = lager or NavLager()

    def i_transaksjon(self, fn: Callable[[NavTransaksjon], T], *, forsok: int = 5, las: str | None = None) -> T:
        tx = FakeNavTransaksjon(self.lager)
        resultat = fn(tx)
        tx.commit()
        self.lager.transaksjoner += 1
        return resultat

    def list_utbetalinger(self, status: str | None, kostnadssted: str | None) -> list[Utbetaling]:
        return [u for u in self.lager.utbetalinger.values() if status is None or u.status == status]
