"""Pub/Sub `varsling-daglig` (Cloud Scheduler daily at 07:00): one notice to Nav per line waiting for attestation
longer than `ATTESTERING_VARSEL_DAGER` (issue 16 §2)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import varsling


@functions_framework.cloud_event
def varsle_ventende_attestering(event: CloudEvent) -> None:
    varsling.ventende_attestering()
