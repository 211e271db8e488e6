"""Utbetaling (payment claim): statuses, blokkeringer and the fields of a claim (domene.md §6.1, §6.2, §6.5).

This module holds what generation and recalculation need: the GENERERT claim. Status transitions after
submission belong to the API and processing issues, which extend this module.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.domain.felles.kodeverk import Tilskuddstype


class UtbetalingStatus(StrEnum):
    GENERERT = "GENERERT"
    """Made by the system; waits for the arrangør to check and send it in."""
    TIL_BEHANDLING = "TIL_BEHANDLING"
    """Sent in by the arrangør or created by Nav; a saksbehandler must charge it to tilsagn."""
    TIL_ATTESTERING = "TIL_ATTESTERING"
    """Lines created; waiting for attestant(s)."""
    RETURNERT = "RETURNERT"
    """A line was returned; all lines are RETURNERT."""
    FERDIG_BEHANDLET = "FERDIG_BEHANDLET"
    """All lines approved; FAKTURA messages sent."""
    DELVIS_UTBETALT = "DELVIS_UTBETALT"
    """Some lines paid."""
    UTBETALT = "UTBETALT"
    """All lines paid."""
    TIL_AVBRYTELSE = "TIL_AVBRYTELSE"
    """Nav asked to cancel; two-person check pending."""
    AVBRUTT = "AVBRUTT"
    """Cancelled by the arrangør, or by Nav after the two-person check."""


class Opprinnelse(StrEnum):
    GENERERT = "GENERERT"
    """Created by the monthly run (or regenerated)."""
    ARRANGOR = "ARRANGOR"
    """Created by hand by the arrangør (§8.4)."""
    KORREKSJON = "KORREKSJON"
    """Extra claim by Nav for a paid period (§6.10)."""


class Blokkering(StrEnum):
    MANGLER_TILSAGN = "MANGLER_TILSAGN"
    """No GODKJENT tilsagn of a usable type and valuta overlaps the period."""
    UBEHANDLET_FORSLAG = "UBEHANDLET_FORSLAG"
    """A pending forslag is relevant for a counted participant."""


class Betalingsinformasjon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kontonummer: str | None
    kid: str | None


class Utbetaling(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    gjennomforing_id: str
    tiltakskode: str
    arrangor_orgnr: str
    periode_start: date
    periode_slutt: date
    """Half-open, snapped to whole weeks for the hele-uke model."""
    maned: str | None = None
    """"YYYY-MM" of a generated claim: the unsnapped month it was generated for (gyldig check,
    recalculation)."""
    tilskuddstype: Tilskuddstype = Tilskuddstype.TILTAK_DRIFTSTILSKUDD
    opprinnelse: Opprinnelse
    status: UtbetalingStatus
    prismodell: str
    belop: int
    valuta: str
    beregning_gz: bytes | None = None
    betalingsinformasjon: Betalingsinformasjon | None = None
    innsendt_tidspunkt: datetime | None = None
    utbetales_tidligst: date | None = None
    blokkeringer: tuple[Blokkering, ...] = ()
    begrunnelse_mindre_betalt: str | None = None
    kommentar: str | None = None
    korreksjon: dict[str, str] | None = None
    avbrytelse: dict[str, object] | None = None
    regenerert_fra_id: str | None = None
    regenerert_id: str | None = None
    vedlegg: tuple[str, ...] = ()
    journalpost_id: str | None = None
    created_at: datetime
    updated_at: datetime

    @property
    def er_korreksjon(self) -> bool:
        return self.korreksjon is not None or self.opprinnelse is Opprinnelse.KORREKSJON


def neste_updated_at(na: datetime, forrige: datetime | None) -> datetime:
    """§6.1: microsecond precision; if the new value is not after the stored one, the stored value + 1 µs."""
    if forrige is not None and na <= forrige:
        return forrige + timedelta(microseconds=1)
    return na
