"""Entry point of the `utbetaling` console script."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import shared.cli as cli_pakke


def bygg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="utbetaling", description="Utbetalinger for tiltaksarrangører")
    subparsers = parser.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO")
    for modul_info in sorted(pkgutil.iter_modules(cli_pakke.__path__), key=lambda m: m.name):
        if modul_info.name == "main":
            continue
        modul = importlib.import_module(f"shared.cli.{modul_info.name}")
        registrer = getattr(modul, "registrer", None)
        if registrer is not None:
            registrer(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = bygg_parser()
    args = parser.parse_args(argv)
    resultat: int = args.kjor(args)
    return resultat


if __name__ == "__main__":
    sys.exit(main())
