"""Pub/Sub `tao-daglig` (Cloud Scheduler daily 06:00): TAO account retry and payment (domene.md §12.3)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import utsending


@functions_framework.cloud_event
def tao_daglig(event: CloudEvent) -> None:
    utsending.tao()
