"""The grant figures the agreement states (§4.3–4.9): the §4.5 salary chain with HALF_UP at each named step,
the prosent from the innsatsgruppe and its reduction date, mentor's timelønn, the VTA-O sats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.domain.tiltaksavtale.grenser import inkluderingstilskudd_maks, utgifter
from shared.domain.tiltaksavtale.innhold import Utgift
from shared.domain.tiltaksavtale.kodeverk import Innsatsgruppe, Lonnstype, Tiltakstype, Utgiftstype
from shared.domain.tiltaksavtale.tilskudd import (
    Trinn,
    beregn_tilskudd,
    lonnsberegning,
    manedslonn_100_prosent,
    mentor_timelonn,
    vtao_sats,
)
from tests.unit.tiltaksavtale.byggere import fullt_innhold

MLT = Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD


def test_lonnskjeden_med_avrunding_i_hvert_ledd() -> None:
    b = lonnsberegning(Decimal(30000), Decimal("0.12"), Decimal("0.02"), Decimal("0.141"))
    assert (b.feriepenger, b.otp, b.arbeidsgiveravgift, b.sum_lonnsutgifter) == (3600, 672, 4832, 39104)
    assert (b.manedsbelop(60), b.manedsbelop(40)) == (23462, 15642)


def test_halv_krone_rundes_opp_ikke_til_partall() -> None:
    b = lonnsberegning(Decimal(1000), Decimal(0), Decimal(0), Decimal("0.0005"))
    assert b.sum_lonnsutgifter == 1001
    assert lonnsberegning(Decimal(1), Decimal(0), Decimal(0), Decimal(0)).manedsbelop(50) == 1


def test_midlertidig_60_prosent_reduseres_etter_ett_ar() -> None:
    i = fullt_innhold(MLT, slutt_dato=date(2027, 3, 14))
    t = beregn_tilskudd(MLT, i, Innsatsgruppe.JOBBE_DELVIS)
    assert t is not None and t.manedsbelop == 23462
    assert t.tilskuddstrinn == (
        Trinn(date(2025, 9, 15), date(2026, 9, 14), 60, 23462),
        Trinn(date(2026, 9, 15), date(2027, 3, 14), 50, 19552),
    )


def test_midlertidig_trenger_veiledning_40_prosent_reduseres_etter_seks_maneder() -> None:
    t = beregn_tilskudd(MLT, fullt_innhold(MLT), Innsatsgruppe.TRENGER_VEILEDNING)
    assert t is not None
    assert [(x.start, x.prosent, x.manedsbelop) for x in t.tilskuddstrinn] == [
        (date(2025, 9, 15), 40, 15642),
        (date(2026, 3, 15), 30, 11731),
    ]


def test_reduksjon_etter_sluttdato_gjelder_ikke() -> None:
    i = fullt_innhold(MLT, slutt_dato=date(2026, 9, 14))
    t = beregn_tilskudd(MLT, i, Innsatsgruppe.JOBBE_DELVIS)
    assert t is not None and [x.prosent for x in t.tilskuddstrinn] == [60]


def test_midlertidig_uten_gyldig_innsatsgruppe_har_ingen_sats() -> None:
    assert beregn_tilskudd(MLT, fullt_innhold(MLT), Innsatsgruppe.GODE_MULIGHETER) is None


def test_varig_tak_pa_67_prosent_etter_ett_ar() -> None:
    t = Tiltakstype.VARIG_LONNSTILSKUDD
    tilskudd = beregn_tilskudd(t, fullt_innhold(t, lonnstilskudd_prosent=75, slutt_dato=date(2027, 12, 31)), None)
    assert tilskudd is not None
    assert [(x.prosent, x.manedsbelop) for x in tilskudd.tilskuddstrinn] == [(75, 29328), (67, 26200)]


def test_manedslonn_ved_100_prosent() -> None:
    assert manedslonn_100_prosent(30000, Decimal(40)) == 75000
    assert manedslonn_100_prosent(10001, Decimal(60)) == 16668


@pytest.mark.parametrize(
    ("lonnstype", "belop", "prosent", "forventet"),
    [
        (Lonnstype.TIMELONN, 300, None, 300),
        (Lonnstype.MANEDSLONN, 40000, Decimal(50), 492),
        (Lonnstype.ARSLONN, 585000, Decimal(100), 300),
        (Lonnstype.UKELONN, 11250, Decimal(100), 300),
        (Lonnstype.DAGSLONN, 2250, Decimal(100), 300),
    ],
)
def test_mentors_timelonn(lonnstype: Lonnstype, belop: int, prosent: Decimal | None, forventet: int) -> None:
    assert mentor_timelonn(lonnstype, belop, prosent) == forventet


def test_mentor_manedlig_tilskudd_pa_100_prosent() -> None:
    t = beregn_tilskudd(Tiltakstype.MENTOR, fullt_innhold(Tiltakstype.MENTOR), None)
    assert t is not None and t.manedsbelop == 3910


def test_vtao_sats_etter_startdato() -> None:
    assert (vtao_sats(date(2025, 9, 15)), vtao_sats(date(2026, 1, 1)), vtao_sats(date(2024, 12, 31))) == (
        7067,
        7321,
        None,
    )
    t = beregn_tilskudd(Tiltakstype.VTAO, fullt_innhold(Tiltakstype.VTAO), Innsatsgruppe.JOBBE_DELVIS)
    assert t is not None and t.manedsbelop == 7067


def test_arbeidstrening_har_ikke_tilskudd() -> None:
    assert beregn_tilskudd(Tiltakstype.ARBEIDSTRENING, fullt_innhold(Tiltakstype.ARBEIDSTRENING), None) is None


@pytest.mark.parametrize(
    ("ar", "maks"), [(2023, 143_900), (2024, 149_100), (2025, 154_800), (2026, 160_400), (None, 160_400)]
)
def test_inkluderingstilskudd_maks_per_ar(ar: int | None, maks: int) -> None:
    assert inkluderingstilskudd_maks(ar) == maks


def test_inkluderingstilskudd_summen_kan_na_maks_men_ikke_over() -> None:
    t = Tiltakstype.INKLUDERINGSTILSKUDD
    linjer = (Utgift(type=Utgiftstype.UTSTYR, belop=100_000), Utgift(type=Utgiftstype.OPPLAERING, belop=54_800))
    assert utgifter(fullt_innhold(t, slutt_dato=date(2025, 12, 31), inkluderingstilskuddsutgifter=linjer)) == []
    over = (*linjer, Utgift(type=Utgiftstype.PROGRAMVARE, belop=1))
    feil = utgifter(fullt_innhold(t, slutt_dato=date(2025, 12, 31), inkluderingstilskuddsutgifter=over))
    assert [f.detail for f in feil] == ["Totalbeløpet for tilskudd overstiger det maksimale beløpet"]
