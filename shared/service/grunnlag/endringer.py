"""Marking a gjennomføring for recalculation after a change (domene.md §7.2, de-duplication).

Every write that can change a claim sets `endret` on the document it writes (the adapters do that) and then
calls
`registrer_endring`, which creates `omberegninger/{gjennomforing_id}` = {forfall: now + delay} create-only,
but only
when the gjennomføring has a GENERERT claim. The Nav API's stengt and tilsagn writes call it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from shared.service.ports import Klokke, OmberegningRepo


def registrer_endring(
    gjennomforing_ider: Iterable[str], *, repo: OmberegningRepo, klokke: Klokke, forsinkelse_s: float
) -> list[str]:
    """Create the markers; returns the gjennomføringer that got (or already had) one."""
    ider = sorted(set(gjennomforing_ider))
    merket = sorted(repo.med_generert_utbetaling(ider)) if ider else []
    for gid in merket:
        repo.opprett_omberegning(gid, klokke.na() + timedelta(seconds=forsinkelse_s))
    return merket
