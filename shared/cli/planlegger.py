"""`utbetaling planlegger liste | kjor <jobb> [--periode YYYY-MM]`: Cloud Scheduler by hand.

`kjor` publishes exactly what the job publishes (its body as data, no attributes) to the job's topic in
`GOOGLE_CLOUD_PROJECT`. `--periode` replaces the body with `{"periode": "YYYY-MM"}`, which the scheduled
functions accept for a rerun of a given month.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from typing import Any

from shared import logg as logging_oppsett
from shared.config import settings
from shared.planlegging import JOBBER, jobb

logg = logging.getLogger(__name__)
_PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _periode(tekst: str) -> str:
    if not _PERIODE.match(tekst):
        raise argparse.ArgumentTypeError(f"ugyldig periode {tekst!r}, forventet YYYY-MM")
    return tekst


def registrer(subparsers: Any) -> None:
    parser = subparsers.add_parser("planlegger", help="kjør Cloud Scheduler-jobbene for hånd")
    under = parser.add_subparsers(dest="planlegger_kommando", required=True)
    liste = under.add_parser("liste", help="jobbene: navn, cron, tidssone, topic, body")
    liste.set_defaults(kjor=kjor_liste)
    kjor = under.add_parser("kjor", help="publiser meldingen jobben sender")
    kjor.add_argument("jobb", choices=[j.navn for j in JOBBER])
    kjor.add_argument("--periode", type=_periode, help="YYYY-MM (ellers jobbens body, {})")
    kjor.set_defaults(kjor=kjor_jobb)


def kjor_liste(args: argparse.Namespace) -> int:
    for j in JOBBER:
        print(f"{j.navn:18} {j.cron:13} {j.tidssone:12} {j.topic:18} {j.body:4} {j.beskrivelse}")
    return 0


def kjor_jobb(args: argparse.Namespace) -> int:
    from shared import bootstrap  # clients only when a message is actually sent

    logging_oppsett.konfigurer()
    j = jobb(args.jobb)
    body = json.dumps({"periode": args.periode}) if args.periode else j.body
    bootstrap.publisher().publiser(j.topic, body.encode())
    logg.info(
        "planlagt jobb kjørt for hånd",
        extra=logging_oppsett.felt(jobb=j.navn, topic=j.topic, prosjekt=settings().gcp_project, body=body),
    )
    return 0
