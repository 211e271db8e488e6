"""Pub/Sub `generering-start` from Cloud Scheduler: lists the month's candidates and fans out (domene.md §7.1)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import generering


@functions_framework.cloud_event
def opprett_utbetalinger(event: CloudEvent) -> None:
    generering.start_generering(event)
