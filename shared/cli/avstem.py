"""`utbetaling avstem [--periode YYYY-MM | --dato YYYY-MM-DD]`: reconciliation for operators (issue 18), the same
code as the daily function, against the configured Firestore. It never publishes the grensesnittavstemming; with a
day it prints it.

A table of discrepancies (type, ids, expected, found, detail) and a summary line go to stdout. Exit 0 when clean,
1 on any discrepancy, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shared.domain.avstemming.avvik import Avvik
from shared.domain.avstemming.grensesnitt import Grensesnittavstemming
from shared.domain.felles.feil import Valideringsfeil

AVVIK_FUNNET = 1
UGYLDIG_INPUT = 2


def registrer(subparsers: Any) -> None:
    p = subparsers.add_parser("avstem", help="avstem reskontroen: krav, linjer, tilsagn og fakturaer")
    gruppe = p.add_mutually_exclusive_group()
    gruppe.add_argument("--periode", help="kravmåned, ÅÅÅÅ-MM")
    gruppe.add_argument("--dato", help="dagen for grensesnittavstemmingen, ÅÅÅÅ-MM-DD (standard: i går)")
    p.set_defaults(kjor=kjor)


def kr(belop: int | None) -> str:
    return "" if belop is None else f"{belop:,}".replace(",", " ")


def tabell(avvik: list[Avvik]) -> str:
    hode = ("Avvik", "Id", "Forventet", "Faktisk", "Detalj")
    rader = [
        (a.type.value, " ".join(f"{k.removesuffix('_id')}={v}" for k, v in a.ider().items()), kr(a.forventet),
         kr(a.faktisk), a.detalj)
        for a in avvik
    ]  # fmt: skip
    bredder = [max(len(r[i]) for r in [hode, *rader]) for i in range(len(hode))]

    def linje(r: tuple[str, ...]) -> str:
        felt = [r[0].ljust(bredder[0]), r[1].ljust(bredder[1]), r[2].rjust(bredder[2]), r[3].rjust(bredder[3]), r[4]]
        return "  ".join(felt).rstrip()

    return "\n".join([linje(hode), "-" * (sum(bredder) + 2 * len(bredder)), *(linje(r) for r in rader)])


def grensesnitt_linje(g: Grensesnittavstemming) -> str:
    telling = ", ".join(
        f"{navn} {t.antall}"
        for navn, t in (("sendt", g.sendt), ("kvittert", g.kvittert), ("betalt", g.betalt), ("feilet", g.feilet))
    )
    numre = f"{g.forste_fakturanummer or '-'} – {g.siste_fakturanummer or '-'}"
    return f"Grensesnittavstemming {g.dato} {g.valuta}: {g.antall} fakturaer, {kr(g.belop)} kr ({telling}); {numre}"


def kjor(args: argparse.Namespace) -> int:
    from shared import bootstrap, bootstrap_avstemming  # the Google clients are imported only when the command runs
    from shared.service.avstemming.avstem import avstem, les_avgrensning

    klokke = bootstrap.klokke()
    try:
        avgrensning = les_avgrensning(args.periode, args.dato, klokke.na())
    except Valideringsfeil as e:
        for f in e.feil:
            print(f"{f.pointer}: {f.detail}", file=sys.stderr)
        return UGYLDIG_INPUT
    resultat = avstem(avgrensning, kilde=bootstrap_avstemming.avstemmingskilde(), klokke=klokke)
    r = resultat.rapport
    if r.avvik:
        print(tabell(list(r.avvik)))
    for g in resultat.grensesnitt:
        print(grensesnitt_linje(g))
    print(
        f"Avstemming {avgrensning.navn}: {r.antall_utbetalinger} krav, {r.antall_linjer} linjer, "
        f"{r.antall_tilsagn} tilsagn, {r.antall_fakturaer} fakturaer, {kr(r.sum_godkjent)} kr godkjent; "
        f"{len(r.avvik)} avvik"
    )
    return AVVIK_FUNNET if r.avvik else 0
