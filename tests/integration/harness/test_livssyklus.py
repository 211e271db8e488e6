"""`python -m emulators med-stack` from cold: starts a whole second stack (shifted ports, own run folder) in under
10 s, gives the command the client environment, passes its exit code through and leaves no process behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from emulators import prosesser
from emulators.konfig import ROT

SKRIPT = """
import os, sys
from pathlib import Path
from emulators import prosesser
from emulators.konfig import les_konfig
k = les_konfig()
pider = [prosesser.les_pid(k, n) for n in prosesser.KOMPONENTER]
assert all(p and prosesser.gruppe_lever(p) for p in pider), pider
assert os.environ["FIRESTORE_EMULATOR_HOST"] == k.adresse("firestore")
assert os.environ["GOOGLE_CLOUD_PROJECT"] == k.prosjekt
rss = sum(prosesser.rss_kib(p) for p in pider if p)
Path(sys.argv[1]).write_text(" ".join(map(str, pider)) + f"\\n{rss}\\n")
sys.exit(3)
"""


def test_med_stack_fra_kald_start_rydder_etter_seg(tmp_path: Path) -> None:
    miljo = {
        **os.environ,
        "UTBETALING_STACK_PORTFORSKYVNING": str(int(os.environ.get("UTBETALING_STACK_PORTFORSKYVNING", "0")) + 37),
        "UTBETALING_STACK_KJOREMAPPE": str(tmp_path / "run"),
        "UTBETALING_STACK_PROSJEKT": "demo-livssyklus",
    }
    for nokkel in ("FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "STORAGE_EMULATOR_HOST"):
        miljo.pop(nokkel, None)
    ut = tmp_path / "pider.txt"
    kommando = [sys.executable, "-m", "emulators", "med-stack", "--", sys.executable, "-c", SKRIPT, str(ut)]

    resultat = subprocess.run(kommando, cwd=ROT, env=miljo, capture_output=True, text=True, timeout=120)

    assert resultat.returncode == 3, resultat.stderr
    startet = re.search(r"på (\d+\.\d) s", resultat.stderr)
    # The budget is 10 s; with other stacks running on the two cores (a CI clone, a colleague) allow more.
    grense = 10.0 if os.getloadavg()[0] < (os.cpu_count() or 1) else 25.0
    assert startet and float(startet.group(1)) < grense, resultat.stderr
    assert "ingen prosesser igjen" in resultat.stderr
    pider_tekst, rss = ut.read_text().split("\n")[:2]
    assert int(rss) < 1024 * 1024, f"RSS {int(rss) / 1024:.0f} MiB"
    for pid in map(int, pider_tekst.split()):
        assert not prosesser.gruppe_lever(pid), f"prosessgruppe {pid} lever etter med-stack"
    assert not list((tmp_path / "run").glob("*.pid"))
