"""Pub/Sub `generer-utbetaling`: creates the month's claims of one batch of gjennomføringer (domene.md §7.1)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import generering


@functions_framework.cloud_event
def generer_utbetaling(event: CloudEvent) -> None:
    generering.generer(event)
