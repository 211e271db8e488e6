"""`utbetaling varsler [--usendte]`: the notices the local stand-in delivered (issue 16 §2), oldest first, and how
many wait in the outbox. Locally every delivery is a document `varsel_leveranser/{varsel_id}` (Altinn and Oppgave
in the cloud have their own records). The texts hold no personal data, so they are printed as they are."""

from __future__ import annotations

import argparse
from typing import Any


def registrer(subparsers: Any) -> None:
    parser = subparsers.add_parser("varsler", help="list varslene som er levert (lokal stand-in for Altinn/Oppgave)")
    parser.add_argument("--grense", type=int, default=200, help="høyst så mange (standard 200)")
    parser.set_defaults(kjor=kjor)


def _mottaker(m: dict[str, Any]) -> str:
    if m.get("type") == "ARRANGOR":
        return f"arrangør {m.get('orgnr')}"
    return f"Nav {m.get('enhet') or '-'}" + (f" {m['navident']}" if m.get("navident") else "")


def linjer(leveranser: list[dict[str, Any]]) -> list[str]:
    return [f"{str(v.get('type')):<20} {_mottaker(v.get('mottaker') or {}):<26} {v.get('tittel')}" for v in leveranser]


def kjor(args: argparse.Namespace) -> int:
    from shared import bootstrap_varsling  # clients only when the command runs

    leveranser = bootstrap_varsling.lokale_varsler().leveranser(args.grense)
    usendte = bootstrap_varsling.varsel_repo().usendte()
    print(f"{len(leveranser)} varsler levert, {len(usendte)} venter")
    for linje in linjer(leveranser):
        print(f"  {linje}")
    return 0
