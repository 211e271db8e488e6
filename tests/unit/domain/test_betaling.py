"""KID (MOD10/MOD11), kontonummer and the earliest payment date (domene.md §6.8, §6.9)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.domain.felles.betaling import (
    er_gyldig_kid,
    er_gyldig_kontonummer,
    mod11_kontrollsiffer,
    normaliser_kid,
    utbetales_tidligst,
)
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Tiltakskode
from shared.domain.felles.periode import Periode

T = Tiltakskode


def test_kid_med_gyldig_mod10_godtas() -> None:
    assert er_gyldig_kid("2345676")


def test_kid_med_feil_kontrollsiffer_avvises() -> None:
    assert not er_gyldig_kid("2345674")


def test_kid_med_gyldig_mod11_godtas() -> None:
    assert er_gyldig_kid("12345678903")


def test_kid_ma_vaere_3_til_25_sifre() -> None:
    assert not er_gyldig_kid("18")  # 2 digits, though 1→8 is valid Luhn
    assert er_gyldig_kid("0000000000000000000000000")
    assert not er_gyldig_kid("0" * 26)
    assert not er_gyldig_kid("23456-76")
    assert not er_gyldig_kid("２３４５６７６")  # full-width digits are not digits here


def test_mod11_med_rest_10_har_ikke_kontrollsiffer() -> None:
    assert mod11_kontrollsiffer("14") == 0  # 1×3 + 4×2 = 11 → 11 − 0 = 11 → 0
    assert mod11_kontrollsiffer("5") == 1  # 5×2 = 10 → 11 − 10
    assert mod11_kontrollsiffer("6") is None  # 6×2 = 12 → 11 − 1 = 10: no digit
    assert not er_gyldig_kid("060")  # MOD11 has no digit for "06", and MOD10 wants 7


def test_tom_eller_blank_kid_betyr_ingen_kid() -> None:
    assert normaliser_kid(None) is None
    assert normaliser_kid("  ") is None
    assert normaliser_kid("2345676") == "2345676"
    with pytest.raises(Valideringsfeil, match="/kid: Ugyldig kid"):
        normaliser_kid("2345674")


def test_kontonummer_er_noyaktig_11_sifre_uten_kontrollsum() -> None:
    assert er_gyldig_kontonummer("12345678901")
    assert not er_gyldig_kontonummer("1234567890")
    assert not er_gyldig_kontonummer("1234.56.78901")
    assert not er_gyldig_kontonummer("12345678901\n")


def test_utbetales_tidligst_er_siste_dag_pluss_37_dager() -> None:
    oktober = Periode(date(2025, 10, 1), date(2025, 11, 1))
    november = Periode(date(2025, 11, 1), date(2025, 12, 1))
    assert utbetales_tidligst(T.OPPFOLGING, oktober) == date(2025, 12, 7)
    assert utbetales_tidligst(T.AVKLARING, november) == date(2026, 1, 6)


def test_utbetales_tidligst_er_null_for_koder_uten_ventetid() -> None:
    oktober = Periode(date(2025, 10, 1), date(2025, 11, 1))
    assert utbetales_tidligst(T.ARBEIDSFORBEREDENDE_TRENING, oktober) is None
    assert utbetales_tidligst(T.JOBBKLUBB, oktober) is None
