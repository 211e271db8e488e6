"""Entry point of the `utbetaling` console script.

Every module of `shared.cli` that defines `registrer(subparsers)` adds its subcommands. To keep a single
calculation fast (`utbetaling beregn` is run by people and scripts one claim at a time), only the module that
owns the requested subcommand is imported when it can be found by name: `beregn-tilsagn` is looked up in
`beregn_tilsagn`, then `beregn`. `--help`, or a subcommand in a module of another name, imports them all.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType

import shared.cli as cli_pakke
from shared.config import bruk_lokal_stack


def _moduler(navn: Iterable[str]) -> list[ModuleType]:
    return [importlib.import_module(f"shared.cli.{n}") for n in navn]


def _alle_modulnavn() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(cli_pakke.__path__) if m.name != "main")


def _kandidater(kommando: str) -> list[str]:
    """Module names that may own `kommando`, most specific first."""
    deler = kommando.split("-")
    return ["_".join(deler[:i]) for i in range(len(deler), 0, -1)]


def _bygg(
    moduler: Iterable[ModuleType],
) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(prog="utbetaling", description="Utbetalinger for tiltaksarrangører")
    subparsers = parser.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO")
    for modul in moduler:
        registrer = getattr(modul, "registrer", None)
        if registrer is not None:
            registrer(subparsers)
    return parser, subparsers


def bygg_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand."""
    return _bygg(_moduler(_alle_modulnavn()))[0]


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    finnes = set(_alle_modulnavn())
    if argv and not argv[0].startswith("-"):
        for navn in _kandidater(argv[0]):
            if navn in finnes:
                parser, subparsers = _bygg(_moduler([navn]))
                if argv[0] in subparsers.choices:
                    return parser
    return bygg_parser()


def main(argv: Sequence[str] | None = None) -> int:
    bruk_lokal_stack()
    argumenter = list(sys.argv[1:] if argv is None else argv)
    args = _parser_for(argumenter).parse_args(argumenter)
    resultat: int = args.kjor(args)
    return resultat


if __name__ == "__main__":
    sys.exit(main())
