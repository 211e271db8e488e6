"""Ports of the arrangør API use cases (domene.md §2, §8, §11): Protocols the adapters implement and tests fake."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.service.nav.ports import NavTransaksjon
from shared.service.ports import Innsyn as Innsyn
from shared.service.ports import Tilgangslogg as Tilgangslogg
from shared.service.ports import TilgangsloggFeil as TilgangsloggFeil


class AltinnFeil(Exception):
    """Altinn (or Maskinporten) could not be reached or answered nonsense."""


class Altinn(Protocol):
    def organisasjoner(self, pid: str) -> frozenset[str]:
        """Every orgnr (hovedenheter and underenheter, any depth) whose own authorised resources hold the
        resource id; raises `AltinnFeil`."""
        ...


@dataclass(frozen=True, slots=True)
class Linje:
    """An utbetalingslinje as the arrangør sees it (written by the Nav side, issue 6)."""

    id: str
    utbetaling_id: str
    tilsagn_id: str
    bestillingsnummer: str
    status: str
    status_endret: datetime | None
    belop: int


@dataclass(frozen=True, slots=True)
class Vedlegg:
    id: str
    orgnr: str
    gjennomforing_id: str
    bruker: str
    """HMAC of the uploader's pid (§2)."""
    filnavn: str
    storrelse: int
    opprettet: datetime
    brukt_av: str | None = None


@dataclass
class Oversikt:
    """What the claims list needs of some organisations, read together."""

    utbetalinger: list[Utbetaling]
    """Without `beregning_gz`."""
    gjennomforinger: dict[str, Gjennomforing]
    arrangorer: dict[str, Arrangor]


class ArrangorRepo(Protocol):
    def oversikt(self, orgnr: Sequence[str]) -> Oversikt: ...

    def utbetalinger_for_orgnr(self, orgnr: str) -> list[Utbetaling]:
        """Without `beregning_gz`."""
        ...

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None: ...

    def utbetalinger_for_gjennomforing(self, gjennomforing_id: str) -> list[Utbetaling]: ...

    def gjennomforinger(self, ider: Sequence[str]) -> dict[str, Gjennomforing]: ...

    def gjennomforinger_for_orgnr(self, orgnr: str) -> list[Gjennomforing]: ...

    def arrangorer(self, orgnr: Sequence[str]) -> dict[str, Arrangor]: ...

    def tilsagn_for_gjennomforinger(self, ider: Sequence[str]) -> list[Tilsagn]: ...

    def hent_tilsagn(self, tilsagn_id: str) -> Tilsagn | None: ...

    def deltakelser(self, ider: Sequence[str]) -> dict[str, Deltakelse]: ...

    def deltakelser_for_gjennomforing(self, gjennomforing_id: str, fra: str) -> list[Deltakelse]: ...

    def ventende_forslag(self, gjennomforing_id: str) -> list[Forslag]: ...

    def linjer(self, utbetaling_ider: Sequence[str]) -> list[Linje]: ...

    def kontonummer(self, orgnr: str) -> str | None:
        """Raises `KontoregisterFeil` when the register cannot be reached."""
        ...

    def endre_utbetaling(
        self, utbetaling_id: str, endring: Callable[[Utbetaling], Endring], utfort_av: str = "ARRANGOR"
    ) -> Endring:
        """Run `endring` on the stored claim inside one transaction and write what it returns."""
        ...

    def opprett_krav(
        self, u: Utbetaling, vedlegg_ider: Sequence[str], nye: Sequence[Vedlegg], bruker: str, unik_periode: bool
    ) -> None:
        """Create the manual claim, create the records of its new vedlegg and mark the uploaded ones used, and
        schedule archiving, in one transaction. Raises `VedleggBrukt` if an uploaded vedlegg was used or changed
        meanwhile, and `VedleggBrukt("periode")` when `unik_periode` and a non-AVBRUTT claim of the gjennomføring
        now overlaps the period (timepris, §8.4)."""
        ...

    def hent_avtale(self, avtale_id: str) -> Avtale | None: ...

    def lagre_vedlegg(self, v: Vedlegg) -> None: ...

    def hent_vedlegg(self, ider: Sequence[str]) -> dict[str, Vedlegg]: ...

    def opprett_regenerert(self, gammel: Utbetaling, ny: Utbetaling) -> bool: ...


class VedleggBrukt(Exception):
    pass


@dataclass
class Endring:
    """What a transactional change writes: a new claim (with its change-log text) or nothing, plus an error to raise
    after the commit (a check that stored a recomputed claim and then refused, §8.3 step 4)."""

    ny: Utbetaling | None = None
    operasjon: str = ""
    feil: Exception | None = None
    arkiver: bool = False
    ekstra: dict[str, Any] = field(default_factory=dict)
    i_samme_transaksjon: Callable[[NavTransaksjon, Utbetaling], Utbetaling] | None = None
    """Runs after `ny` is decided and before anything is written, on the same transaction (the AFT/VTA path of
    godkjenn, §6.6): it may read and queue its own writes, and returns the claim to write (once) instead of `ny`.
    `operasjon` is logged for `ny`; the hook logs its own steps."""


class Skanning(StrEnum):
    REN = "REN"
    INFISERT = "INFISERT"
    FEILET = "FEILET"


class Virusskanner(Protocol):
    def skann(self, data: bytes) -> Skanning: ...


class Vedleggslager(Protocol):
    def lagre_midlertidig(self, vedlegg_id: str, data: bytes) -> None: ...

    def finnes(self, vedlegg_id: str) -> bool: ...

    def slett_midlertidig(self, vedlegg_id: str) -> None: ...


class Kvitteringslager(Protocol):
    def lag_pdf(self, innhold: Any) -> bytes: ...
