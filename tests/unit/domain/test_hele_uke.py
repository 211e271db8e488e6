"""`AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE`: snapping, one payment per ISO week, merging (domene.md §4.6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.domain.beregning import beregn
from shared.domain.beregning.hele_uke import snapp_til_hele_uker
from shared.domain.felles.kodeverk import Prismodell
from shared.domain.felles.periode import Periode
from tests.unit.domain.builders import lag_deltakelse, lag_input

D = date
HELE_UKE = Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE


def test_start_man_til_ons_snappes_tilbake_og_tor_til_son_fram() -> None:
    assert snapp_til_hele_uker(Periode(D(2025, 1, 1), D(2025, 2, 1))) == Periode(D(2024, 12, 30), D(2025, 2, 3))
    assert snapp_til_hele_uker(Periode(D(2025, 5, 1), D(2025, 6, 1))) == Periode(D(2025, 5, 5), D(2025, 6, 2))


def test_slutt_pa_mandag_star_og_tirsdag_onsdag_snappes_tilbake() -> None:
    assert snapp_til_hele_uker(Periode(D(2025, 9, 1), D(2025, 10, 1))) == Periode(D(2025, 9, 1), D(2025, 9, 29))
    assert snapp_til_hele_uker(Periode(D(2025, 3, 3), D(2025, 3, 31))) == Periode(D(2025, 3, 3), D(2025, 3, 31))


def test_hver_uke_tilhorer_noyaktig_ett_maneds_krav() -> None:
    maneder = [Periode(D(2025, m, 1), D(2025, m + 1, 1)) for m in range(1, 12)]
    snappet = [snapp_til_hele_uker(m) for m in maneder]
    for forrige, neste in zip(snappet, snappet[1:], strict=False):
        assert forrige is not None and neste is not None and forrige.slutt == neste.start


def test_en_dags_oppmote_betaler_hele_uken() -> None:
    input = lag_input(
        prismodell=HELE_UKE,
        maned=(D(2025, 1, 1), D(2025, 2, 1)),
        deltakelser=[lag_deltakelse("a", D(2025, 1, 8), D(2025, 1, 8))],
    )
    assert beregn(input).output.belop == 100


def test_stengt_midt_i_uken_betaler_ikke_uken_to_ganger() -> None:
    input = lag_input(
        prismodell=HELE_UKE,
        maned=(D(2025, 1, 1), D(2025, 2, 1)),
        stengt=[(D(2025, 1, 8), D(2025, 1, 9))],
        deltakelser=[lag_deltakelse("a", D(2025, 1, 6), D(2025, 1, 10))],
    )
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.start, p.slutt, p.faktor) for p in perioder] == [
        (D(2025, 1, 6), D(2025, 1, 8), Decimal("1.00000")),
        (D(2025, 1, 9), D(2025, 1, 11), Decimal("0.00000")),
    ]
    assert beregn(input).output.belop == 100


def test_uken_grupperes_etter_mandag_ogsa_over_nyttar() -> None:
    # ISO week 1 of 2026 runs Mon 29 Dec 2025 – Sun 4 Jan 2026; stengt on 31 Dec splits it
    input = lag_input(
        prismodell=HELE_UKE,
        maned=(D(2025, 12, 1), D(2026, 1, 1)),
        stengt=[(D(2025, 12, 31), D(2026, 1, 1))],
        deltakelser=[lag_deltakelse("a", D(2025, 12, 29), D(2026, 1, 2))],
    )
    perioder = beregn(input).output.deltakelser[0].perioder
    assert sum(p.faktor for p in perioder) == 1


def test_tilstotende_stykker_med_samme_sats_slas_sammen() -> None:
    input = lag_input(prismodell=HELE_UKE, maned=(D(2025, 1, 1), D(2025, 2, 1)), deltakelser=[lag_deltakelse("a")])
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.start, p.slutt, p.faktor) for p in perioder] == [
        (D(2025, 1, 1), D(2025, 2, 3), Decimal("5.00000"))
    ]  # open end: to the snapped end


def test_stykket_far_satsen_til_forste_overlappende_satsperiode() -> None:
    input = lag_input(
        prismodell=HELE_UKE,
        maned=(D(2025, 1, 1), D(2025, 2, 1)),
        satser=[(D(2024, 1, 1), 10), (D(2025, 1, 8), 50)],
        deltakelser=[lag_deltakelse("a", D(2025, 1, 6), D(2025, 1, 12))],
    )
    perioder = beregn(input).output.deltakelser[0].perioder
    assert [(p.sats, p.faktor) for p in perioder] == [(10, Decimal("1.00000"))]


def test_stykke_uten_ukedager_droppes() -> None:
    input = lag_input(
        prismodell=HELE_UKE,
        maned=(D(2025, 1, 1), D(2025, 2, 1)),
        deltakelser=[lag_deltakelse("a", D(2025, 1, 11), D(2025, 1, 12))],
    )
    assert beregn(input).output.deltakelser == ()
