"""`AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED` and `..._PER_UKE` (domene.md §4.6): every counted
participant is one
place; the pieces are (P − stengt) cut at sats boundaries. Månedspris: faktor = round5(månedsverk(piece)).
Ukespris: faktor = round5(weekdays(piece) ÷ 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from shared.domain.beregning.grunnlag import Grunnlag, Spenn, bare_telt_periode, beregn_tellende
from shared.domain.beregning.manedsverk import faktor_maned, faktor_uke
from shared.domain.beregning.modeller import DeltakelseInput
from shared.domain.beregning.resultat import BeregnetDeltakelse, BeregnetPeriode

Faktorregel = Callable[[date, date], Decimal]


def _hel_plass_maned(start: date, slutt: date) -> Decimal:
    return faktor_maned(start, slutt, False)


def _stykker(telt: Spenn, grunnlag: Grunnlag, faktorregel: Faktorregel) -> tuple[BeregnetPeriode, ...]:
    perioder: list[BeregnetPeriode] = []
    for bit_start, bit_slutt in grunnlag.uten_stengt(*telt):
        for start, slutt, sats in grunnlag.satser.del_opp(bit_start, bit_slutt):
            faktor = faktorregel(start, slutt)
            if faktor:
                perioder.append(BeregnetPeriode(start, slutt, faktor, sats))
    return tuple(perioder)


def beregn_per_plass(
    deltakelser: tuple[DeltakelseInput, ...], grunnlag: Grunnlag, faktorregel: Faktorregel
) -> list[BeregnetDeltakelse]:
    return beregn_tellende(
        deltakelser, grunnlag.periode, bare_telt_periode, lambda telt: _stykker(telt, grunnlag, faktorregel)
    )


def beregn_manedspris(deltakelser: tuple[DeltakelseInput, ...], grunnlag: Grunnlag) -> list[BeregnetDeltakelse]:
    return beregn_per_plass(deltakelser, grunnlag, _hel_plass_maned)


def beregn_ukespris(deltakelser: tuple[DeltakelseInput, ...], grunnlag: Grunnlag) -> list[BeregnetDeltakelse]:
    return beregn_per_plass(deltakelser, grunnlag, faktor_uke)
