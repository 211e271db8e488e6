"""Firestore created on `varsler/{id}`: nudges the notice dispatcher when a notice is committed (issue 16 §2). One
function folder is one trigger, so the nudge is its own function; its lease keeps it to one run at a time with the
tick."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser import varsling


@functions_framework.cloud_event
def varsel_opprettet(event: CloudEvent) -> None:
    varsling.send_etter_opprettelse(event)
