"""The amount of a tilsagn Nav is about to approve (`utbetaling beregn-tilsagn`, domene.md §5.4).

The active period is the tilsagn period minus stengt, and `faktor` is the value for one place; whenever
it is not
null, belop = HALF_UP(faktor × sats × antall_plasser). With `linjer` the amount is Σ pris × antall
whatever the
prismodell (this is how INVESTERING tilsagn are computed). An amount outside signed 32 bits is an input error.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, localcontext

from shared.domain.beregning.manedsverk import faktor_maned, faktor_uke
from shared.domain.beregning.modeller import PeriodeInput, TilsagnBeregningInput
from shared.domain.beregning.resultat import TilsagnBeregningOutput
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Prismodell
from shared.domain.felles.periode import (
    KONTEKST,
    Periode,
    antall_ukedager,
    avrund_til_kroner,
    mandag_i_uken,
    passer_i_int32,
)

_P = Prismodell
_EN_UKE = Decimal(1)
_TRE_UKEDAGER = 3
_TO_DAGER = timedelta(days=2)
_OVERLOP = "beløpet får ikke plass i et 32-biters heltall"


def aktive_perioder(periode: Periode, stengt: tuple[PeriodeInput, ...]) -> list[Periode]:
    return periode.trekk_fra(s.periode for s in stengt)


def _maneder_dekket(stykke: Periode) -> set[tuple[int, int]]:
    return {(m.start.year, m.start.month) for m in stykke.del_per_maned()}


def hele_uker(aktive: list[Periode]) -> Decimal:
    """Qualifying week pieces: ≥ 1 weekday if the Wednesday of the ISO week lies in a calendar month
    the active
    piece touches, else ≥ 3 weekdays (so a week split across months is paid by the month holding its
    Wednesday)."""
    antall = 0
    for aktiv in aktive:
        maneder = _maneder_dekket(aktiv)
        for uke in aktiv.del_per_uke():
            ukedager = antall_ukedager(uke.start, uke.slutt)
            onsdag = mandag_i_uken(uke.start) + _TO_DAGER
            krav = 1 if (onsdag.year, onsdag.month) in maneder else _TRE_UKEDAGER
            if ukedager >= krav:
                antall += 1
    return Decimal(antall) * _EN_UKE


def faktor_for_en_plass(input: TilsagnBeregningInput) -> Decimal | None:
    periode = input.periode.periode
    match input.prismodell:
        case _P.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED | _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED:
            aktive = aktive_perioder(periode, input.stengt)
            return sum((faktor_maned(p.start, p.slutt, False) for p in aktive), Decimal("0.00000"))
        case _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE:
            aktive = aktive_perioder(periode, input.stengt)
            return sum((faktor_uke(p.start, p.slutt) for p in aktive), Decimal("0.00000"))
        case _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE:
            return hele_uker(aktive_perioder(periode, input.stengt)) + Decimal("0.00000")
        case _P.FAST_SATS_PER_AVTALT_PLASS_PER_MANED:
            maneder = periode.del_per_maned()
            return sum((faktor_maned(m.start, m.slutt, False) for m in maneder), Decimal("0.00000"))
    return None


def _krev(verdi: int | None, felt: str) -> int:
    if verdi is None:
        raise Valideringsfeil.for_felt(f"/{felt}", "mangler")
    return verdi


def _sjekk_int32(belop: int, pointer: str) -> int:
    if not passer_i_int32(belop):
        raise Valideringsfeil.for_felt(pointer, _OVERLOP)
    return belop


def beregn_tilsagn(input: TilsagnBeregningInput) -> TilsagnBeregningOutput:
    """Raises `Valideringsfeil` for a missing sats/antall or an amount outside signed 32 bits."""
    with localcontext(KONTEKST):
        if input.linjer is not None:
            belop = sum(linje.pris * linje.antall for linje in input.linjer)
            return TilsagnBeregningOutput(belop=_sjekk_int32(belop, "/linjer"), faktor=None)
        sats = _krev(input.sats, "sats")
        plasser = _krev(input.antall_plasser, "antall_plasser")
        if input.prismodell is _P.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER:
            timer = _krev(input.antall_timer_oppfolging_per_deltaker, "antall_timer_oppfolging_per_deltaker")
            return TilsagnBeregningOutput(belop=_sjekk_int32(sats * plasser * timer, "/antall_plasser"), faktor=None)
        faktor = faktor_for_en_plass(input)
        if faktor is None:
            raise Valideringsfeil.for_felt("/linjer", "mangler: ANNEN_AVTALT_PRIS beregnes fra linjer")
        belop = avrund_til_kroner(faktor * sats * plasser)
        return TilsagnBeregningOutput(belop=_sjekk_int32(belop, "/antall_plasser"), faktor=faktor)
