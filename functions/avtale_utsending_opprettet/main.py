"""Firestore created on `avtale_utsendinger/{id}`: sends that record at once if it is due (avtale.md §9.3); the
5-minute tick sends the rest."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.tiltaksavtale import hendelser


@functions_framework.cloud_event
def avtale_utsending_opprettet(event: CloudEvent) -> None:
    hendelser.send_etter_opprettelse(event)
