"""Glue of the daily reconciliation function (functions/avstem_daglig; issue 18).

A malformed scheduler message is permanent: it goes to `avstemming-daglig-dlq`, is logged and acked. Discrepancies
are not errors of the function: they are logged for an alert by the service and the run succeeds.
"""

from __future__ import annotations

import logging

from cloudevents.http import CloudEvent

from shared import bootstrap, bootstrap_avstemming, topics
from shared.domain.felles.feil import DomeneFeil
from shared.edge.hendelser.cloudevents import pubsub_data, pubsub_publisert
from shared.logg import felt
from shared.service.avstemming.avstem import avstem_daglig, dato_fra_melding

logg = logging.getLogger(__name__)


def avstem(event: CloudEvent) -> int:
    """The number of discrepancies found (−1 when the message was dead-lettered)."""
    data = pubsub_data(event)
    try:
        dato = dato_fra_melding(data, pubsub_publisert(event))
    except DomeneFeil as e:
        bootstrap.publisher().publiser(topics.dlq(topics.AVSTEMMING_DAGLIG), data)
        logg.error("Permanent feil: melding sendt til dead-letter", extra=felt(feil=str(e)))
        return -1
    resultat = avstem_daglig(
        dato,
        kilde=bootstrap_avstemming.avstemmingskilde(),
        publisher=bootstrap.publisher(),
        klokke=bootstrap.klokke(),
    )
    return len(resultat.rapport.avvik)
