"""In-memory fakes of the tiltaksavtale ports (shared/service/tiltaksavtale/ports.py): our Protocols, not the SDK.

`FakeTiltaksavtaleRepo.i_transaksjon` buffers writes and applies them only when `fn` returns, so a DomeneFeil
writes nothing, as a Firestore transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.hendelser import Hendelse, Utsending, Varsel
from shared.domain.tiltaksavtale.kodeverk import Rolle, Status
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.tilgang import Avvisning, NavAnsattInfo, Person, Virksomhet, lokal_persontilgang
from shared.service.tiltaksavtale.ports import Avtalefilter, PortFeil, Tilgangsloggpost

T = TypeVar("T")


class FakeKlokke:
    def __init__(self, start: datetime | None = None) -> None:
        self.tid = start or datetime(2025, 9, 10, 8, 0, tzinfo=UTC)

    def na(self) -> datetime:
        self.tid += timedelta(microseconds=1)
        return self.tid

    def frem(self, **delta: float) -> None:
        self.tid += timedelta(**delta)


class _Tx:
    def __init__(self, repo: FakeTiltaksavtaleRepo) -> None:
        self.repo = repo
        self.avtaler: dict[str, Tiltaksavtale] = {}
        self.versjoner: list[tuple[str, Versjon]] = []
        self.hendelser: dict[str, Hendelse] = {}
        self.varsler: list[Varsel] = []
        self.utsendinger: dict[str, Utsending] = {}
        self.teller = repo.teller

    def hent(self, avtale_id: str) -> Tiltaksavtale | None:
        return self.repo.avtaler.get(avtale_id)

    def neste_avtalenr(self) -> int:
        self.teller += 1
        return self.teller

    def lagre(self, a: Tiltaksavtale, *, ny: bool = False) -> None:
        if ny and a.id in self.repo.avtaler:
            raise AssertionError(f"avtale {a.id} finnes")
        self.avtaler[a.id] = a

    def lagre_versjon(self, avtale_id: str, versjon: Versjon) -> None:
        self.versjoner.append((avtale_id, versjon))

    def skriv_hendelse(self, h: Hendelse) -> None:
        self.hendelser[h.id] = h

    def skriv_varsel(self, v: Varsel) -> None:
        self.varsler.append(v)

    def skriv_utsending(self, u: Utsending) -> None:
        self.utsendinger.setdefault(u.ekstern_id, u)


class FakeTiltaksavtaleRepo:
    def __init__(self) -> None:
        self.avtaler: dict[str, Tiltaksavtale] = {}
        self.versjoner_: dict[str, list[Versjon]] = {}
        self.hendelser: dict[str, Hendelse] = {}
        self.varsler_: list[Varsel] = []
        self.utsendinger: dict[str, Utsending] = {}
        self.teller = 0
        self.transaksjoner = 0
        self.for_commit: Callable[[], None] | None = None
        """Runs between `fn` and the commit: a test's concurrent writer."""

    def i_transaksjon(self, fn: Callable[[_Tx], T]) -> T:
        self.transaksjoner += 1
        tx = _Tx(self)
        resultat = fn(tx)
        if self.for_commit is not None:
            konkurrent, self.for_commit = self.for_commit, None
            konkurrent()
            return self.i_transaksjon(fn)  # contention: Firestore retries the whole of fn
        self.avtaler.update(tx.avtaler)
        for avtale_id, v in tx.versjoner:
            self.versjoner_.setdefault(avtale_id, []).append(v)
        self.hendelser.update(tx.hendelser)
        self.varsler_.extend(tx.varsler)
        for noekkel, u in tx.utsendinger.items():
            self.utsendinger.setdefault(noekkel, u)
        self.teller = tx.teller
        return resultat

    def hent(self, avtale_id: str) -> Tiltaksavtale | None:
        return self.avtaler.get(avtale_id)

    def finn(self, filter: Avtalefilter) -> list[Tiltaksavtale]:
        def passer(a: Tiltaksavtale) -> bool:
            return all(
                (
                    filter.bedrift_nr is None or a.bedrift_nr in filter.bedrift_nr,
                    filter.deltaker_fnr is None or a.deltaker_fnr == filter.deltaker_fnr,
                    filter.mentor_fnr is None or a.mentor_fnr == filter.mentor_fnr,
                    filter.veileder_navident is None or a.veileder_navident == filter.veileder_navident,
                    filter.status is None or a.status == filter.status,
                    filter.tiltakstype is None or a.tiltakstype == filter.tiltakstype,
                )
            )

        treff = sorted((a for a in self.avtaler.values() if passer(a)), key=lambda a: a.sist_endret, reverse=True)
        return treff[: filter.maks]

    def versjoner(self, avtale_id: str) -> list[Versjon]:
        return list(self.versjoner_.get(avtale_id, []))

    def varsler(self, avtale_ider: Iterable[str], rolle: Rolle, mottaker: str | None) -> list[Varsel]:
        ider = set(avtale_ider)
        return [
            v
            for v in self.varsler_
            if v.avtale_id in ider and v.mottaker_rolle == rolle and (mottaker is None or v.mottaker == mottaker)
        ]

    def ider_for_daglig_jobb(self) -> list[str]:
        return [a.id for a in self.avtaler.values() if a.status != Status.ANNULLERT]


class FakeAltinn:
    def __init__(self, delegeringer: dict[str, dict[str, frozenset[str]]] | None = None, nede: bool = False) -> None:
        self.delegeringer = delegeringer or {}
        self.nede = nede

    def hent(self, pid: str, ressurser: Sequence[str]) -> Mapping[str, frozenset[str]]:
        if self.nede:
            raise PortFeil("Altinn svarer ikke")
        rettigheter = self.delegeringer.get(pid, {})
        return {r: rettigheter[r] for r in ressurser if r in rettigheter}


class FakePersoner:
    def __init__(self, *personer: Person) -> None:
        self.personer = {p.fnr: p for p in personer}

    def hent(self, fnr: str) -> Person | None:
        return self.personer.get(fnr)


class FakeOppfolging:
    def __init__(self, status: dict[str, Oppfolgingsstatus] | None = None, nede: bool = False) -> None:
        self.status = status or {}
        self.nede = nede

    def hent(self, fnr: str) -> Oppfolgingsstatus:
        if self.nede:
            raise PortFeil("veilarboppfolging svarer ikke")
        return self.status.get(fnr, Oppfolgingsstatus(None, None))


class FakeNav:
    """The §2.4 local rule over seeded employees, as the Firestore stand-in does."""

    def __init__(self, personer: FakePersoner, ansatte: Sequence[NavAnsattInfo], besluttere: set[str]) -> None:
        self.personer = personer
        self.ansatte = {a.navident: a for a in ansatte}
        self.besluttere = besluttere

    def skrivetilgang(self, navident: str, fnr: str) -> Avvisning | None:
        ansatt, person = self.ansatte.get(navident), self.personer.hent(fnr)
        if ansatt is None or person is None:
            return Avvisning.ENHET
        return lokal_persontilgang(ansatt, person)

    def er_beslutter_ved(self, navident: str, kostnadssted: str | None) -> bool:
        return navident in self.besluttere


class FakeEnheter:
    def __init__(self, *virksomheter: Virksomhet) -> None:
        self.virksomheter = {v.orgnr: v for v in virksomheter}

    def hent(self, orgnr: str) -> Virksomhet | None:
        return self.virksomheter.get(orgnr)


class FakeTilgangslogg:
    def __init__(self, nede: bool = False) -> None:
        self.poster: list[Tilgangsloggpost] = []
        self.nede = nede

    def skriv(self, poster: Sequence[Tilgangsloggpost]) -> None:
        if self.nede:
            raise PortFeil("tilgangslogg nede")
        self.poster.extend(poster)
