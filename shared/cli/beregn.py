"""`utbetaling beregn` and `utbetaling beregn-tilsagn` (`beregning-kontrakt.md`): one JSON document in
(`--input
FILE`, or stdin), one JSON document out. Invalid input: exit code 2 and one line `"/pointer: message"`
on stderr,
never a traceback."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from shared.domain.beregning import beregn, beregn_tilsagn, les_beregning_input, les_tilsagn_input, til_json
from shared.domain.felles.feil import Valideringsfeil

UGYLDIG_INPUT = 2


def beregn_dokument(data: bytes | str) -> str:
    """The output JSON of `utbetaling beregn` for one input document; raises `Valideringsfeil`."""
    return til_json(beregn(les_beregning_input(data)).output)


def beregn_tilsagn_dokument(data: bytes | str) -> str:
    """The output JSON of `utbetaling beregn-tilsagn` for one input document; raises `Valideringsfeil`."""
    return til_json(beregn_tilsagn(les_tilsagn_input(data)))


def _les(args: argparse.Namespace) -> bytes:
    if args.input is None or args.input == "-":
        return sys.stdin.buffer.read()
    return Path(args.input).read_bytes()


def _kjor(args: argparse.Namespace, dokument: Callable[[bytes], str]) -> int:
    # One document per short-lived process: the cyclic garbage collector only costs time here (it rescans the
    # tens of thousands of parsed objects again and again). Restored afterwards for in-process callers (tests).
    var_pa = gc.isenabled()
    gc.disable()
    try:
        return _kjor_uten_gc(args, dokument)
    finally:
        if var_pa:
            gc.enable()


def _kjor_uten_gc(args: argparse.Namespace, dokument: Callable[[bytes], str]) -> int:
    try:
        data = _les(args)
    except OSError as e:
        print(f"/: kan ikke lese {args.input}: {e.strerror}", file=sys.stderr)
        return UGYLDIG_INPUT
    try:
        resultat = dokument(data)
    except Valideringsfeil as e:
        print(str(e).replace("\n", " "), file=sys.stderr)
        return UGYLDIG_INPUT
    sys.stdout.write(resultat + "\n")
    return 0


def _kjor_beregn(args: argparse.Namespace) -> int:
    return _kjor(args, beregn_dokument)


def _kjor_beregn_tilsagn(args: argparse.Namespace) -> int:
    return _kjor(args, beregn_tilsagn_dokument)


def registrer(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for navn, hjelp, kjor in (
        ("beregn", "beløpet for ett utbetalingskrav (JSON inn, JSON ut)", _kjor_beregn),
        ("beregn-tilsagn", "beløpet for et tilsagn (JSON inn, JSON ut)", _kjor_beregn_tilsagn),
    ):
        parser = subparsers.add_parser(navn, help=hjelp, description=hjelp)
        parser.add_argument("--input", metavar="FIL", help="JSON-fil med input; uten: les fra stdin")
        parser.set_defaults(kjor=kjor)
