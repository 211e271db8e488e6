"""Ports of Nav's processing, dispatch and payment status (domene.md §6, §9.1, §10).

`NavRepo.i_transaksjon(fn)` runs `fn` with a `NavTransaksjon`: every read goes through the store's transaction,
every write is buffered and committed with it (Firestore allows no read after a write inside a transaction), and
the whole of `fn` is retried on contention. A `DomeneFeil` raised by `fn` aborts it and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.nav.tilgang import NavAnsatt
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import Utsending
from shared.domain.varsling.varsel import Varsel

T = TypeVar("T")


class NavTransaksjon(Protocol):
    def forhent(self, utbetalinger: Sequence[str] = (), tilsagn: Sequence[str] = ()) -> None:
        """Read these claims (with their lines' index) and tilsagn in one round trip, so later `hent_*` of them
        cost nothing. Only an optimisation: every read of a transaction sees the state at its start anyway."""
        ...

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None: ...

    def hent_linjer(self, utbetaling_id: str) -> list[Utbetalingslinje]: ...

    def hent_linje(self, linje_id: str) -> Utbetalingslinje | None: ...

    def hent_linje_for_faktura(self, fakturanummer: str) -> Utbetalingslinje | None: ...

    def hent_tilsagn(self, tilsagn_ider: Sequence[str]) -> dict[str, Tilsagn]: ...

    def hent_tilsagn_for_gjennomforing(self, gjennomforing_id: str) -> list[Tilsagn]: ...

    def hent_tilsagn_for_bestilling(self, bestillingsnummer: str) -> Tilsagn | None: ...

    def bestillingsnummer_tatt(self, bestillingsnummer: str) -> bool:
        """True when the number is reserved, by any tilsagn ever created or imported (numbers are never reused)."""
        ...

    def hent_gjennomforing(self, gjennomforing_id: str) -> Gjennomforing | None: ...

    def hent_avtale(self, avtale_id: str) -> Avtale | None: ...

    def lagre_utbetaling(self, u: Utbetaling, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        """Write the claim; with `operasjon`, also its endringshistorikk entry. `ny`: create-only."""
        ...

    def logg_utbetaling(
        self, u: Utbetaling, operasjon: str, utfort_av: str, *, tidspunkt: datetime | None = None
    ) -> None:
        """Only the change-log entry (the snapshot is `u`), for steps whose claim document the caller writes."""
        ...

    def lagre_tilsagn(self, t: Tilsagn, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        """Write the tilsagn (and its change-log entry). `ny`: create-only, with the create-only uniqueness
        document of its bestillingsnummer."""
        ...

    def slett_tilsagn(self, tilsagn_id: str) -> None: ...

    def lagre_linje(self, linje: Utbetalingslinje, *, ny: bool = False) -> None:
        """`ny`: also the create-only uniqueness document of its fakturanummer."""
        ...

    def slett_linje(self, linje_id: str) -> None: ...

    def legg_til_utsending(self, utsending: Utsending) -> None:
        """Create-only outbox record, committed with the state change it belongs to."""
        ...

    def planlegg_arkivering(self, u: Utbetaling, utfort_av: str) -> None:
        """Create `arkiveringer/{u.id}` with the claim (domene.md §11): its creation triggers the archiving."""
        ...

    def tell_tilsagn_lopenummer(self, gjennomforing_id: str, neste: int) -> None:
        """Set the gjennomføring's `neste_tilsagn_lopenummer` counter."""
        ...

    def lagre_stengt(self, g: Gjennomforing) -> None: ...

    def slett_utbetaling(self, u: Utbetaling) -> None:
        """Delete a claim with its index entries (korreksjon only, §6.3 row 16)."""
        ...

    def hent_utsending(self, utsending_id: str) -> Utsending | None: ...

    def send_utsending_igjen(self, utsending: Utsending) -> None:
        """Mark the outbox record unsent, so the dispatcher publishes the same message again (§9)."""
        ...

    def legg_til_varsel(self, varsel: Varsel) -> None:
        """The notice this state change causes (issue 16 §2), committed with it; create-only by its id, so an
        existing notice is left as it is."""
        ...

    def vil_ha_utbetalingsvarsel(self, orgnr: str) -> bool:
        """The organisation asked to be told of payments (a setting per orgnr; default off)."""
        ...


class NavRepo(Protocol):
    def i_transaksjon(self, fn: Callable[[NavTransaksjon], T], *, forsok: int = 5, las: str | None = None) -> T:
        """`fn` in one transaction. `las` names the one aggregate it changes (`utbetaling/{id}`, `tilsagn/{id}`,
        ...): requests on the same aggregate then run one at a time, and one that loses a race answers what `fn`
        answers on the winner's result (its domain error) at once, or `EndretSamtidig`, never waits out retries."""
        ...

    def list_utbetalinger(self, status: str | None, kostnadssted: str | None) -> list[Utbetaling]: ...


class NavAnsattTilganger(Protocol):
    def hent(self, navident: str, grupper: frozenset[str] = frozenset()) -> NavAnsatt:
        """The employee's roles per kostnadssted (§9.1). Unknown employee → no roles."""
        ...


class Enheter(Protocol):
    def navn(self, enhetsnummer: str) -> str:
        """The unit's name; the number itself when unknown."""
        ...


# ----------------------------------------------------------------------------- dispatch


@dataclass(frozen=True, slots=True)
class Publisering:
    topic: str
    data: bytes
    ordering_key: str
    attributter: Mapping[str, str]


class OrdnetPublisher(Protocol):
    def publiser_alle(
        self, meldinger: Sequence[Publisering], ved_svar: Callable[[int, BaseException | None], None] | None = None
    ) -> list[BaseException | None]:
        """Publish concurrently (the keys are distinct) and wait for each; None = accepted, else the error. After a
        failure the key is resumed (`resume_publish`), so the next run can publish it again. `ved_svar(i, feil)` is
        called in order as each answer is known, so the caller can mark what was accepted at once."""
        ...


class UtsendingRepo(Protocol):
    def usendte(self) -> list[Utsending]:
        """Every record not yet sent."""
        ...

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None: ...

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        """Take the dispatcher lease (free, or expired before `na`) and return its fencing token, one higher than
        any token handed out before; if another holds it, ask that holder to run once more and return None."""
        ...

    def bli_venter(self, eier: str, na: datetime) -> datetime | None:
        """Become the one waiter for the lease another holds, and learn when it expires. None when another live
        waiter is registered (it will take over). The lease's expiry is `na` itself when it is already free."""
        ...

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        """Extend the lease to `na + varighet_s` iff it is still held under `token` (atomically); False = it was
        taken over (or released), and the caller must publish nothing more."""
        ...

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        """Release the lease unless a run was asked for meanwhile; True = run again (the lease is kept and renewed
        to `na + varighet_s`). False also when the lease is no longer held under `token`."""
        ...
