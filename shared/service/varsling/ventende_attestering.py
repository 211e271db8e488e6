"""The daily check (issue 16 §2): a line waiting for attestation longer than N days gets one notice to Nav, to the
unit (kostnadssted) of its tilsagn. The key holds the line and the time it was sent to attestation, so the same wait
is never notified twice, while a line returned and sent again starts a new wait."""

from __future__ import annotations

import logging
from datetime import timedelta

from shared.domain.varsling.tekster import attestering_venter
from shared.logg import felt
from shared.service.ports import Klokke
from shared.service.varsling.ports import VarselRepo, VentendeAttesteringer

logg = logging.getLogger(__name__)


def varsle_ventende_attestering(*, kilde: VentendeAttesteringer, repo: VarselRepo, klokke: Klokke, dager: int) -> int:
    """Create the notices of lines waiting more than `dager` days; returns how many were new."""
    na = klokke.na()
    grense = na - timedelta(days=dager)
    varsler = [
        attestering_venter(u, linje, enhet, dager, na)
        for u, linje, enhet in kilde.til_attestering()
        if linje.totrinnskontroll.behandlet_tidspunkt < grense
    ]
    nye = repo.opprett(varsler) if varsler else 0
    logg.info("Ventende attesteringer sjekket", extra=felt(ventende=len(varsler), nye=nye, dager=dager))
    return nye
