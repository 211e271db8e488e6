"""Firestore created on `omberegninger/{id}`: recalculates one gjennomføring's GENERERT claims (domene.md §7.2)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import generering


@functions_framework.cloud_event
def omberegn(event: CloudEvent) -> None:
    generering.omberegn(event)
