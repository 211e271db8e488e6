"""Worker processes of a Pub/Sub function (`[funksjonsvert.prosesser]`): a Cloud Functions instance is a process."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from emulators.funksjonsvert.felles import logg
from emulators.konfig import ROT


class Arbeidere:
    """The worker processes of one Pub/Sub function: `python -m emulators.funksjonsvert --arbeider FN --plasser N`,
    each loading the host's manifests (only FN) and pulling FN's subscriptions with its share of the slots (the
    shares add up to the function's `samtidighet`). Commands go as JSON lines on a worker's stdin (`last`,
    `trekk`); a worker ends at EOF, so none outlives the host. A worker that died is started again at the next
    `trekk`, and is given every subscription again; the messages it held are redelivered after their lease."""

    def __init__(self, fn: str, antall: int, plasser: int, manifester: list[Path]) -> None:
        """`manifester`: the host's own list of loaded manifests (shared, not copied), which new workers load."""
        self.fn = fn
        self._andeler = (
            [plasser // antall + (1 if i < plasser % antall else 0) for i in range(min(antall, plasser))]
            if plasser > 0
            else [0] * antall  # unbounded, each of them
        )
        self._manifester = manifester
        self._abonnementer: dict[str, dict[str, str]] = {}
        self._prosesser: list[subprocess.Popen[bytes] | None] = [None] * len(self._andeler)
        self._las = threading.Lock()

    def pider(self) -> list[int]:
        return [p.pid for p in self._prosesser if p is not None and p.poll() is None]

    def _send(self, p: subprocess.Popen[bytes], kommando: dict[str, Any]) -> None:
        assert p.stdin is not None
        p.stdin.write(json.dumps(kommando).encode() + b"\n")
        p.stdin.flush()

    def _start(self, i: int) -> subprocess.Popen[bytes]:
        kommando = [sys.executable, "-m", "emulators.funksjonsvert", "--arbeider", self.fn,
                    "--plasser", str(self._andeler[i])]  # fmt: skip
        for m in self._manifester:
            kommando += ["--manifest", str(m)]
        p = subprocess.Popen(kommando, stdin=subprocess.PIPE, cwd=ROT)
        logg("INFO", f"{self.fn}: arbeidsprosess startet", funksjon=self.fn, pid=p.pid, plasser=self._andeler[i])
        for abonnement in self._abonnementer.values():
            self._send(p, {"trekk": abonnement})
        return p

    def last(self, manifester: list[Path]) -> None:
        """Running workers load these too (the host has added them to its list, for workers started later)."""
        with self._las:
            for p in self._prosesser:
                if p is not None and p.poll() is None:
                    self._send(p, {"last": [str(m) for m in manifester]})

    def trekk(self, abonnement: dict[str, str]) -> None:
        with self._las:
            self._abonnementer[abonnement["prosjekt"]] = abonnement
            for i, p in enumerate(self._prosesser):
                if p is None or p.poll() is not None:
                    self._prosesser[i] = self._start(i)  # sends every subscription, this one included
                else:
                    self._send(p, {"trekk": abonnement})
