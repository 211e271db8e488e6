"""`utbetaling token --pid 12345678910 [--acr ...] [--levetid 3600]`: a bearer token from the local dev issuer.
`utbetaling token --navident Z990001 [--grupper g1,g2]`: a Nav employee's token for the Nav API (§9.1).

For the local stack only (domene.md §2): the APIs trust this issuer only when they run against the emulators.
Prints the token on stdout, so `curl -H "Authorization: Bearer $(utbetaling token --pid ...)"` works.
"""

from __future__ import annotations

import argparse
from typing import Any

from shared.edge.http import dev_utsteder


def registrer(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "token", help="lag et lokalt utviklertoken (dev-utsteder) for arrangør- eller Nav-API-et"
    )
    hvem = parser.add_mutually_exclusive_group(required=True)
    hvem.add_argument("--pid", help="fødselsnummer/d-nummer til testbrukeren (arrangør-API-et)")
    hvem.add_argument("--navident", help="NAVident til en Nav-ansatt (Nav-API-et)")
    parser.add_argument("--acr", default="idporten-loa-high")
    parser.add_argument("--grupper", default="", help="kommaseparerte gruppe-id-er (claim groups) i Nav-tokenet")
    parser.add_argument("--audience", default=None, help="standard: arrangør- eller Nav-API-ets audience")
    parser.add_argument("--levetid", type=int, default=3600, help="sekunder")
    parser.set_defaults(kjor=kjor)


def kjor(args: argparse.Namespace) -> int:
    if args.navident:
        grupper = tuple(g.strip() for g in args.grupper.split(",") if g.strip())
        audience = args.audience or dev_utsteder.NAV_AUDIENCE
        print(dev_utsteder.lag_nav_token(args.navident, grupper, audience=audience, levetid_s=args.levetid))
        return 0
    audience = args.audience or dev_utsteder.STANDARD_AUDIENCE
    print(dev_utsteder.lag_token(args.pid, acr=args.acr, audience=audience, levetid_s=args.levetid))
    return 0
