"""Pub/Sub `arrangor-v1`: validates and upserts one document (domene.md §3.4)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared import topics
from shared.edge.hendelser import generering


@functions_framework.cloud_event
def ingest_arrangor(event: CloudEvent) -> None:
    generering.ingest(topics.ARRANGOR, event)
