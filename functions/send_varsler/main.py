"""Pub/Sub `varsling-tikk` (Cloud Scheduler every 5 min): the notice dispatcher (issue 16 §2)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import varsling


@functions_framework.cloud_event
def send_varsler(event: CloudEvent) -> None:
    varsling.send()
