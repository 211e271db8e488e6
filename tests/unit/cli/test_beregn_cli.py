"""`utbetaling beregn` and `beregn-tilsagn` through the real CLI: exit codes, stdout, one-line stderr."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli.main import main

ROT = Path(__file__).resolve().parents[3]
TILSAGN = {
    "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
    "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
    "periode": {"start": "2024-01-01", "slutt": "2024-02-01"},
    "sats": 20205,
    "antall_plasser": 6,
    "stengt": [],
    "antall_timer_oppfolging_per_deltaker": None,
    "linjer": None,
}
KRAV = {
    "prismodell": "AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED",
    "tiltakskode": "OPPFOLGING",
    "periode": {"start": "2025-10-01", "slutt": "2025-11-01"},
    "satser": [{"gjelder_fra": "2025-01-01", "sats": 1000}],
    "deltakelser": [{"id": "a", "status": "DELTAR", "start_dato": "2025-10-01", "slutt_dato": None}],
}


def _kjor(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    kode = main(argv)
    ut = capsys.readouterr()
    return kode, ut.out, ut.err


def test_beregn_tilsagn_fra_stdin_skriver_kontraktens_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kode, ut, feil = _kjor(["beregn-tilsagn"], json.dumps(TILSAGN), monkeypatch, capsys)
    assert (kode, ut, feil) == (0, '{"belop": 121230, "faktor": 1.0}\n', "")


def test_beregn_fra_fil_gir_belop_og_tidligste_utbetaling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fil = tmp_path / "krav.json"
    fil.write_text(json.dumps(KRAV), encoding="utf-8")
    kode, ut, _ = _kjor(["beregn", "--input", str(fil)], "", monkeypatch, capsys)
    assert kode == 0
    resultat = json.loads(ut)
    assert (resultat["belop"], resultat["utbetales_tidligst"]) == (1000, "2025-12-07")


@pytest.mark.parametrize(
    ("kommando", "dokument", "melding"),
    [
        ("beregn", "{", "/: ugyldig JSON"),
        ("beregn", json.dumps({**KRAV, "ukjent": 1}), "/ukjent: ukjent felt"),
        (
            "beregn",
            json.dumps({**KRAV, "deltakelser": [{"id": "a", "status": "DELTAR"}]}),
            "/deltakelser/0/start_dato: mangler",
        ),
        ("beregn", json.dumps({**KRAV, "satser": [{"gjelder_fra": "2025-01-01", "sats": "1000"}]}), "/satser/0/sats: "),
        ("beregn", json.dumps({**KRAV, "prismodell": "ANNEN_AVTALT_PRIS"}), "/prismodell: "),
        ("beregn-tilsagn", json.dumps({**TILSAGN, "antall_plasser": 2147483647}), "/antall_plasser: "),
        ("beregn-tilsagn", json.dumps({k: v for k, v in TILSAGN.items() if k != "linjer"}), "/linjer: mangler"),
    ],
)
def test_ugyldig_input_gir_kode_2_og_en_linje_med_pointer(
    kommando: str,
    dokument: str,
    melding: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kode, ut, feil = _kjor([kommando], dokument, monkeypatch, capsys)
    assert kode == 2 and ut == ""
    assert feil.startswith(melding) and feil.endswith("\n") and feil.count("\n") == 1


def test_manglende_fil_gir_kode_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kode, _, feil = _kjor(["beregn", "--input", str(tmp_path / "finnes-ikke.json")], "", monkeypatch, capsys)
    assert kode == 2 and feil.startswith("/: kan ikke lese") and feil.count("\n") == 1


def test_konsollskriptet_gir_kode_2_uten_traceback() -> None:
    skript = ROT / ".venv/bin/utbetaling"
    if not skript.exists():
        pytest.skip("utbetaling er ikke installert i .venv")
    kjort = subprocess.run([str(skript), "beregn"], input=b'{"prismodell": 1}', capture_output=True, check=False)
    assert kjort.returncode == 2
    assert kjort.stderr.startswith(b"/prismodell: ") and b"Traceback" not in kjort.stderr
    assert kjort.stderr.count(b"\n") == 1
