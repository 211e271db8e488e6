"""Ports of the tiltaksavtale use cases (avtale.md §9.4, §10): Protocols the Firestore stand-ins implement and
tests/unit/tiltaksavtale/fakes.py implements in memory.

`TiltaksavtaleRepo.i_transaksjon(fn)` runs `fn` with a `TiltaksavtaleTransaksjon`: reads go through the store's
transaction, writes are buffered and committed with it, and `fn` is retried on contention. A `DomeneFeil` raised
by `fn` aborts it and writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.hendelser import Hendelse, Utsending, Varsel
from shared.domain.tiltaksavtale.kodeverk import Rolle, Status, Tiltakstype
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.tilgang import Avvisning, Person, Virksomhet

T = TypeVar("T")


class PortFeil(Exception):
    """A port could not answer (timeout, 5xx); the use case turns it into the port's 503 text."""


class Klokke(Protocol):
    def na(self) -> datetime:
        """Now, an aware UTC instant."""
        ...


class TiltaksavtaleTransaksjon(Protocol):
    def hent(self, avtale_id: str) -> Tiltaksavtale | None: ...

    def neste_avtalenr(self) -> int:
        """`tellere/avtalenummer`.neste, incremented in this transaction."""
        ...

    def lagre(self, a: Tiltaksavtale, *, ny: bool = False) -> None:
        """Write the avtale (`ny`: create-only)."""
        ...

    def lagre_versjon(self, avtale_id: str, versjon: Versjon) -> None: ...

    def skriv_hendelse(self, h: Hendelse) -> None:
        """Create `avtale_hendelser/{h.id}` (a retried transaction writes the same id)."""
        ...

    def skriv_varsel(self, v: Varsel) -> None: ...

    def skriv_utsending(self, u: Utsending) -> None:
        """The notice outbox: `avtale_utsendinger/{u.ekstern_id}`, create-if-absent (sent once)."""
        ...


@dataclass(frozen=True, slots=True)
class Avtalefilter:
    """A list query (§9.1: one of the party fields, + status, by sist_endret DESC). None = any."""

    bedrift_nr: frozenset[str] | None = None
    deltaker_fnr: str | None = None
    mentor_fnr: str | None = None
    veileder_navident: str | None = None
    status: Status | None = None
    tiltakstype: Tiltakstype | None = None
    maks: int = 5000


class TiltaksavtaleRepo(Protocol):
    def i_transaksjon(self, fn: Callable[[TiltaksavtaleTransaksjon], T]) -> T: ...

    def hent(self, avtale_id: str) -> Tiltaksavtale | None: ...

    def finn(self, filter: Avtalefilter) -> list[Tiltaksavtale]: ...

    def versjoner(self, avtale_id: str) -> list[Versjon]: ...

    def varsler(self, avtale_ider: Iterable[str], rolle: Rolle, mottaker: str | None) -> list[Varsel]:
        """In-app varsler of a role; `mottaker` None for the deltaker and the mentor (they match by avtale)."""
        ...

    def ider_for_daglig_jobb(self) -> list[str]:
        """Every avtale that is not ANNULLERT."""
        ...


class AltinnRettigheter(Protocol):
    def hent(self, pid: str, ressurser: Sequence[str]) -> Mapping[str, frozenset[str]]:
        """{ressurs: orgnr}; raises PortFeil when Altinn is down and nothing is cached."""
        ...


class Personregister(Protocol):
    def hent(self, fnr: str) -> Person | None: ...


class Oppfolgingsregister(Protocol):
    def hent(self, fnr: str) -> Oppfolgingsstatus:
        """Raises PortFeil on a failed lookup."""
        ...


class NavAnsattTilgang(Protocol):
    def skrivetilgang(self, navident: str, fnr: str) -> Avvisning | None:
        """PersonTilgang (Nav: poao-tilgang): None = allowed."""
        ...

    def er_beslutter_ved(self, navident: str, kostnadssted: str | None) -> bool:
        """BESLUTTER_TILSAGN at the kostnadssted (domene §9.1)."""
        ...


class Enhetsregisteret(Protocol):
    def hent(self, orgnr: str) -> Virksomhet | None: ...


@dataclass(frozen=True, slots=True)
class Tilgangsloggpost:
    """§10: one per distinct (avtale, deltaker) a Nav employee's response carries, refusals included."""

    tidspunkt: datetime
    navident: str
    rolle: Rolle
    endepunkt: str
    avtale_id: str
    deltaker_ident: str
    hendelsestype: str
    """READ | CREATE | UPDATE"""
    tillatt: bool


class Tilgangslogg(Protocol):
    def skriv(self, poster: Sequence[Tilgangsloggpost]) -> None:
        """Written before data leaves; raises PortFeil when the write fails (the answer is then 503)."""
        ...


class Varsling(Protocol):
    """§7, §9.4: SMS, Min side and Nav oppgave; idempotent on `ekstern_id` (a second send of one id is a no-op)."""

    def send(self, u: Utsending) -> None:
        """Raises PortFeil when the channel fails (the record stays unsent and is retried)."""
        ...


class AvtalePublisher(Protocol):
    def publiser(self, topic: str, data: bytes, ordering_key: str, attributter: Mapping[str, str]) -> None:
        """Raises PortFeil on a failed publish."""
        ...


class AvtaleUtsendinger(Protocol):
    """The outbox `avtale_utsendinger` seen from its sender (§9.3)."""

    def forfalte(self, na: datetime, maks: int) -> list[Utsending]:
        """Unsent records with `send_tidligst` ≤ now, oldest first."""
        ...

    def hent_usendt(self, ekstern_id: str) -> Utsending | None: ...

    def marker_sendt(self, ekstern_id: str, na: datetime) -> None: ...

    def marker_feilet(self, ekstern_id: str) -> None:
        """One more attempt counted (`forsok`)."""
        ...
