"""The scheduler table (shared/planlegging.py) is what Terraform must declare; the CLI lists it."""

from __future__ import annotations

import pytest

from shared import topics
from shared.cli.main import main
from shared.planlegging import JOBBER, UkjentJobb, jobb


def test_jobbene_er_domenets_og_de_nye_kontekstenes_med_tom_body_og_oslo_tid() -> None:
    assert {(j.navn, j.cron, j.topic) for j in JOBBER} == {
        ("generering-start", "0 5 7 * *", topics.GENERERING_START),
        ("utsending-tikk", "*/5 * * * *", topics.UTSENDING_TIKK),
        ("tao-daglig", "0 6 * * *", topics.TAO_DAGLIG),
        ("varsling-tikk", "*/5 * * * *", topics.VARSLING_TIKK),
        ("varsling-daglig", "0 7 * * *", topics.VARSLING_DAGLIG),
        ("avstemming-daglig", "30 6 * * *", topics.AVSTEMMING_DAGLIG),
        ("avtale-daglig", "30 6 * * *", topics.AVTALE_DAGLIG),
        ("avtale-utsending-tikk", "*/5 * * * *", topics.AVTALE_UTSENDING_TIKK),
    }
    assert all(j.body == "{}" and j.tidssone == "Europe/Oslo" for j in JOBBER)
    assert all(j.topic in topics.INNGAENDE for j in JOBBER)


def test_ukjent_jobb_gir_feil() -> None:
    with pytest.raises(UkjentJobb):
        jobb("finnes-ikke")


def test_liste_skriver_hver_jobb(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["planlegger", "liste"]) == 0
    ut = capsys.readouterr().out
    assert all(j.navn in ut and j.cron in ut for j in JOBBER)


def test_ugyldig_periode_avvises() -> None:
    with pytest.raises(SystemExit):
        main(["planlegger", "kjor", "generering-start", "--periode", "2026-13"])
