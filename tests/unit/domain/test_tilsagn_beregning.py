"""The tilsagn amount for every model (`utbetaling beregn-tilsagn`, domene.md §5.4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.domain.beregning import Linje, TilsagnBeregningInput, beregn_tilsagn
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Prismodell
from tests.unit.domain.builders import lag_tilsagn_input

D = date
P = Prismodell
JAN_2025 = (D(2025, 1, 1), D(2025, 2, 1))


def test_manedspris_er_faktor_ganger_sats_ganger_plasser() -> None:
    resultat = beregn_tilsagn(lag_tilsagn_input(sats=20205, antall_plasser=6))
    assert (resultat.belop, resultat.faktor) == (121230, Decimal("1.00000"))


def test_fast_sats_bruker_manedsverk_med_stengt_trukket_fra() -> None:
    input = lag_tilsagn_input(
        prismodell=P.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED,
        tilsagnsperiode=(D(2024, 1, 1), D(2024, 3, 1)),
        sats=20205,
        stengt=[(D(2024, 2, 1), D(2024, 3, 1))],
    )
    assert beregn_tilsagn(input).belop == 20205


def test_ukespris_teller_ukedager_delt_pa_fem() -> None:
    resultat = beregn_tilsagn(lag_tilsagn_input(prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE, sats=100))
    assert (resultat.belop, resultat.faktor) == (460, Decimal("4.60000"))


def test_hele_uke_teller_uke_med_onsdag_i_maneden_fra_en_ukedag() -> None:
    input = lag_tilsagn_input(
        prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE, tilsagnsperiode=(D(2025, 1, 9), D(2025, 1, 10))
    )
    assert beregn_tilsagn(input).belop == 100


def test_hele_uke_med_onsdag_i_annen_maned_krever_tre_ukedager() -> None:
    # Week of Mon 28 Jul 2025: Wednesday 30 Jul is in July, which [1 Aug, 6 Aug) does not touch
    kort = lag_tilsagn_input(
        prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE, tilsagnsperiode=(D(2025, 8, 1), D(2025, 8, 3))
    )
    assert beregn_tilsagn(kort).belop == 0
    # Week of Mon 29 Sep 2025: Wednesday 1 Oct; [29 Sep, 1 Oct) has two weekdays, not three
    sept = lag_tilsagn_input(
        prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE, tilsagnsperiode=(D(2025, 9, 1), D(2025, 10, 1))
    )
    assert beregn_tilsagn(sept).faktor == Decimal("4.00000")


def test_tao_tilsagn_bruker_manedsverk_og_ignorerer_stengt() -> None:
    input = lag_tilsagn_input(
        prismodell=P.FAST_SATS_PER_AVTALT_PLASS_PER_MANED,
        tilsagnsperiode=(D(2025, 1, 1), D(2025, 7, 1)),
        sats=7067,
        antall_plasser=2,
        stengt=[(D(2025, 2, 1), D(2025, 3, 1))],
    )
    assert beregn_tilsagn(input).belop == 7067 * 2 * 6


def test_timepris_er_sats_ganger_plasser_ganger_timer() -> None:
    input = lag_tilsagn_input(
        prismodell=P.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER, sats=2, antall_plasser=2, timer=2
    )
    resultat = beregn_tilsagn(input)
    assert (resultat.belop, resultat.faktor) == (8, None)


def test_timepris_uten_timer_er_inputfeil() -> None:
    input = lag_tilsagn_input(prismodell=P.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER)
    with pytest.raises(Valideringsfeil, match="^/antall_timer_oppfolging_per_deltaker: mangler$"):
        beregn_tilsagn(input)


def test_linjer_summeres_uansett_prismodell() -> None:
    input = lag_tilsagn_input(prismodell=P.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED, sats=None, antall_plasser=None)
    med_linjer = TilsagnBeregningInput.model_validate(
        {
            **input.model_dump(),
            "linjer": [Linje(beskrivelse="Maskin", pris=1500, antall=2), {"beskrivelse": "", "pris": 1, "antall": 3}],
        }
    )
    resultat = beregn_tilsagn(med_linjer)
    assert (resultat.belop, resultat.faktor) == (3003, None)


def test_belop_utenfor_32_biter_er_inputfeil() -> None:
    with pytest.raises(Valideringsfeil, match="^/antall_plasser: "):
        beregn_tilsagn(lag_tilsagn_input(sats=20205, antall_plasser=2**31 - 1))


def test_manglende_sats_er_inputfeil() -> None:
    with pytest.raises(Valideringsfeil, match="^/sats: mangler$"):
        beregn_tilsagn(lag_tilsagn_input(sats=None))
