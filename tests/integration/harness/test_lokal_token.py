"""The local stack out of the box (issue 13 F): `local-dev-token` is the demo's arrangør employee on a freshly
started stack, and the command-line tools work whether or not `eval "$(python -m emulators miljo)"` was run, also
with `LOKAL_STATISK_TOKEN_PID` set in the shell (production settings still refuse it: tests/unit/test_konfig.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROT = Path(__file__).resolve().parents[3]
KLIENT = ("FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "STORAGE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT",
          "UTBETALING_FUNKSJONSVERT")  # fmt: skip


def _status(token: str) -> int:
    url = os.environ["UTBETALING_FUNKSJONSVERT"] + "/arrangor_api/api/arrangorflate/utbetaling"
    foresporsel = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(foresporsel, timeout=30) as svar:  # noqa: S310 - the local host
            return int(svar.status)
    except urllib.error.HTTPError as e:
        return e.code


def test_local_dev_token_er_demoens_arrangoransatt_uten_ekstra_steg() -> None:
    # 200 with the demo's delegations (make demo), 403 «Du mangler tilgang» without: authenticated either way
    assert _status("local-dev-token") in (200, 403)
    assert _status("et-annet-token") == 401


def test_kommandolinjen_virker_uten_eval_og_med_statisk_token_i_skallet() -> None:
    miljo = {k: v for k, v in os.environ.items() if k not in KLIENT} | {"LOKAL_STATISK_TOKEN_PID": "01017012345"}
    for kommando in (
        [sys.executable, "-m", "emulators", "miljo"],
        [sys.executable, "-m", "emulators", "status"],
        [sys.executable, "-m", "shared.cli.main", "generer", "--periode", "2026-11", "--dry-run"],
        [sys.executable, "-m", "shared.cli.main", "token", "--pid", "01017012345"],
    ):
        ut = subprocess.run(kommando, cwd=ROT, env=miljo, capture_output=True, text=True, timeout=120)
        assert ut.returncode == 0, (kommando, ut.stderr[-800:])
