"""Deltakelse (one participation), from `deltaker-v1` (domene.md §3.4), and who counts (§4.1).

`tellende_til` is the last date a deltakelse can count (its inclusive `slutt_dato`, or `APEN_SLUTT` when open);
it is stored on the document and in the gjennomføring's index document, so generation reads only the deltakelser
that may overlap a month instead of every historic record of a long-running gjennomføring. Non-counted statuses store
null (and are not in the index).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from shared.domain.felles.kodeverk import AVSLUTTENDE_STATUSER, Deltakerstatus
from shared.domain.grunnlag.melding import Id, InngaendeMelding

APEN_SLUTT = date(9999, 12, 31)


class Adressebeskyttelse(StrEnum):
    UGRADERT = "UGRADERT"
    FORTROLIG = "FORTROLIG"
    STRENGT_FORTROLIG = "STRENGT_FORTROLIG"
    STRENGT_FORTROLIG_UTLAND = "STRENGT_FORTROLIG_UTLAND"


class Person(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    norsk_ident: str
    fornavn: str
    etternavn: str
    adressebeskyttelse: Adressebeskyttelse
    skjermet: bool


class Deltakelsesmengde(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    gyldig_fra: date
    deltakelsesprosent: Decimal = Field(ge=0, le=100)


class Deltakelse(InngaendeMelding):
    gjennomforing_id: Id
    person: Person
    status: Deltakerstatus
    start_dato: date | None = None
    slutt_dato: date | None = None
    deltakelsesmengder: tuple[Deltakelsesmengde, ...] = ()


def telles(d: Deltakelse) -> bool:
    """§4.1: DELTAR, or an ending status with a slutt_dato."""
    if d.status is Deltakerstatus.DELTAR:
        return True
    return d.status in AVSLUTTENDE_STATUSER and d.slutt_dato is not None


def tellende_til(d: Deltakelse) -> date | None:
    if not telles(d):
        return None
    return d.slutt_dato or APEN_SLUTT


def overlapper(d: Deltakelse, start: date, slutt: date) -> bool:
    """Whether a counted deltakelse's inclusive [start_dato, slutt_dato] overlaps the half-open [start,
    slutt).
    A missing start_dato is included, so that it fails as an input error (§4 intro)."""
    if not telles(d):
        return False
    if d.slutt_dato is not None and d.slutt_dato < start:
        return False
    return d.start_dato is None or d.start_dato < slutt


def tellende_periode(d: Deltakelse, start: date, slutt: date) -> tuple[date, date] | None:
    """P = [start_dato, slutt_dato + 1) ∩ C, or None when empty or start_dato is missing (§4.1)."""
    if not telles(d) or d.start_dato is None:
        return None
    p_start = max(d.start_dato, start)
    p_slutt = min(d.slutt_dato + timedelta(days=1), slutt) if d.slutt_dato else slutt
    return (p_start, p_slutt) if p_start < p_slutt else None
