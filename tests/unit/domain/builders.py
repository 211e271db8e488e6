"""Builders for the calculation engine's tests: sensible defaults, real dates and amounts (STYLE.md §7)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from shared.domain.beregning import (
    BeregningInput,
    DeltakelseInput,
    Deltakelsesmengde,
    PeriodeInput,
    SatsInput,
    TilsagnBeregningInput,
    TilsagnInput,
)
from shared.domain.felles.kodeverk import Deltakerstatus, Prismodell, TilsagnStatus, Tiltakskode

Spenn = tuple[date, date]


def periode(start: date, slutt: date) -> PeriodeInput:
    return PeriodeInput(start=start, slutt=slutt)


def lag_deltakelse(
    id: str = "d0",
    start: date | None = date(2025, 1, 1),
    slutt: date | None = None,
    status: Deltakerstatus = Deltakerstatus.DELTAR,
    prosent: int | Decimal | Sequence[tuple[date, int | Decimal]] = 100,
) -> DeltakelseInput:
    """`prosent` is one prosent from `start`, or a list of `(gyldig_fra, prosent)`."""
    if isinstance(prosent, (int, Decimal)):
        mengder = [] if start is None else [(start, prosent)]
    else:
        mengder = list(prosent)
    return DeltakelseInput(
        id=id,
        status=status,
        start_dato=start,
        slutt_dato=slutt,
        deltakelsesmengder=tuple(Deltakelsesmengde(gyldig_fra=g, deltakelsesprosent=Decimal(p)) for g, p in mengder),
    )


def lag_tilsagn(
    id: str = "t1",
    start: date = date(2025, 1, 1),
    slutt: date = date(2025, 4, 1),
    belop: int = 10000,
    belop_brukt: int = 0,
    status: TilsagnStatus = TilsagnStatus.GODKJENT,
    valuta: str = "NOK",
) -> TilsagnInput:
    return TilsagnInput(
        id=id, periode=periode(start, slutt), belop=belop, belop_brukt=belop_brukt, status=status, valuta=valuta
    )


def lag_input(
    prismodell: Prismodell = Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED,
    tiltakskode: Tiltakskode = Tiltakskode.ARBEIDSFORBEREDENDE_TRENING,
    maned: Spenn = (date(2025, 1, 1), date(2025, 2, 1)),
    satser: Sequence[tuple[date, int]] = ((date(2024, 1, 1), 100),),
    stengt: Sequence[Spenn] = (),
    deltakelser: Sequence[DeltakelseInput] = (),
    tilsagn: Sequence[TilsagnInput] = (),
) -> BeregningInput:
    return BeregningInput(
        prismodell=prismodell,
        tiltakskode=tiltakskode,
        periode=periode(*maned),
        satser=tuple(SatsInput(gjelder_fra=g, sats=s) for g, s in satser),
        stengt=tuple(periode(*s) for s in stengt),
        deltakelser=tuple(deltakelser),
        tilsagn=tuple(tilsagn),
    )


def lag_tilsagn_input(
    prismodell: Prismodell = Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
    tilsagnsperiode: Spenn = (date(2025, 1, 1), date(2025, 2, 1)),
    sats: int | None = 100,
    antall_plasser: int | None = 1,
    stengt: Sequence[Spenn] = (),
    timer: int | None = None,
    tiltakskode: Tiltakskode = Tiltakskode.OPPFOLGING,
) -> TilsagnBeregningInput:
    return TilsagnBeregningInput(
        prismodell=prismodell,
        tiltakskode=tiltakskode,
        periode=periode(*tilsagnsperiode),
        sats=sats,
        antall_plasser=antall_plasser,
        stengt=tuple(periode(*s) for s in stengt),
        antall_timer_oppfolging_per_deltaker=timer,
        linjer=None,
    )
