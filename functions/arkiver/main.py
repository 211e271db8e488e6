"""Firestore created on `arkiveringer/{id}`: the archive copy of a received claim and its vedlegg, journalført in Nav's
archive, the journalpost id stored on the claim (domene.md §11)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import arkiv


@functions_framework.cloud_event
def arkiver(event: CloudEvent) -> None:
    arkiv.arkiver_hendelse(event)
