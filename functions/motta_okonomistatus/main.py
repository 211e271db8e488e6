"""Pub/Sub `okonomi-inn`: faktura and bestilling status from the economy system (domene.md §10.3)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import utsending


@functions_framework.cloud_event
def motta_okonomistatus(event: CloudEvent) -> None:
    utsending.motta_status(event)
