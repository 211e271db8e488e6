"""Gjennomføring (one run of a programme by one arrangør), from `gjennomforing-v1` (domene.md §3.4), plus
what Nav
registers on it through the Nav API: stengt periods (§4.2, §9) and the tilsagn løpenummer counter (§5.1).

The inbound message (`GjennomforingMelding`) only carries the source system's fields; the ingest merges
exactly
those into the document, so stengt periods and counters are never overwritten by a message.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from shared.domain.grunnlag.melding import Id, InngaendeMelding, Orgnr


class GjennomforingStatus(StrEnum):
    GJENNOMFORES = "GJENNOMFORES"
    """Running."""
    AVSLUTTET = "AVSLUTTET"
    """Ended as planned."""
    AVBRUTT = "AVBRUTT"
    """Stopped early."""
    AVLYST = "AVLYST"
    """Cancelled before it started: never gets a generated claim."""


Lopenummer = Annotated[str, StringConstraints(pattern=r"^\d{4}/\d+$")]


class GjennomforingMelding(InngaendeMelding):
    lopenummer: Lopenummer
    navn: str
    tiltakskode: str
    """Any code of Nav's; only the codes of kodeverk.TILTAKSTYPER are in the service."""
    arrangor_orgnr: Orgnr
    avtale_id: Id | None = None
    start_dato: date
    slutt_dato: date | None = None
    status: GjennomforingStatus
    prismodell: str
    """Any of Nav's models (also TILSKUDD_TIL_OPPLAERING, INGEN_KOSTNADER); only GENERERTE_PRISMODELLER get
    claims."""
    valuta: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class StengtPeriode(BaseModel):
    """A period the arrangør is closed, stored half-open [start, slutt) (Nav enters inclusive dates, §9)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    start: date
    slutt: date
    beskrivelse: str


class Gjennomforing(GjennomforingMelding):
    stengt: tuple[StengtPeriode, ...] = ()
    neste_tilsagn_lopenummer: int = 1
