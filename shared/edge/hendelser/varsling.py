"""Glue of the notice functions (functions/ only; issue 16 §2): the dispatcher's tick and nudge, and the daily
check of lines waiting for attestation. Errors are raised and retried by Pub/Sub / Eventarc; a notice the receiver
refuses is recorded on it by the dispatcher, never raised."""

from __future__ import annotations

import uuid

from cloudevents.http import CloudEvent

from shared import bootstrap, bootstrap_varsling
from shared.edge.hendelser.cloudevents import firestore_dokument
from shared.service.varsling.send_varsler import Varslingsresultat, send_etter_nytt_varsel, send_varsler
from shared.service.varsling.ventende_attestering import varsle_ventende_attestering


def send() -> Varslingsresultat:
    return send_varsler(repo=bootstrap_varsling.varsel_repo(), varsler=bootstrap_varsling.varsler(),
                        klokke=bootstrap.klokke(), eier=str(uuid.uuid4()))  # fmt: skip


def send_etter_opprettelse(event: CloudEvent) -> Varslingsresultat | None:
    varsel_id = firestore_dokument(event).sti.rsplit("/", 1)[-1]
    return send_etter_nytt_varsel(varsel_id, repo=bootstrap_varsling.varsel_repo(),
                                  varsler=bootstrap_varsling.varsler(), klokke=bootstrap.klokke(),
                                  eier=str(uuid.uuid4()))  # fmt: skip


def ventende_attestering() -> int:
    return varsle_ventende_attestering(
        kilde=bootstrap_varsling.ventende_attesteringer(),
        repo=bootstrap_varsling.varsel_repo(),
        klokke=bootstrap.klokke(),
        dager=bootstrap_varsling.attestering_varsel_dager(),
    )
