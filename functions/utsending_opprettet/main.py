"""Firestore created on `utsendinger/{id}`: nudges the outbox dispatcher when a record due now is committed
(domene.md §10.1). One function folder is one trigger, so the nudge is its own function; both run the same
dispatcher, and its lease keeps it to one run at a time (max instances 1 in Terraform as well)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import utsending


@functions_framework.cloud_event
def utsending_opprettet(event: CloudEvent) -> None:
    utsending.send_etter_opprettelse(event)
