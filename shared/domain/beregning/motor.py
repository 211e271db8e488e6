"""`beregn`: the amount of one claim (domene.md §4), one pricing model per module, input and output
kept together.

Amount = Σ over all participants and pieces of (faktor × sats), rounded once to whole kroner HALF_UP;
for TAO the
sum of the tilsagn bidrag. All arithmetic runs in the engine's Decimal context, whatever the caller's
context is.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

from shared.domain.beregning.avtalt_pris import beregn_manedspris, beregn_ukespris
from shared.domain.beregning.fast_sats import beregn_fast_sats
from shared.domain.beregning.grunnlag import Grunnlag, sjekk_datoer, telles
from shared.domain.beregning.hele_uke import beregn_hele_uker, snapp_til_hele_uker
from shared.domain.beregning.modeller import BeregningInput
from shared.domain.beregning.resultat import (
    BeregnetDeltakelse,
    BeregnetPeriode,
    Beregning,
    BeregningOutput,
    TilsagnBidrag,
)
from shared.domain.beregning.satser import SatsTabell
from shared.domain.beregning.tao import beregn_tao
from shared.domain.felles.betaling import utbetales_tidligst
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import MANUELLE_PRISMODELLER, Prismodell
from shared.domain.felles.periode import KONTEKST, Periode, avrund_til_kroner, passer_i_int32

_P = Prismodell
_NULL = Decimal(0)


def _sjekk_prismodell(input: BeregningInput) -> None:
    if input.prismodell in MANUELLE_PRISMODELLER:
        raise Valideringsfeil.for_felt(
            "/prismodell",
            f"{input.prismodell.value} har ingen beregnet sum: beløpet legges inn av arrangøren",
        )


def valider_beregning_input(input: BeregningInput) -> None:
    """The checks that need no calculation: a calculated model, unique satser, dates of counted deltakelser
    (the last two not for TAO, which reads only the tilsagn). `beregn` makes the same checks as it goes, and
    also raises `Valideringsfeil` for what only the calculation can see (deltakelsesmengder)."""
    _sjekk_prismodell(input)
    if input.prismodell is _P.FAST_SATS_PER_AVTALT_PLASS_PER_MANED:
        return
    SatsTabell.fra_input(input.satser)
    for indeks, deltakelse in enumerate(input.deltakelser):
        if telles(deltakelse):
            sjekk_datoer(deltakelse, indeks)


def beregnet_periode(input: BeregningInput) -> Periode:
    """C: the input period, snapped to whole weeks for the hele-uke model."""
    periode = input.periode.periode
    if input.prismodell is not _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE:
        return periode
    snappet = snapp_til_hele_uker(periode)
    if snappet is None:
        raise Valideringsfeil.for_felt("/periode", "perioden inneholder ingen hel uke")
    return snappet


def beregn(input: BeregningInput) -> Beregning:
    """Amount for one utbetaling period. Raises `Valideringsfeil` (with a JSON pointer) on invalid input."""
    with localcontext(KONTEKST):
        _sjekk_prismodell(input)
        periode = beregnet_periode(input)
        deltakelser: Sequence[BeregnetDeltakelse] = ()
        bidrag: Sequence[TilsagnBidrag] = ()
        if input.prismodell is _P.FAST_SATS_PER_AVTALT_PLASS_PER_MANED:
            bidrag = beregn_tao(input.tilsagn, periode, input.valuta)
            belop = sum(b.belop for b in bidrag)
        else:
            deltakelser = _beregn_deltakelser(input, periode)
            belop = avrund_til_kroner(_sum_faktor_ganger_sats(deltakelser))
        if not passer_i_int32(belop):
            raise Valideringsfeil.for_felt("/deltakelser", "beløpet får ikke plass i et 32-biters heltall")
        output = BeregningOutput(
            belop=belop,
            valuta=input.valuta,
            periode=periode,
            utbetales_tidligst=utbetales_tidligst(input.tiltakskode, periode),
            deltakelser=tuple(deltakelser),
            tilsagn_bidrag=tuple(bidrag),
        )
    return Beregning(input=input, output=output)


def _beregn_deltakelser(input: BeregningInput, periode: Periode) -> list[BeregnetDeltakelse]:
    grunnlag = Grunnlag.lag(periode, SatsTabell.fra_input(input.satser), input.stengt)
    match input.prismodell:
        case _P.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED:
            return beregn_fast_sats(input.tiltakskode, input.deltakelser, grunnlag)
        case _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED:
            return beregn_manedspris(input.deltakelser, grunnlag)
        case _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE:
            return beregn_ukespris(input.deltakelser, grunnlag)
        case _P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE:
            return beregn_hele_uker(input.deltakelser, grunnlag)
    raise AssertionError(f"ukjent prismodell {input.prismodell}")  # pragma: no cover


def _sum_faktor_ganger_sats(deltakelser: Sequence[BeregnetDeltakelse]) -> Decimal:
    """Σ faktor × sats, exact: the engine's context has 60 digits, far more than any sum of 5-decimal factors
    times 32-bit satser needs, so nothing rounds before `avrund_til_kroner`. Participants sharing the same
    pieces (the models compute them once per claim) are summed once and multiplied by their count."""
    antall: dict[int, int] = {}
    perioder: dict[int, tuple[BeregnetPeriode, ...]] = {}
    for deltakelse in deltakelser:
        nokkel = id(deltakelse.perioder)
        antall[nokkel] = antall.get(nokkel, 0) + 1
        perioder[nokkel] = deltakelse.perioder
    total = _NULL
    for nokkel, stykker in perioder.items():
        total += sum((p.faktor * p.sats for p in stykker), _NULL) * antall[nokkel]
    return total
