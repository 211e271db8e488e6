"""`utbetaling forklar --utbetaling ID`: why a claim's amount changed (issue 18 part 2), from its kept calculations,
against the configured Firestore. Newest change first: when, why, old → new amount, then per participant the krone
effect and each changed piece (period, prosent, faktor × sats). Exit 2 on an unknown claim.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import Any

from shared.domain.forklaring.diff import Stykke
from shared.domain.forklaring.versjoner import Endring
from shared.domain.utsending.utsending import OSLO

FINNES_IKKE = 2


def registrer(subparsers: Any) -> None:
    p = subparsers.add_parser("forklar", help="hvorfor endret beløpet seg: endringer per deltaker")
    p.add_argument("--utbetaling", required=True, help="utbetalingens id")
    p.set_defaults(kjor=kjor)


def kr(belop: int) -> str:
    return f"{belop:+,}".replace(",", " ")


def visningsperiode(start: date, slutt: date) -> str:
    """A half-open period as people read it: inclusive days, [1 Nov, 1 Dec) is 01.11–30.11 (domene.md §0)."""
    siste = slutt - timedelta(days=1)
    return f"{start:%d.%m}–{siste:%d.%m}" if start.year == siste.year else f"{start:%d.%m.%Y}–{siste:%d.%m.%Y}"


def _stykke(s: Stykke | None) -> str:
    if s is None:
        return "—"
    prosent = f" {s.prosent} %" if s.prosent is not None else ""
    return f"{visningsperiode(s.start, s.slutt)}{prosent} {s.faktor} × {s.sats}"


def tekst(e: Endring) -> list[str]:
    d = e.diff
    tid = e.tidspunkt.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
    hode = (
        f"{tid}  {', '.join(a.value for a in e.arsaker) or 'ukjent'}: {d.belop_for} → {d.belop_etter} ({kr(d.endring)})"
    )
    linjer = [hode]
    for x in d.deltakere:
        linjer.append(f"  {x.deltakelse_id:<38} {x.type.value:<9} {kr(x.kroner):>10}")
        linjer += [
            f"      {s.type.value:<9} {_stykke(s.for_)}  →  {_stykke(s.etter)}  {kr(s.kroner)}" for s in x.stykker
        ]
    linjer += [f"  tilsagn {t.tilsagn_id:<30} {t.belop_for} → {t.belop_etter} {kr(t.kroner):>10}" for t in d.tilsagn]
    return linjer


def kjor(args: argparse.Namespace) -> int:
    from shared import bootstrap_avstemming  # the Google clients are imported only when the command runs
    from shared.domain.felles.feil import DomeneFeil
    from shared.service.forklaring.forklar import forklar_utbetaling

    try:
        u, endringer = forklar_utbetaling(args.utbetaling, kilde=bootstrap_avstemming.forklaringskilde())
    except DomeneFeil:
        print(f"/utbetaling: finnes ikke: {args.utbetaling!r}", file=sys.stderr)
        return FINNES_IKKE
    print(f"Utbetaling {u.id}: {u.belop} {u.valuta}, {len(endringer)} endring(er) kjent")
    for e in endringer:
        print("\n".join(tekst(e)))
    return 0
