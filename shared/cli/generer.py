"""`utbetaling generer --periode YYYY-MM [--dry-run]`: the monthly generation for operators (domene.md §7.1,
§14.11), run in-process with the same code against the configured Firestore (GOOGLE_CLOUD_PROJECT, and
FIRESTORE_EMULATOR_HOST locally). Creates every claim of the month that is owed now and does not exist.

A progress bar goes to stderr; the summary table (created, skipped and why, blocked, total amount) to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any, TextIO

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.generering.regler import maned_periode
from shared.service.generering.generer_utbetaling import Generering, Resultat, Utfall, generer_utbetalinger
from shared.service.generering.opprett_utbetalinger import MAKS_BATCH, batcher, kandidater

UGYLDIG_INPUT = 2
FEIL = 1

_TEKST = {
    "OPPRETTET": "Opprettet",
    "VILLE_OPPRETTET": "Ville blitt opprettet (--dry-run)",
    "FINNES_ALLEREDE": "Hoppet over: krav finnes for perioden",
    "UTENFOR_GYLDIG_PERIODE": "Hoppet over: utenfor gyldig periode",
    "BELOP_NULL": "Hoppet over: beløp 0",
    "IKKE_KANDIDAT": "Hoppet over: ikke kandidat",
    "IKKE_FUNNET": "Hoppet over: gjennomføring finnes ikke",
    "INPUT_FEIL": "Feilet: ugyldig input",
}


def registrer(subparsers: Any) -> None:
    p = subparsers.add_parser("generer", help="lag månedens utbetalinger (samme kode som den planlagte kjøringen)")
    p.add_argument("--periode", required=True, help="måneden, ÅÅÅÅ-MM")
    p.add_argument("--dry-run", action="store_true", help="beregn og vis, men skriv ingenting")
    p.set_defaults(kjor=kjor)


def _fremdrift(ferdig: int, totalt: int, ut: TextIO) -> None:
    bredde = 40
    fylt = bredde * ferdig // max(totalt, 1)
    ut.write(f"\r[{'#' * fylt}{'.' * (bredde - fylt)}] {ferdig}/{totalt}")
    ut.flush()


def oppsummering(resultater: list[Resultat]) -> str:
    utfall = Counter(r.utfall.value for r in resultater)
    laget = [r for r in resultater if r.utfall in (Utfall.OPPRETTET, Utfall.VILLE_OPPRETTET)]
    blokkert = Counter(b.value for r in laget for b in r.blokkeringer)
    rader = [(_TEKST.get(k, k), str(v)) for k, v in sorted(utfall.items())]
    rader.append(("Blokkert (av de opprettede)", str(sum(1 for r in laget if r.blokkeringer))))
    rader += [(f"  {k}", str(v)) for k, v in sorted(blokkert.items())]
    total = sum(r.belop for r in laget)
    rader.append(("Totalt beløp (NOK)", f"{total:,}".replace(",", " ")))
    bredde = max(len(a) for a, _ in rader)
    linjer = [f"{'Utfall'.ljust(bredde)}  {'Antall':>12}", "-" * (bredde + 14)]
    linjer += [f"{a.ljust(bredde)}  {b:>12}" for a, b in rader]
    return "\n".join(linjer)


def kjor(args: argparse.Namespace) -> int:
    from shared import bootstrap  # the Google clients are imported only when the command runs

    try:
        maned_periode(args.periode)
        if len(args.periode) != 7:
            raise ValueError(args.periode)
    except ValueError:
        print(f"/periode: må være på formen ÅÅÅÅ-MM, fikk {args.periode!r}", file=sys.stderr)
        return UGYLDIG_INPUT
    avh = bootstrap.generering()
    ider = kandidater(args.periode, avh.repo)
    samlet = Generering()
    ferdig = 0
    _fremdrift(0, len(ider), sys.stderr)
    for gruppe in batcher(ider, MAKS_BATCH):
        del_ = generer_utbetalinger(gruppe, args.periode, avh, dry_run=args.dry_run)
        samlet.resultater += del_.resultater
        samlet.forbigaende += del_.forbigaende
        ferdig += len(gruppe)
        _fremdrift(ferdig, len(ider), sys.stderr)
    sys.stderr.write("\n")
    print(f"Periode {args.periode}{' (dry-run: ingenting skrevet)' if args.dry_run else ''}")
    print(oppsummering(samlet.resultater))
    for r in samlet.resultater:
        if r.utfall is Utfall.INPUT_FEIL:
            print(f"  {r.gjennomforing_id}: {r.feil}", file=sys.stderr)
    if samlet.forbigaende:
        print(f"{len(samlet.forbigaende)} gjennomføringer feilet midlertidig; kjør på nytt", file=sys.stderr)
        return FEIL
    return 0


__all__ = ["registrer", "kjor", "Valideringsfeil"]
