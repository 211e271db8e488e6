"""`utbetaling token --pid 12345678910 [--acr ...] [--levetid 3600]`: a bearer token from the local dev issuer.

For the local stack only (domene.md §2): the arrangør API trusts this issuer only when it runs against the
emulators. Prints the token on stdout, so `curl -H "Authorization: Bearer $(utbetaling token --pid ...)"` works.
"""

from __future__ import annotations

import argparse
from typing import Any

from shared.edge import dev_utsteder


def registrer(subparsers: Any) -> None:
    parser = subparsers.add_parser("token", help="lag et lokalt utviklertoken (dev-utsteder) for arrangør-API-et")
    parser.add_argument("--pid", required=True, help="fødselsnummer/d-nummer til testbrukeren")
    parser.add_argument("--acr", default="idporten-loa-high")
    parser.add_argument("--audience", default=dev_utsteder.STANDARD_AUDIENCE)
    parser.add_argument("--levetid", type=int, default=3600, help="sekunder")
    parser.set_defaults(kjor=kjor)


def kjor(args: argparse.Namespace) -> int:
    print(dev_utsteder.lag_token(args.pid, acr=args.acr, audience=args.audience, levetid_s=args.levetid))
    return 0
