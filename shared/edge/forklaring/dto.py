"""`beregningsendringer`: the changes of a claim's amount as JSON (camelCase), newest first (issue 18 part 2).

An extra field on the arrangør's claim document (Nav's front end ignores fields it does not know) and the body of
the Nav API's `GET /utbetaling/{id}/forklaring`. Decimals (faktor, prosent) are strings so they stay exact.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from shared.domain.forklaring.diff import Stykke
from shared.domain.forklaring.versjoner import Endring


class _Dto(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)


class StykkeDto(_Dto):
    periode_start: date
    periode_slutt: date
    """Inclusive."""
    faktor: str
    sats: int
    prosent: str | None

    @classmethod
    def fra(cls, s: Stykke | None) -> StykkeDto | None:
        if s is None:
            return None

        prosent = None if s.prosent is None else _tekst(s.prosent)
        return cls(periode_start=s.start, periode_slutt=s.slutt - timedelta(days=1), faktor=_tekst(s.faktor),
                   sats=s.sats, prosent=prosent)  # fmt: skip


def _tekst(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


class StykkeendringDto(_Dto):
    type: str
    for_: StykkeDto | None = Field(alias="for")
    etter: StykkeDto | None
    belop: int


class DeltakerendringDto(_Dto):
    deltakelse_id: str
    type: str
    belop: int
    stykker: list[StykkeendringDto]


class TilsagnendringDto(_Dto):
    tilsagn_id: str
    belop_for: int
    belop_etter: int
    belop: int


class BeregningsendringDto(_Dto):
    tidspunkt: datetime
    arsaker: list[str]
    belop_for: int
    belop_etter: int
    endring: int
    deltakere: list[DeltakerendringDto]
    tilsagn: list[TilsagnendringDto]

    @classmethod
    def fra(cls, e: Endring) -> BeregningsendringDto:
        d = e.diff
        deltakere = [
            DeltakerendringDto(deltakelse_id=x.deltakelse_id, type=x.type.value, belop=x.kroner, stykker=[
                StykkeendringDto(type=s.type.value, for_=StykkeDto.fra(s.for_), etter=StykkeDto.fra(s.etter),
                                 belop=s.kroner) for s in x.stykker])
            for x in d.deltakere
        ]  # fmt: skip
        tilsagn = [TilsagnendringDto(tilsagn_id=t.tilsagn_id, belop_for=t.belop_for, belop_etter=t.belop_etter,
                                     belop=t.kroner) for t in d.tilsagn]  # fmt: skip
        return cls(tidspunkt=e.tidspunkt, arsaker=[a.value for a in e.arsaker], belop_for=d.belop_for,
                   belop_etter=d.belop_etter, endring=d.endring, deltakere=deltakere, tilsagn=tilsagn)  # fmt: skip


class ForklaringDto(_Dto):
    utbetaling_id: str
    belop: int
    endringer: list[BeregningsendringDto]


def forklaring(utbetaling_id: str, belop: int, endringer: tuple[Endring, ...]) -> ForklaringDto:
    return ForklaringDto(utbetaling_id=utbetaling_id, belop=belop,
                         endringer=[BeregningsendringDto.fra(e) for e in endringer])  # fmt: skip


def endringer(e: tuple[Endring, ...]) -> list[BeregningsendringDto]:
    return [BeregningsendringDto.fra(x) for x in e]
