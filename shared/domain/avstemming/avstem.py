"""One reconciliation over a reading of the ledger: scope, run every check, count what was checked (issue 18)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from shared.domain.avstemming import kontroller as k
from shared.domain.avstemming.avvik import Avstemmingsgrunnlag, Avstemmingsrapport, Avvik
from shared.domain.felles.periode import Periode
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import Utsending


def _overlapper(periode: Periode | None, start: date, slutt: date) -> bool:
    return periode is None or (periode.start < slutt and start < periode.slutt)


def _faktura_i(periode: Periode | None, post: Utsending, linjer: dict[str, Utbetalingslinje]) -> bool:
    linje = linjer.get(post.fakturanummer or "")
    if linje is not None:
        return _overlapper(periode, linje.periode_start, linje.periode_slutt)
    p = post.melding.get("periode")
    try:
        start, slutt = date.fromisoformat(p["start"]), date.fromisoformat(p["slutt"])  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return True  # an unreadable orphan is reported in every scope
    return _overlapper(periode, start, slutt)


def avstem(g: Avstemmingsgrunnlag, na: datetime, periode: Periode | None = None) -> Avstemmingsrapport:
    """Every check of `kontroller` on the claims, lines and tilsagn whose period overlaps `periode` (all if None)."""
    krav = [u for u in g.utbetalinger if _overlapper(periode, u.periode_start, u.periode_slutt)]
    alle_krav = {u.id: u for u in g.utbetalinger}
    linjer = [x for x in g.linjer if _overlapper(periode, x.periode_start, x.periode_slutt)]
    tilsagn = [t for t in g.tilsagn if _overlapper(periode, t.periode_start, t.periode_slutt)]
    per_krav: dict[str, list[Utbetalingslinje]] = defaultdict(list)
    per_tilsagn: dict[str, list[Utbetalingslinje]] = defaultdict(list)
    for x in g.linjer:
        per_krav[x.utbetaling_id].append(x)
        per_tilsagn[x.tilsagn_id].append(x)
    etter_nummer = {x.fakturanummer: x for x in k.godkjente(g.linjer)}
    fakturaer = [p for p in g.fakturaer if _faktura_i(periode, p, etter_nummer)]
    poster: dict[str, list[Utsending]] = defaultdict(list)
    for p in g.fakturaer:
        poster[p.fakturanummer or ""].append(p)
    alle_tilsagn = {t.id: t for t in g.tilsagn}

    avvik: list[Avvik | None] = [k.sjekk_beregning(u) for u in krav]
    avvik += [k.sjekk_linjesum(u, per_krav[u.id]) for u in krav]
    godkjent = k.godkjente(linjer)
    avvik += [k.sjekk_linjens_tilsagn(x, alle_krav.get(x.utbetaling_id), alle_tilsagn.get(x.tilsagn_id))
              for x in godkjent]  # fmt: skip
    avvik += [a for t in tilsagn for a in k.sjekk_tilsagn(t, per_tilsagn[t.id])]
    avvik += [k.sjekk_faktura(x, poster[x.fakturanummer], na) for x in godkjent]
    avvik += k.sjekk_betalt_flere_ganger(linjer)
    avvik += k.sjekk_betalt_uten_linje(krav, linjer, fakturaer)
    return Avstemmingsrapport(
        avvik=tuple(a for a in avvik if a is not None),
        antall_utbetalinger=len(krav),
        antall_linjer=len(linjer),
        antall_tilsagn=len(tilsagn),
        antall_fakturaer=len(fakturaer),
        sum_godkjent=sum(x.belop for x in godkjent),
    )
