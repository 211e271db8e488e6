"""Pub/Sub `utsending-tikk` (Cloud Scheduler every 5 min): the outbox dispatcher (domene.md §10.1)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import utsending


@functions_framework.cloud_event
def send_utsendinger(event: CloudEvent) -> None:
    utsending.send()
