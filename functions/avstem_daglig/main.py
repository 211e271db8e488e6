"""Pub/Sub `avstemming-daglig` (Cloud Scheduler daily 06:30): reconcile the ledger and send the grensesnittavstemming
for yesterday's FAKTURA (issue 18)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import avstemming


@functions_framework.cloud_event
def avstem_daglig(event: CloudEvent) -> None:
    avstemming.avstem(event)
