"""python -m emulators start | stop | status | reset | miljo | med-stack [--behold] -- CMD ..."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence

from emulators import prosesser as p
from emulators.klargjoring import KlargjoringFeilet, klargjor_prosjekt, reset
from emulators.konfig import StackKonfig, les_konfig

HELSE_FRIST_S = float(os.environ.get("UTBETALING_STACK_HELSE_FRIST_S", "60"))
"""How long `start` waits for every component to answer its health URL (longer on a loaded machine)."""


def start_stack(k: StackKonfig, stille: bool = False) -> list[str]:
    """Starts what is not running, waits until all answer, sets up the default project.

    Returns the names of the components it started (the ones to stop afterwards).
    """
    t0 = time.monotonic()
    komp = p.komponenter(k)
    startet = _start_manglende(k, komp)
    mangler = p.vent_frisk(k, {n: komp[n].helse_url for n in startet}, HELSE_FRIST_S)
    if mangler:
        for navn in startet:
            p.stopp(k, navn)
        loggene = ", ".join(str(p.loggfil(k, n)) for n in mangler)
        raise SystemExit(f"emulators: {', '.join(mangler)} svarte ikke innen {HELSE_FRIST_S:.0f} s (se {loggene})")
    try:
        klargjor_prosjekt(k.prosjekt, konfig=k)
    except KlargjoringFeilet:
        for navn in startet:
            p.stopp(k, navn)
        raise
    _varsle_om_feil(k)
    (k.kjoremappe / "klientmiljo.json").write_text(json.dumps(k.klientmiljo()))  # for shared.config.bruk_lokal_stack
    if not stille:
        hva = ", ".join(startet) if startet else "ingenting (alt kjørte)"
        print(
            f"emulators: startet {hva} på {time.monotonic() - t0:.1f} s; prosjekt {k.prosjekt}",
            file=sys.stderr,
        )
    return startet


def _start_manglende(k: StackKonfig, komp: dict[str, p.Komponent]) -> list[str]:
    startet: list[str] = []
    for navn in p.KOMPONENTER:
        if p.kjorer(k, navn) and p.frisk(komp[navn].helse_url):
            continue
        p.stopp(k, navn)  # a half-dead leftover
        opptatt = p.porter_i_bruk(k, navn)
        if opptatt:
            stopp_stack(k, startet)
            raise SystemExit(
                f"emulators: port {opptatt} for {navn} er i bruk av en prosess som ikke er i {k.kjoremappe} "
                "(en annen stack, f.eks. fra en annen klon?). Stopp den, eller flytt denne: "
                "UTBETALING_STACK_PORTFORSKYVNING=100"
            )
        p.start(k, komp[navn])
        startet.append(navn)
    return startet


def _varsle_om_feil(k: StackKonfig) -> None:
    with urllib.request.urlopen(k.url("funksjonsvert") + "/_vert/helse", timeout=5) as svar:
        feil: dict[str, str] = json.load(svar).get("feil", {})
    for navn, melding in feil.items():
        print(f"emulators: ADVARSEL funksjonen {navn} ble ikke lastet: {melding}", file=sys.stderr)
    if feil:
        print(f"emulators: detaljer i {p.loggfil(k, 'funksjonsvert')}", file=sys.stderr)


def stopp_stack(k: StackKonfig, navn: Sequence[str] = p.KOMPONENTER) -> list[str]:
    """Stops in reverse order; returns what is still alive (should be nothing)."""
    return [n for n in reversed(list(navn)) if not p.stopp(k, n)]


def status(k: StackKonfig) -> int:
    komp = p.komponenter(k)
    total = 0
    alle_friske = True
    for navn in p.KOMPONENTER:
        pid = p.les_pid(k, navn)
        lever = pid is not None and p.gruppe_lever(pid)
        frisk = lever and p.frisk(komp[navn].helse_url)
        alle_friske &= frisk
        rss = p.rss_kib(pid) if lever and pid else 0
        total += rss
        tilstand = "frisk" if frisk else ("kjører, svarer ikke" if lever else "stoppet")
        print(f"{navn:14} {tilstand:20} pid {pid or '-':>7}  RSS {rss / 1024:6.1f} MiB  {komp[navn].helse_url}")
    print(f"{'totalt':14} {'':20} {'':11}  RSS {total / 1024:6.1f} MiB  (budsjett 1024 MiB)")
    for nokkel, verdi in k.klientmiljo().items():
        print(f"export {nokkel}={verdi}")
    return 0 if alle_friske else 1


def med_stack(k: StackKonfig, kommando: list[str], behold: bool) -> int:
    if not kommando:
        print("emulators med-stack: mangler kommando etter --", file=sys.stderr)
        return 2
    startet = start_stack(k)
    miljo = {**os.environ, **k.klientmiljo()}
    proc = subprocess.Popen(kommando, env=miljo)

    def videresend(signum: int, _ramme: object) -> None:
        proc.send_signal(signum)

    gamle = {s: signal.signal(s, videresend) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        kode = proc.wait()
    finally:
        for s, h in gamle.items():
            signal.signal(s, h)
        if not behold and startet:
            igjen = stopp_stack(k, startet)
            if igjen:
                print(f"emulators: prosesser igjen etter stopp: {igjen}", file=sys.stderr)
                kode = kode or 1
            else:
                print(f"emulators: stoppet {', '.join(startet)}; ingen prosesser igjen", file=sys.stderr)
    return kode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulators", description="Den lokale Google Cloud-stacken")
    sub = parser.add_subparsers(dest="kommando", required=True)
    sub.add_parser("start", help="start alt, vent til friskt, sett opp standardprosjektet")
    sub.add_parser("stop", help="stopp alt (etter PID-filer)")
    sub.add_parser("status", help="helse og RSS")
    sub.add_parser("miljo", help="skriv export-linjer for klientene")
    r = sub.add_parser("reset", help="tøm data for et prosjekt og sett det opp på nytt")
    r.add_argument("--prosjekt")
    m = sub.add_parser("med-stack", help="kjør CMD med stacken (gjenbrukt eller startet)")
    m.add_argument("--behold", action="store_true", help="la stacken kjøre etterpå")
    m.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    k = les_konfig()
    for nokkel, verdi in k.klientmiljo().items():  # this tool always talks to its own stack (issue 13 F)
        os.environ.setdefault(nokkel, verdi)
    if args.kommando == "start":
        start_stack(k)
        return 0
    if args.kommando == "stop":
        igjen = stopp_stack(k)
        print("emulators: stoppet" if not igjen else f"emulators: fortsatt i live: {igjen}", file=sys.stderr)
        return 1 if igjen else 0
    if args.kommando == "status":
        return status(k)
    if args.kommando == "miljo":
        for nokkel, verdi in k.klientmiljo().items():
            print(f"export {nokkel}={verdi}")
        return 0
    if args.kommando == "reset":
        oppsett = reset(args.prosjekt or k.prosjekt, k)
        print(f"emulators: {oppsett.prosjekt} tømt og satt opp igjen", file=sys.stderr)
        return 0
    kommando = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    return med_stack(k, kommando, args.behold)


if __name__ == "__main__":
    sys.exit(main())
