"""The engine's input models, exactly the JSON of `beregning-kontrakt.md` (snake_case, unknown fields
rejected).

They can be built from Python values (`date`, `Decimal`, `int`, `Periode`) as well as from the JSON document
(`les_beregning_input`). Types are strict on purpose: a sats must be a JSON integer (not `"100"`, not
`100.0`), a
date must be `YYYY-MM-DD`, and a deltakelsesprosent is a `Decimal` or an integer, never a binary float.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, Strict, model_validator
from pydantic_core import PydanticCustomError

from shared.domain.felles.kodeverk import Deltakerstatus, Prismodell, TilsagnStatus, Tiltakskode
from shared.domain.felles.periode import INT32_MAKS, Periode

_DATO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_VALUTA = re.compile(r"[A-Z]{3}")
_FORSTE_DATO, _SISTE_DATO = date(1900, 1, 1), date(2999, 12, 31)


def _dato(verdi: object) -> date:
    """A `date` (not a datetime) or `YYYY-MM-DD`, in 1900–2999 so that no date arithmetic can overflow."""
    dato: date | None = verdi if type(verdi) is date else None
    if type(verdi) is str and len(verdi) == 10 and _DATO.fullmatch(verdi):
        try:
            dato = date.fromisoformat(verdi)
        except ValueError:
            pass
    if dato is None:
        raise PydanticCustomError("dato", "må være en dato på formen ÅÅÅÅ-MM-DD")
    if not _FORSTE_DATO <= dato <= _SISTE_DATO:
        raise PydanticCustomError("dato", "må være mellom 1900-01-01 og 2999-12-31")
    return dato


def _prosent(verdi: object) -> Decimal:
    if type(verdi) is int and 0 <= verdi <= 100:
        return Decimal(verdi)
    if isinstance(verdi, bool) or not isinstance(verdi, (int, Decimal)):
        raise PydanticCustomError("prosent", "må være et tall (ikke tekst eller flyttall)")
    prosent = Decimal(verdi)
    if not prosent.is_finite() or not Decimal(0) <= prosent <= Decimal(100):
        raise PydanticCustomError("prosent", "må være mellom 0 og 100")
    return prosent


def _valuta(verdi: object) -> str:
    if isinstance(verdi, str) and _VALUTA.fullmatch(verdi):
        return verdi
    raise PydanticCustomError("valuta", "må være en valutakode (ISO 4217, f.eks. NOK)")


Dato = Annotated[date, PlainValidator(_dato)]
Prosent = Annotated[Decimal, PlainValidator(_prosent)]
Valuta = Annotated[str, PlainValidator(_valuta)]
Belop = Annotated[int, Strict(), Field(ge=0, le=INT32_MAKS)]
"""Whole kroner, 0 ≤ belop < 2³¹."""
Antall = Annotated[int, Strict(), Field(ge=0, le=INT32_MAKS)]
Heltall = Annotated[int, Strict(), Field(ge=-INT32_MAKS - 1, le=INT32_MAKS)]
Tekst = Annotated[str, Strict()]

_KONFIG = ConfigDict(extra="forbid", frozen=True)
"""No `from_attributes` here: it makes validating 20 000 participants several times slower."""


class PeriodeInput(BaseModel):
    """`{"start", "slutt"}`, half-open. Accepts a domain `Periode` too (`from_attributes`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)
    start: Dato
    slutt: Dato

    @model_validator(mode="after")
    def _start_for_slutt(self) -> PeriodeInput:
        if not self.start < self.slutt:
            raise PydanticCustomError("periode", "start må være før slutt")
        return self

    @property
    def periode(self) -> Periode:
        return Periode(self.start, self.slutt)


class SatsInput(BaseModel):
    model_config = _KONFIG
    gjelder_fra: Dato
    sats: Belop


class Deltakelsesmengde(BaseModel):
    model_config = _KONFIG
    gyldig_fra: Dato
    deltakelsesprosent: Prosent


class DeltakelseInput(BaseModel):
    """One participation; `start_dato`/`slutt_dato` are inclusive. A counted one without `start_dato` is an
    input error, raised by the calculation (`/deltakelser/{i}/start_dato: mangler`)."""

    model_config = _KONFIG
    id: Tekst
    status: Deltakerstatus
    start_dato: Dato | None = None
    slutt_dato: Dato | None = None
    deltakelsesmengder: tuple[Deltakelsesmengde, ...] = ()


class TilsagnInput(BaseModel):
    model_config = _KONFIG
    id: Tekst
    periode: PeriodeInput
    belop: Belop
    belop_brukt: Belop
    status: TilsagnStatus
    valuta: Valuta


class BeregningInput(BaseModel):
    """Input of `utbetaling beregn`. The lists default to empty so a caller may leave out what a model
    does not
    read (for example `deltakelser` for TAO); `valuta` defaults to NOK as the contract says."""

    model_config = _KONFIG
    prismodell: Prismodell
    tiltakskode: Tiltakskode
    periode: PeriodeInput
    valuta: Valuta = "NOK"
    satser: tuple[SatsInput, ...] = ()
    stengt: tuple[PeriodeInput, ...] = ()
    deltakelser: tuple[DeltakelseInput, ...] = ()
    tilsagn: tuple[TilsagnInput, ...] = ()


class Linje(BaseModel):
    """One line of a fri beregning (`ANNEN_AVTALT_PRIS`, INVESTERING): `pris × antall`."""

    model_config = _KONFIG
    beskrivelse: Tekst
    pris: Heltall
    antall: Heltall


class TilsagnBeregningInput(BaseModel):
    """Input of `utbetaling beregn-tilsagn`. Every key is required, null where unused (the contract)."""

    model_config = _KONFIG
    prismodell: Prismodell
    tiltakskode: Tiltakskode
    periode: PeriodeInput
    sats: Belop | None
    antall_plasser: Antall | None
    stengt: tuple[PeriodeInput, ...]
    antall_timer_oppfolging_per_deltaker: Antall | None
    linjer: tuple[Linje, ...] | None
