"""Ports of the generation, ingest and recalculation use cases (STYLE.md §1): Protocols that the Firestore and
Pub/Sub adapters implement, and that tests/fakes.py implements in memory. Also the access log (§11), which the
arrangør API and the Nav API both write."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from shared.domain.generering.krav import Grunnlag
from shared.domain.grunnlag.melding import InngaendeMelding
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.varsling.varsel import Varsel


class Klokke(Protocol):
    def na(self) -> datetime:
        """Now, an aware UTC instant (microseconds)."""
        ...

    def sov(self, sekunder: float) -> None: ...


class Publisher(Protocol):
    def publiser(self, topic: str, data: bytes) -> None:
        """Publish one message and wait until Pub/Sub has accepted it."""
        ...


class Kontoregister(Protocol):
    """Nav's account register: orgnr → kontonummer. A missing entry is None; a failed lookup raises
    `KontoregisterFeil` (the caller then stores no betalingsinformasjon, §7.1)."""

    def hent_kontonumre(self, orgnr: Iterable[str]) -> Mapping[str, str | None]: ...


class KontoregisterFeil(Exception):
    """The account register could not be reached."""


@dataclass(frozen=True, slots=True)
class Lagret:
    """Result of an ingest write: whether it changed the store, and the gjennomføringer whose claims it may
    affect (old and new parent of a moved deltakelse, every gjennomføring of a changed avtale, ...)."""

    endret: bool
    berorte_gjennomforinger: frozenset[str] = field(default_factory=frozenset)


class IngestRepo(Protocol):
    def lagre_hvis_nyere(self, samling: str, melding: InngaendeMelding) -> Lagret:
        """Upsert (or tombstone) in one transaction if `melding.versjon` > the stored versjon; sets
        `endret`."""
        ...


@dataclass(frozen=True, slots=True)
class Kandidatperiode:
    """A gjennomføring that can get a generated claim (not deleted, not AVLYST, a generated prismodell), with its
    dates: the candidate listing of §7.1 step 1 filters these by month."""

    gjennomforing_id: str
    start_dato: date
    slutt_dato: date | None


class GenereringRepo(Protocol):
    def list_kandidatperioder(self) -> Iterable[Kandidatperiode]:
        """Every gjennomføring that can get a generated claim, with its dates (from an index, never a scan)."""
        ...

    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]:
        """The data of each gjennomføring for the month (§4 intro); missing or unknown ids are left out."""
        ...

    def opprett_utbetaling(self, utbetaling: Utbetaling, operasjon: str, varsel: Varsel | None = None) -> bool:
        """Create-only, together with its endringshistorikk entry and its notice (issue 16 §2); False if the id
        exists already. A notice whose id exists already is left as it is (its key is once per month)."""
        ...

    def opprett_utbetalinger(
        self, utbetalinger: Sequence[Utbetaling], operasjon: str, varsler: Mapping[str, Varsel] | None = None
    ) -> list[bool]:
        """`opprett_utbetaling` for many claims in few commits, each claim still create-only with its own
        effects (its notice in `varsler`, by claim id); [created?] in input order."""
        ...


class OmberegningRepo(Protocol):
    def med_generert_utbetaling(self, gjennomforing_ider: Sequence[str]) -> set[str]:
        """Those of these gjennomføringer that have a GENERERT claim (one batched lookup)."""
        ...

    def opprett_omberegning(self, gjennomforing_id: str, forfall: datetime) -> None:
        """Create `omberegninger/{id}` create-only; an existing marker counts as success."""
        ...

    def hent_omberegning(self, gjennomforing_id: str) -> datetime | None:
        """The marker's `forfall`, or None if there is no marker."""
        ...

    def slett_omberegning(self, gjennomforing_id: str) -> None: ...

    def har_endringer_etter(self, gjennomforing_id: str, t0: datetime) -> bool:
        """Whether any deltakelse, forslag, tilsagn, the gjennomføring (with its stengt periods) or its avtale has
        `endret` ≥ t0 (or the membership of its deltakelser, forslag or tilsagn changed since t0)."""
        ...

    def endringer_etter(self, gjennomforing_ider: Sequence[str], t0: datetime) -> set[str]:
        """`har_endringer_etter` for many gjennomføringer at once: those that changed."""
        ...

    def hent_utbetalinger(self, gjennomforing_id: str) -> list[Utbetaling]:
        """At least every claim of the gjennomføring that is still GENERERT (others may be left out)."""
        ...

    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]: ...

    def oppdater_utbetaling(self, utbetaling: Utbetaling, forrige_updated_at: datetime, operasjon: str) -> bool:
        """Replace a GENERERT claim if it is still GENERERT with that updated_at (optimistic lock), with its
        endringshistorikk entry; False if it changed meanwhile."""
        ...

    def slett_utbetaling(self, utbetaling_id: str, forrige_updated_at: datetime) -> bool:
        """Delete a GENERERT claim under the same optimistic lock."""
        ...


# ----------------------------------------------------------------------------- access log (§11)


@dataclass(frozen=True, slots=True)
class Innsyn:
    """One access-log entry (§11): who saw (an arrangør employee's `pid`, or a Nav employee's `navident`) which
    participants of which document. `utfall` AVVIST records a refused attempt (no participants: nothing was read)."""

    pid: str | None = field(repr=False)
    orgnr: str
    endepunkt: str
    dokument_id: str
    korrelasjon_id: str
    deltaker_identer: tuple[str, ...]
    tidspunkt: datetime
    navident: str | None = None
    utfall: str = "VIST"


class TilgangsloggFeil(Exception):
    pass


class Tilgangslogg(Protocol):
    def skriv(self, innsyn: Innsyn) -> None:
        """Durably, before the response is sent; raises `TilgangsloggFeil`."""
        ...
