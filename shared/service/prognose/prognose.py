"""The year's spend forecast and Nav's budget figure (issue 18 part 3). Read access is the Nav reads' (any of the
three roles, checked by the caller); entering the budget needs budget authority at every kostnadssted."""

from __future__ import annotations

from datetime import date

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.generering.regler import OSLO
from shared.domain.nav.feil import ManglerTilgang
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.domain.prognose.sammendrag import Prognose, rull_opp
from shared.domain.prognose.tilsagn import prognose_for
from shared.service.ports import Klokke
from shared.service.prognose.ports import Prognosekilde

FORSTE_AR, SISTE_AR = 2025, 2100
BUDSJETT_MAKS = 10**13
"""Whole kroner; a year's post is about 10¹⁰ (domene.md §13), far above a single amount's 32-bit limit."""
UGYLDIG_AR = f"må være et år mellom {FORSTE_AR} og {SISTE_AR} (ÅÅÅÅ)"  # (vårt valg)
UGYLDIG_BUDSJETT = "Budsjettet må være et helt antall kroner større enn 0"  # (vårt valg)
MANGLER_BUDSJETTMYNDIGHET = "Du kan ikke registrere budsjett fordi du mangler budsjettmyndighet ved alle kostnadssteder"


def les_ar(tekst: str | None, idag: date) -> int:
    """`YYYY`, or this year in Europe/Oslo; `Valideringsfeil` (`/ar`) otherwise."""
    if tekst is None:
        return idag.year
    if len(tekst) != 4 or not tekst.isdigit() or not FORSTE_AR <= int(tekst) <= SISTE_AR:
        raise Valideringsfeil.for_felt("/ar", UGYLDIG_AR)
    return int(tekst)


def lag_prognose(ar: int, *, kilde: Prognosekilde, klokke: Klokke) -> Prognose:
    """Every DRIFT tilsagn of the year with its expected use, rolled up per tiltakstype and kostnadssted."""
    idag = klokke.na().astimezone(OSLO).date()
    per = [prognose_for(g, ar, idag) for g in kilde.les_grunnlag(ar)]
    return rull_opp(ar, idag, sorted(per, key=lambda p: p.gjennomforing_id), kilde.hent_budsjett(ar))


def sett_budsjett(ar: int, belop: int, ansatt: NavAnsatt, *, kilde: Prognosekilde, klokke: Klokke) -> None:
    """The year's budget figure (one per year, replaced on each call): BESLUTTER_TILSAGN at every kostnadssted."""
    if ansatt.roller.get(Rolle.BESLUTTER_TILSAGN) != ALLE:
        raise ManglerTilgang(MANGLER_BUDSJETTMYNDIGHET)
    if isinstance(belop, bool) or not 0 < belop <= BUDSJETT_MAKS:
        raise Valideringsfeil.for_felt("/belop", UGYLDIG_BUDSJETT)
    kilde.lagre_budsjett(ar, belop, ansatt.navident, klokke.na())
