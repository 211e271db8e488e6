"""Demo step: the notices the run caused (issue 16 §2), as the local stand-in for Altinn and Oppgave received
them (`utbetaling varsler` prints the same). The texts hold no personal data."""

from __future__ import annotations

import time
from collections import Counter

from shared import bootstrap_varsling
from shared.cli.varsler import linjer


def vis_varsler(nr: int, frist_s: float = 60.0) -> None:
    tekst = "Varsler til arrangører (Altinn) og til Nav (Oppgave), lokalt lagret i Firestore"
    print(f"\n{nr}. {tekst}\n" + "-" * (len(tekst) + 3))
    t0 = time.monotonic()
    while bootstrap_varsling.varsel_repo().usendte() and time.monotonic() - t0 < frist_s:
        time.sleep(0.5)
    leveranser = bootstrap_varsling.lokale_varsler().leveranser()
    typer = Counter(str(v.get("type")) for v in leveranser)
    print(f"   {len(leveranser)} varsler sendt: " + ", ".join(f"{n} {t}" for t, n in sorted(typer.items())))
    for linje in linjer(leveranser)[:12]:
        print(f"     {linje}")
