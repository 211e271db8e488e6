"""`utbetaling prognose [--ar YYYY]`: the spend forecast (issue 18 part 3) against the configured Firestore.

A table per tiltakstype and kostnadssted (approved tilsagn, used, expected, difference), the tilsagn flagged as running
out (with the month) or largely unused, and a summary line against Nav's budget figure. In a terminal (or with
`--diagram`) a small chart of actual (█: claims that exist) and forecast (░: the engine) per month; bars are scaled with
integer arithmetic. Exit 0, or 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.prognose.sammendrag import Prognose, prosent
from shared.domain.prognose.tilsagn import Flagg

UGYLDIG_INPUT = 2
BREDDE = 40


def registrer(subparsers: Any) -> None:
    p = subparsers.add_parser("prognose", help="prognose for forbruket: tilsagn, forventet bruk og budsjett")
    p.add_argument("--ar", help="år, ÅÅÅÅ (standard: i år)")
    p.add_argument("--diagram", action="store_true", help="vis diagrammet også når utdata ikke er en terminal")
    p.set_defaults(kjor=kjor)


def kr(belop: int | None) -> str:
    return "" if belop is None else f"{belop:,}".replace(",", " ")


def _tabell(hode: tuple[str, ...], rader: Sequence[tuple[str, ...]], venstre: int) -> list[str]:
    bredder = [max(len(r[i]) for r in [hode, *rader]) for i in range(len(hode))]

    def linje(r: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(b) if i < venstre else c.rjust(b) for i, (c, b) in enumerate(zip(r, bredder, strict=True))
        ).rstrip()

    return [linje(hode), "-" * (sum(bredder) + 2 * (len(bredder) - 1)), *(linje(r) for r in rader)]


def tabell(p: Prognose) -> list[str]:
    hode = (
        "Tiltakstype",
        "Kostnadssted",
        "Tilsagn",
        "Sum tilsagn",
        "Brukt",
        "Forventet",
        "Avvik",
        "Går tom",
        "Lite brukt",
    )
    rader = [(r.tiltakskode, r.kostnadssted, str(r.antall_tilsagn), kr(r.tilsagn_sum), kr(r.brukt), kr(r.forventet),
              f"{r.avvik:+,}".replace(",", " "), str(r.gar_tom), str(r.lite_brukt)) for r in p.rader]  # fmt: skip
    return _tabell(hode, rader, venstre=2)


def flaggede(p: Prognose) -> list[str]:
    ut = []
    for t in p.tilsagn:
        if Flagg.GAR_TOM in t.flagg:
            ut.append(f"Går tom {t.gar_tom_maned}: tilsagn {t.bestillingsnummer or t.tilsagn_id} ({t.kostnadssted}) "
                      f"{kr(t.belop)} kr, forventet {kr(t.forventet)} kr")  # fmt: skip
        if Flagg.LITE_BRUKT in t.flagg:
            ut.append(f"Lite brukt: tilsagn {t.bestillingsnummer or t.tilsagn_id} ({t.kostnadssted}) {kr(t.belop)} kr, "
                      f"forventet {kr(t.forventet)} kr ({prosent(t.forventet, t.belop)} %)")  # fmt: skip
    return ut


def oppsummering(p: Prognose) -> str:
    mot = f"{prosent(p.forventet, p.tilsagn_sum)} % av tilsagnene" if p.tilsagn_sum else "ingen tilsagn"
    if p.budsjett is None:
        budsjett = "ingen budsjett registrert"
    else:
        budsjett = f"budsjett {kr(p.budsjett)} kr ({prosent(p.forventet, p.budsjett)} %)"
        budsjett += ": OVERFORBRUK" if p.overforbruk else ""
    return (f"Prognose {p.ar} per {p.idag}: {len(p.tilsagn)} tilsagn, {kr(p.tilsagn_sum)} kr tilsagt, "
            f"{kr(p.brukt)} kr brukt, {kr(p.forventet)} kr forventet ({mot}); {budsjett}")  # fmt: skip


def diagram(p: Prognose, bredde: int = BREDDE) -> list[str]:
    maks = max((m.faktisk + m.prognose for m in p.maneder), default=0)
    if maks == 0:
        return ["(ingen krav eller prognose å vise)"]
    ut = ["Måned    █ krav  ░ prognose"]
    for m in p.maneder:
        fylt = (m.faktisk * bredde + maks // 2) // maks
        prognose = ((m.faktisk + m.prognose) * bredde + maks // 2) // maks - fylt
        ut.append(f"{m.maned}  {'█' * fylt}{'░' * prognose}".ljust(bredde + 11) + kr(m.faktisk + m.prognose))
    return ut


def kjor(args: argparse.Namespace) -> int:
    from shared import bootstrap, bootstrap_avstemming  # the Google clients are imported only when the command runs
    from shared.service.prognose.prognose import lag_prognose, les_ar

    klokke = bootstrap.klokke()
    try:
        ar = les_ar(args.ar, klokke.na().date())
    except Valideringsfeil as e:
        for f in e.feil:
            print(f"{f.pointer}: {f.detail}", file=sys.stderr)
        return UGYLDIG_INPUT
    p = lag_prognose(ar, kilde=bootstrap_avstemming.prognosekilde(), klokke=klokke)
    print("\n".join([*tabell(p), *flaggede(p), oppsummering(p)]))
    if args.diagram or sys.stdout.isatty():
        print("\n".join(diagram(p)))
    return 0
