"""The end of `make demo` (issue 18): the amount explained after the recalculation of step 5, and the day's
reconciliation of the whole ledger with the grensesnittavstemming the daily function would send."""

from __future__ import annotations

from datetime import datetime

from shared import bootstrap, bootstrap_avstemming
from shared.adapters.firestore.beregningsversjoner import BEREGNINGSVERSJONER
from shared.cli.avstem import grensesnitt_linje, tabell
from shared.cli.forklar import tekst
from shared.domain.utsending.utsending import OSLO
from shared.service.avstemming.avstem import Avgrensning, avstem
from shared.service.forklaring.forklar import forklar_utbetaling


def _overskrift(nr: int, t: str) -> None:
    print(f"\n{nr}. {t}\n" + "-" * min(118, len(t) + 3))


def vis_forklaring(nr: int) -> None:
    _overskrift(nr, "«Hvorfor endret beløpet seg?» (utbetaling forklar; også i begge API-ene)")
    db = bootstrap.firestore_klient()
    kilde = bootstrap_avstemming.forklaringskilde()
    forklart = [forklar_utbetaling(s.id, kilde=kilde) for s in db.collection(BEREGNINGSVERSJONER).stream()]
    med_endring = [(u, e) for u, endringer in forklart for e in endringer[:1] if e.diff.endring != 0]
    if not med_endring:
        print("   ingen omberegnede krav med endret beløp")
        return
    u, e = med_endring[0]
    print(f"   utbetaling forklar --utbetaling {u.id}")
    print("\n".join(f"   {linje}" for linje in tekst(e)))
    deltakere = sum(x.kroner for x in e.diff.deltakere) + sum(t.kroner for t in e.diff.tilsagn)
    print(f"   Sum av kroneeffektene: {deltakere:+} = endringen {e.diff.endring:+}")


def vis_avstemming(nr: int) -> bool:
    idag = datetime.now(OSLO).date()
    _overskrift(nr, f"Avstemming av hele reskontroen og grensesnittavstemming for {idag} (utbetaling avstem)")
    resultat = avstem(Avgrensning(dato=idag), kilde=bootstrap_avstemming.avstemmingskilde(), klokke=bootstrap.klokke())
    r = resultat.rapport
    if r.avvik:
        print("\n".join(f"   {linje}" for linje in tabell(list(r.avvik)).splitlines()))
    for g in resultat.grensesnitt:
        print(f"   {grensesnitt_linje(g)}")
    kr = f"{r.sum_godkjent:,}".replace(",", " ")
    print(f"   {r.antall_utbetalinger} krav, {r.antall_linjer} linjer, {r.antall_tilsagn} tilsagn, "
          f"{r.antall_fakturaer} fakturaer, {kr} kr godkjent: {len(r.avvik)} avvik")  # fmt: skip
    return r.ok


DEMO_BUDSJETT = 6_000_000
"""The year's budget a beslutter enters for the demo (PUT /api/nav/prognose/budsjett/{ar})."""


def vis_prognose(nr: int, ar: int) -> None:
    """A beslutter enters the year's budget; then the year's spend forecast as `utbetaling prognose --ar` prints it,
    chart included. The demo's data begin with last month, so the year's tilsagn show as largely unused."""
    from emulators.demo_nav import ATTESTANT
    from shared.cli.prognose import diagram, flaggede, oppsummering, tabell
    from shared.service.prognose.prognose import lag_prognose, sett_budsjett

    _overskrift(nr, f"Prognose for forbruket i {ar}: tilsagn, forventet bruk og budsjett (utbetaling prognose)")
    kilde, klokke = bootstrap_avstemming.prognosekilde(), bootstrap.klokke()
    sett_budsjett(ar, DEMO_BUDSJETT, ATTESTANT, kilde=kilde, klokke=klokke)
    print(f"   {ATTESTANT.navident} (beslutter ved alle kostnadssteder) registrerer budsjettet for {ar}: "
          f"{DEMO_BUDSJETT:,} kr".replace(",", " "))  # fmt: skip
    p = lag_prognose(ar, kilde=kilde, klokke=klokke)
    print("\n".join(f"   {linje}" for linje in [*tabell(p), *flaggede(p), oppsummering(p), "", *diagram(p)]))
