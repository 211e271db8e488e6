"""The calculation rules of domene.md §4.1–§4.6 for the participant-based models, one rule per test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.domain.beregning import BeregningInput, beregn
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Deltakerstatus, Prismodell, Tiltakskode
from tests.unit.domain.builders import lag_deltakelse, lag_input

D = date
S = Deltakerstatus
P = Prismodell
T = Tiltakskode
JUNI_2023 = (D(2023, 6, 1), D(2023, 7, 1))
JAN_2026 = (D(2026, 1, 1), D(2026, 2, 1))
SEP_2025 = (D(2025, 9, 1), D(2025, 10, 1))
SATS_2023 = [(D(2023, 1, 1), 100)]


def _faktorer(input: BeregningInput) -> list[list[Decimal]]:
    return [[p.faktor for p in d.perioder] for d in beregn(input).output.deltakelser]


def _ids(input: BeregningInput) -> list[str]:
    return [d.id for d in beregn(input).output.deltakelser]


def test_deltaker_pa_venteliste_telles_ikke() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("v", D(2025, 1, 1), status=S.VENTELISTE)])
    assert beregn(input).output.belop == 0
    assert _ids(input) == []


def test_avsluttet_deltakelse_telles_bare_med_sluttdato() -> None:
    deltakelser = [
        lag_deltakelse("med", D(2025, 1, 1), D(2025, 1, 31), status=S.HAR_SLUTTET),
        lag_deltakelse("uten", D(2025, 1, 1), None, status=S.FULLFORT),
        lag_deltakelse("deltar", D(2025, 1, 1), None),
    ]
    assert _ids(lag_input(deltakelser=deltakelser)) == ["med", "deltar"]


def test_tellende_deltakelse_uten_startdato_er_inputfeil() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a"), lag_deltakelse("b", start=None)])
    with pytest.raises(Valideringsfeil, match="^/deltakelser/1/start_dato: mangler$"):
        beregn(input)


def test_ikke_tellende_deltakelse_uten_startdato_er_ikke_feil() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("b", start=None, status=S.SOKT_INN)])
    assert beregn(input).output.belop == 0


def test_deltakelse_utenfor_perioden_er_utelatt() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a", D(2024, 1, 1), D(2024, 12, 31))])
    assert _ids(input) == []


def test_stengte_dager_trekkes_fra_for_faktoren_regnes() -> None:
    input = lag_input(
        maned=JUNI_2023,
        satser=SATS_2023,
        stengt=[(D(2023, 6, 10), D(2023, 6, 12))],
        deltakelser=[lag_deltakelse("a", D(2023, 6, 1))],
    )
    assert _faktorer(input) == [[Decimal("0.30000"), Decimal("0.63333")]]


def test_stengt_hele_perioden_gir_null() -> None:
    input = lag_input(stengt=[(D(2024, 12, 1), D(2025, 3, 1))], deltakelser=[lag_deltakelse("a")])
    assert beregn(input).output.belop == 0


def test_dager_for_forste_sats_betales_ikke() -> None:
    input = lag_input(satser=[(D(2025, 1, 16), 100)], deltakelser=[lag_deltakelse("a", D(2025, 1, 1))])
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.start, p.slutt) for p in perioder] == [(D(2025, 1, 16), D(2025, 2, 1))]


def test_stykker_kuttes_ved_satsgrense_og_far_satsen_som_gjelder() -> None:
    input = lag_input(
        prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
        tiltakskode=T.OPPFOLGING,
        satser=[(D(2024, 1, 1), 50), (D(2025, 1, 15), 100)],
        deltakelser=[lag_deltakelse("a", D(2025, 1, 1))],
    )
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.slutt, p.sats) for p in perioder] == [(D(2025, 1, 15), 50), (D(2025, 2, 1), 100)]


def test_to_satser_med_samme_dato_er_inputfeil() -> None:
    input = lag_input(satser=[(D(2025, 1, 1), 100), (D(2025, 1, 1), 200)], deltakelser=[lag_deltakelse()])
    with pytest.raises(Valideringsfeil, match="^/satser/1/gjelder_fra"):
        beregn(input)


def test_for_august_2025_teller_kalenderdager() -> None:
    # 7 calendar days of July 2025 (31 days), weekend included: V1 by the piece's last day
    input = lag_input(
        maned=(D(2025, 7, 1), D(2025, 8, 1)), deltakelser=[lag_deltakelse("a", D(2025, 7, 7), D(2025, 7, 13))]
    )
    assert _faktorer(input) == [[Decimal("0.22581")]]


def test_fra_august_2025_teller_bare_ukedager() -> None:
    # Mon 8 – Sun 14 Sep 2025: 5 of 22 weekdays; the weekend adds nothing
    input = lag_input(maned=SEP_2025, deltakelser=[lag_deltakelse("a", D(2025, 9, 8), D(2025, 9, 14))])
    helg = lag_input(maned=SEP_2025, deltakelser=[lag_deltakelse("a", D(2025, 9, 13), D(2025, 9, 14))])
    assert _faktorer(input) == [[Decimal("0.22727")]]
    assert _ids(helg) == []  # faktor 0 → left out


def test_stykke_over_versjonsskiftet_bruker_ukedager_for_alle_maneder() -> None:
    input = lag_input(
        maned=(D(2025, 7, 1), D(2025, 9, 1)), deltakelser=[lag_deltakelse("a", D(2025, 7, 1), D(2025, 8, 1))]
    )
    # July: 23 of 23 weekdays; 1 Aug (Fri): 1 of 21 weekdays → 1 + 0.04762
    assert _faktorer(input) == [[Decimal("1.04762")]]


def test_vta_under_50_prosent_er_halv_plass_og_50_er_hel() -> None:
    deltakelser = [lag_deltakelse("p49", prosent=Decimal("49.9")), lag_deltakelse("p50", prosent=50)]
    input = lag_input(tiltakskode=T.VARIG_TILRETTELAGT_ARBEID_SKJERMET, maned=JAN_2026, deltakelser=deltakelser)
    assert _faktorer(input) == [[Decimal("0.50000")], [Decimal("1.00000")]]


def test_aft_fra_2026_er_50_prosent_halv_plass() -> None:
    input = lag_input(maned=JAN_2026, deltakelser=[lag_deltakelse("a", prosent=50)])
    assert _faktorer(input) == [[Decimal("0.50000")]]


def test_aft_for_2026_er_50_prosent_hel_plass() -> None:
    input = lag_input(maned=(D(2025, 12, 1), D(2026, 1, 1)), deltakelser=[lag_deltakelse("a", prosent=50)])
    assert _faktorer(input) == [[Decimal("1.00000")]]


def test_aft_regelen_velges_etter_stykkets_forste_dag() -> None:
    # One piece over New Year (no sats boundary): first day in 2025 → the old rule, 50 % is a full place
    input = lag_input(maned=(D(2025, 12, 1), D(2026, 2, 1)), deltakelser=[lag_deltakelse("a", prosent=50)])
    assert _faktorer(input) == [[Decimal("2.00000")]]


def test_hver_deltakelsesmengde_er_eget_spenn_ogsa_med_lik_prosent() -> None:
    mengder = [(D(2025, 1, 1), 100), (D(2025, 1, 16), 100)]
    input = lag_input(deltakelser=[lag_deltakelse("a", prosent=mengder)])
    assert _faktorer(input) == [[Decimal("0.48387"), Decimal("0.51613")]]


def test_deltakelsesmengde_for_start_gjelder_fra_startdato() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a", D(2025, 1, 16), prosent=[(D(2020, 1, 1), 100)])])
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.start, p.slutt) for p in perioder] == [(D(2025, 1, 16), D(2025, 2, 1))]


def test_dager_uten_deltakelsesmengde_betales_ikke() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a", D(2025, 1, 1), prosent=[(D(2025, 1, 16), 100)])])
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [p.start for p in perioder] == [D(2025, 1, 16)]


def test_ingen_deltakelsesmengde_i_perioden_er_inputfeil() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a", D(2025, 1, 1), prosent=[(D(2025, 3, 1), 100)])])
    with pytest.raises(Valideringsfeil, match="^/deltakelser/0/deltakelsesmengder: "):
        beregn(input)


def test_ukespris_teller_en_ukedag_som_en_femtedel() -> None:
    input = lag_input(
        prismodell=P.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE,
        tiltakskode=T.AVKLARING,
        maned=SEP_2025,
        deltakelser=[lag_deltakelse("a", D(2025, 9, 8), D(2025, 9, 16))],
    )
    assert _faktorer(input) == [[Decimal("1.40000")]]


def test_belopet_rundes_en_gang_for_hele_kravet() -> None:
    # Three participants at 1/3 of 100 kr each: 33.333 × 3 = 99.999 → 100, not 3 × 33 = 99
    deltakelser = [lag_deltakelse(f"d{i}", D(2023, 6, 1), D(2023, 6, 10)) for i in range(3)]
    input = lag_input(maned=JUNI_2023, satser=SATS_2023, deltakelser=deltakelser)
    assert _faktorer(input)[0] == [Decimal("0.33333")]
    assert beregn(input).output.belop == 100


def test_manuelle_prismodeller_har_ingen_beregning() -> None:
    input = lag_input(prismodell=P.ANNEN_AVTALT_PRIS, tiltakskode=T.OPPFOLGING)
    with pytest.raises(Valideringsfeil, match="^/prismodell: "):
        beregn(input)


def test_beregning_holder_input_og_output_sammen() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("a")])
    beregning = beregn(input)
    assert beregning.input is input
    assert beregning.belop == beregning.output.belop == 100
