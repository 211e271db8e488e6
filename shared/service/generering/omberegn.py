"""Recalculation on data change (domene.md §7.2), triggered by the creation of
`omberegninger/{gjennomforing_id}`.

Wait until the marker's `forfall`, note t0, recalculate from what is then read, delete the marker, and create
it
again if anything of the gjennomføring has `endret` ≥ t0. A burst of any size thus costs one or two
recalculations, and a change that lands while we work is never lost (it either was read, or has `endret` ≥
t0).

Only GENERERT claims are recalculated; "no claim" deletes, an equal result writes nothing (so the function
cannot
trigger itself), a different result replaces beregning and blokkeringer ("Beregning oppdatert"). Every write
is
guarded by `updated_at` (optimistic lock), so a claim sent in meanwhile is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from shared.domain.felles.feil import DomeneFeil
from shared.domain.generering.krav import Omberegning, omberegn_utbetaling, utbetalinger_a_omberegne
from shared.logg import felt
from shared.service.ports import Klokke, OmberegningRepo

logg = logging.getLogger(__name__)

OPPDATERT_TEKST = "Beregning oppdatert"


@dataclass(frozen=True, slots=True)
class OmberegningResultat:
    utbetaling_id: str
    utfall: Omberegning | str


def omberegn_gjennomforing(
    gjennomforing_id: str, *, repo: OmberegningRepo, klokke: Klokke, forsinkelse_s: float
) -> list[OmberegningResultat]:
    forfall = repo.hent_omberegning(gjennomforing_id)
    if forfall is None:
        return []
    vent = (forfall - klokke.na()).total_seconds()
    if vent > 0:
        klokke.sov(vent)
    t0 = klokke.na()
    resultater = omberegn_na(gjennomforing_id, repo=repo, klokke=klokke)
    repo.slett_omberegning(gjennomforing_id)
    if repo.har_endringer_etter(gjennomforing_id, t0):
        repo.opprett_omberegning(gjennomforing_id, klokke.na() + timedelta(seconds=forsinkelse_s))
    return resultater


def omberegn_na(gjennomforing_id: str, *, repo: OmberegningRepo, klokke: Klokke) -> list[OmberegningResultat]:
    """Recalculate the gjennomføring's GENERERT claims from the current data (no marker handling)."""
    utbetalinger = utbetalinger_a_omberegne(repo.hent_utbetalinger(gjennomforing_id))
    if not utbetalinger:
        return []
    forste = min(u.maned for u in utbetalinger if u.maned)
    grunnlag = repo.hent_grunnlag([gjennomforing_id], forste).get(gjennomforing_id)
    resultater = []
    for u in utbetalinger:
        try:
            utfall, ny = omberegn_utbetaling(u, grunnlag, klokke.na())
        except DomeneFeil as e:
            logg.error("Inputfeil i omberegning", extra=felt(utbetaling_id=u.id, feil=str(e)))
            resultater.append(OmberegningResultat(u.id, "INPUT_FEIL"))
            continue
        if utfall is Omberegning.OPPDATERT and ny is not None:
            if not repo.oppdater_utbetaling(ny, u.updated_at, OPPDATERT_TEKST):
                utfall = Omberegning.UENDRET
        elif utfall is Omberegning.SLETTET and not repo.slett_utbetaling(u.id, u.updated_at):
            utfall = Omberegning.UENDRET
        logg.info("Omberegnet", extra=felt(utbetaling_id=u.id, utfall=str(utfall)))
        resultater.append(OmberegningResultat(u.id, utfall))
    return resultater
