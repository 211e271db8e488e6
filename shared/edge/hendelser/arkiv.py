"""Glue of the `arkiver` function (functions/ only; domene.md §11).

Error policy as in edge/hendelser/generering.py: a permanent failure (AVVIST) is published to `arkivering-dlq`,
logged as an alert (`varsel` = ARKIVERING_DLQ, ids and a reason code only) and acked; anything else is raised, so the
trigger retries with backoff.
"""

from __future__ import annotations

import json
import logging

from cloudevents.http import CloudEvent

from shared import bootstrap, bootstrap_arkiv, topics
from shared.edge.hendelser.cloudevents import firestore_dokument_id
from shared.logg import felt
from shared.service.arkiv.arkiver import Arkiveringsresultat, Utfall, arkiver

logg = logging.getLogger(__name__)


def arkiver_hendelse(event: CloudEvent) -> Arkiveringsresultat:
    utbetaling_id = firestore_dokument_id(event)
    resultat = arkiver(utbetaling_id, bootstrap_arkiv.arkiv())
    if resultat.utfall is Utfall.AVVIST:
        melding = {"utbetaling_id": utbetaling_id, "feil": resultat.feil}
        bootstrap.publisher().publiser(topics.ARKIVERING_DLQ, json.dumps(melding).encode())
        logg.error("Arkivering feilet permanent: sendt til dead-letter",
                   extra=felt(utbetaling_id=utbetaling_id, feil=resultat.feil, varsel="ARKIVERING_DLQ"))  # fmt: skip
    else:
        logg.info("Utbetaling journalført", extra=felt(utbetaling_id=utbetaling_id, utfall=resultat.utfall.value,
                                                       journalpost_id=resultat.journalpost_id))  # fmt: skip
    return resultat
