"""Periods, weekdays and rounding (domene.md §0, §4.5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.domain.felles.periode import Periode, antall_ukedager, avrund5, avrund_til_kroner, del_

D = date


def test_periode_er_halvapen_og_krever_start_for_slutt() -> None:
    assert Periode(D(2025, 1, 1), D(2025, 2, 1)).antall_dager == 31
    assert Periode.fra_inkluderende(D(2025, 1, 1), D(2025, 1, 1)).antall_dager == 1
    with pytest.raises(ValueError):
        Periode(D(2025, 1, 2), D(2025, 1, 2))


def test_perioder_som_bare_tangerer_overlapper_ikke() -> None:
    a, b = Periode(D(2025, 1, 1), D(2025, 1, 10)), Periode(D(2025, 1, 10), D(2025, 1, 20))
    assert not a.overlapper(b)
    assert a.snitt(b) is None
    assert a.snitt(Periode(D(2025, 1, 5), D(2025, 2, 1))) == Periode(D(2025, 1, 5), D(2025, 1, 10))


def test_trekk_fra_gir_gjenvaerende_biter_i_datorekkefolge() -> None:
    hel = Periode(D(2025, 1, 1), D(2025, 2, 1))
    stengt = [Periode(D(2025, 1, 20), D(2025, 1, 22)), Periode(D(2025, 1, 5), D(2025, 1, 8))]
    assert hel.trekk_fra(stengt) == [
        Periode(D(2025, 1, 1), D(2025, 1, 5)),
        Periode(D(2025, 1, 8), D(2025, 1, 20)),
        Periode(D(2025, 1, 22), D(2025, 2, 1)),
    ]
    assert hel.trekk_fra([Periode(D(2024, 12, 1), D(2025, 3, 1))]) == []


def test_deling_per_maned_kutter_ved_hver_forste_i_maneden() -> None:
    biter = Periode(D(2025, 1, 15), D(2025, 3, 10)).del_per_maned()
    assert [(b.start, b.slutt) for b in biter] == [
        (D(2025, 1, 15), D(2025, 2, 1)),
        (D(2025, 2, 1), D(2025, 3, 1)),
        (D(2025, 3, 1), D(2025, 3, 10)),
    ]


def test_deling_per_uke_kutter_ved_hver_mandag() -> None:
    biter = Periode(D(2025, 1, 1), D(2025, 1, 15)).del_per_uke()
    assert [(b.start, b.slutt) for b in biter] == [
        (D(2025, 1, 1), D(2025, 1, 6)),
        (D(2025, 1, 6), D(2025, 1, 13)),
        (D(2025, 1, 13), D(2025, 1, 15)),
    ]


def test_ukedager_telles_uten_helligdagskalender() -> None:
    assert antall_ukedager(D(2025, 12, 1), D(2026, 1, 1)) == 23  # 25 Dec and 26 Dec count
    assert antall_ukedager(D(2025, 1, 4), D(2025, 1, 6)) == 0  # Sat–Sun
    assert Periode(D(2025, 9, 1), D(2025, 10, 1)).antall_ukedager == 22


def test_avrunding_er_half_up_og_ikke_bankers_rounding() -> None:
    assert avrund_til_kroner(Decimal("2.5")) == 3
    assert avrund_til_kroner(Decimal("118.49999")) == 118
    assert avrund5(Decimal("0.123455")) == Decimal("0.12346")
    assert del_(1, 3) == Decimal("0.33333333333333333333")
    assert del_(2, 3) == Decimal("0.66666666666666666667")
