"""Pub/Sub `avtale-utsending-tikk` (Cloud Scheduler every 5 min): the tiltaksavtale outbox sender (avtale.md §9.3)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.tiltaksavtale import hendelser


@functions_framework.cloud_event
def send_avtale_utsendinger(event: CloudEvent) -> None:
    hendelser.send()
