"""Ports of archiving (domene.md §11): the archive itself, the reads and the write-back, the vedlegg copy, the PDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from shared.domain.arkiv.arkivkopi import ARRANGOR, Arkivkopi
from shared.domain.arkiv.journalpost import Journalpost
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.utbetaling.utbetaling import Utbetaling


class ArkivFeil(Exception):
    """The archive could not be reached or failed (time-out, 5xx): try again later."""


class ArkivAvvist(Exception):
    """The archive refused the journalpost for good (a 4xx other than 409). `kode` carries no personal data."""

    def __init__(self, kode: str) -> None:
        super().__init__(kode)
        self.kode = kode


class Arkiv(Protocol):
    def journalfor(self, journalpost: Journalpost) -> str:
        """Create the journalpost and return its id. A second call with the same `ekstern_referanse_id` creates
        nothing and returns the first journalpost's id. Raises `ArkivFeil` (transient) or `ArkivAvvist`."""
        ...


@dataclass(frozen=True, slots=True)
class Arkivering:
    """`arkiveringer/{utbetaling_id}`: written in the transaction that received the claim."""

    utbetaling_id: str
    status: str
    vedlegg: tuple[str, ...] = ()
    innsendt_av: str = ARRANGOR
    journalpost_id: str | None = None


@dataclass(frozen=True, slots=True)
class Arkivgrunnlag:
    """What the archive copy names besides the claim."""

    arrangor_navn: str
    gjennomforing_navn: str
    lopenummer: str
    deltakelser: Mapping[str, Deltakelse] = field(default_factory=dict)
    vedlegg_filnavn: Mapping[str, str] = field(default_factory=dict)


class ArkivRepo(Protocol):
    def hent_arkivering(self, utbetaling_id: str) -> Arkivering | None: ...

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None: ...

    def hent_grunnlag(
        self, u: Utbetaling, deltakelse_ider: Sequence[str], vedlegg_ider: Sequence[str]
    ) -> Arkivgrunnlag: ...

    def lagre_journalpost(self, utbetaling_id: str, journalpost_id: str, na: datetime) -> None:
        """In one transaction: `journalpost_id` on the claim (a new `updated_at`) unless it is set, and the
        arkivering marked JOURNALFORT."""
        ...

    def marker_avvist(self, utbetaling_id: str, kode: str, na: datetime) -> None:
        """The arkivering marked AVVIST with the reason code (no personal data)."""
        ...


class VedleggMangler(Exception):
    """A vedlegg of the claim is neither in `krav/{utbetaling_id}/` nor in `midlertidig/` any more."""


class Vedleggsarkiv(Protocol):
    def kopier_til_krav(self, utbetaling_id: str, vedlegg_id: str) -> bytes:
        """Copy `midlertidig/{vedlegg_id}` to `krav/{utbetaling_id}/{vedlegg_id}` (once) and return its bytes;
        raises `VedleggMangler`."""
        ...


class ArkivPdf(Protocol):
    def lag(self, kopi: Arkivkopi) -> bytes: ...
