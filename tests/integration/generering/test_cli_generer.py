"""`utbetaling generer --periode YYYY-MM [--dry-run]` as an operator runs it: a subprocess with the emulator
environment and the test's isolated project (domene.md §7.1)."""

from __future__ import annotations

import os
import subprocess
import sys

from shared import topics
from tests.integration.generering._hjelp import ROT, Miljo, deltaker, gjennomforing


def _generer(m: Miljo, *argumenter: str) -> subprocess.CompletedProcess[str]:
    miljo = {**os.environ, "GOOGLE_CLOUD_PROJECT": m.prosjekt}
    return subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "generer", *argumenter],
        cwd=ROT, env=miljo, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_dry_run_skriver_ingenting_og_ekte_kjoring_lager_kravene(miljo: Miljo) -> None:
    med_tilsagn, uten_tilsagn = gjennomforing(), gjennomforing(lopenummer="2025/8")
    for g in (med_tilsagn, uten_tilsagn):
        miljo.ingest(topics.GJENNOMFORING, g)
        miljo.ingest(topics.DELTAKER, deltaker(g["id"]))
    miljo.tilsagn(med_tilsagn["id"])
    tom = gjennomforing(lopenummer="2025/9")  # no participants: 0 kr, no claim
    miljo.ingest(topics.GJENNOMFORING, tom)

    torr = _generer(miljo, "--periode", "2025-10", "--dry-run")
    assert torr.returncode == 0, torr.stderr
    assert "dry-run: ingenting skrevet" in torr.stdout
    assert "Ville blitt opprettet (--dry-run)" in torr.stdout and "Hoppet over: beløp 0" in torr.stdout
    assert "MANGLER_TILSAGN" in torr.stdout and "41 950" in torr.stdout  # 2 × 20 975 NOK
    assert "3/3" in torr.stderr  # the progress bar
    assert miljo.utbetalinger() == {} and miljo.historikk() == []

    ekte = _generer(miljo, "--periode", "2025-10")
    assert ekte.returncode == 0, ekte.stderr
    assert "Opprettet" in ekte.stdout and "dry-run" not in ekte.stdout
    krav = miljo.utbetalinger()
    assert sorted(u.gjennomforing_id for u in krav.values()) == sorted([med_tilsagn["id"], uten_tilsagn["id"]])
    assert sum(u.belop for u in krav.values()) == 41950

    igjen = _generer(miljo, "--periode", "2025-10")
    assert igjen.returncode == 0 and "Hoppet over: krav finnes for perioden" in igjen.stdout
    assert miljo.utbetalinger() == krav


def test_ugyldig_periode_gir_kode_2(miljo: Miljo) -> None:
    ut = _generer(miljo, "--periode", "2025-13")
    assert ut.returncode == 2 and "/periode" in ut.stderr
