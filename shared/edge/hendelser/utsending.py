"""Glue of the dispatcher, payment-status and TAO functions (functions/ only; domene.md §10, §12.3).

Error policy as in edge/hendelser/generering.py: a `DomeneFeil` (unknown fakturanummer, contradicting or unreadable
status) is published to `okonomi-inn-dlq`, logged as an alert and acked; anything else is raised and retried by Pub/Sub.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from cloudevents.http import CloudEvent

from shared import bootstrap, bootstrap_nav, topics
from shared.domain.felles.feil import DomeneFeil
from shared.edge.hendelser.cloudevents import firestore_dokument, pubsub_data
from shared.logg import felt
from shared.service.nav.tao_daglig import TaoResultat, tao_daglig
from shared.service.utsending.motta_okonomistatus import motta_okonomistatus
from shared.service.utsending.send_utsendinger import Utsendingsresultat, send_etter_ny_post, send_utsendinger

logg = logging.getLogger(__name__)


def send() -> Utsendingsresultat:
    return send_utsendinger(
        repo=bootstrap_nav.nav_repo(),
        publisher=bootstrap_nav.okonomi_publisher(),
        klokke=bootstrap.klokke(),
        eier=str(uuid.uuid4()),
    )


def send_etter_opprettelse(event: CloudEvent) -> Utsendingsresultat | None:
    """The nudge: a record due now was created. A record for later waits for the scheduler tick."""
    dokument = firestore_dokument(event)
    tidligst = (dokument.felt or {}).get("send_tidligst")
    if isinstance(tidligst, datetime) and tidligst > bootstrap.klokke().na():
        return None
    return send_etter_ny_post(
        dokument.sti.rsplit("/", 1)[-1],
        oppslag=bootstrap.utsending_oppslag(),
        repo=bootstrap_nav.nav_repo(),
        publisher=bootstrap_nav.okonomi_publisher(),
        klokke=bootstrap.klokke(),
        eier=str(uuid.uuid4()),
    )


def motta_status(event: CloudEvent) -> str:
    data = pubsub_data(event)
    try:
        return motta_okonomistatus(data, repo=bootstrap_nav.nav_repo(), klokke=bootstrap.klokke()).value
    except DomeneFeil as e:
        bootstrap.publisher().publiser(topics.dlq(topics.OKONOMI_INN), data)
        logg.error("Statusmelding sendt til dead-letter", extra=felt(feil=str(e), varsel="OKONOMI_INN_DLQ"))
        return "DLQ"


def tao() -> TaoResultat:
    repo = bootstrap_nav.nav_repo()
    return tao_daglig(
        repo.genererte_tao_krav(),
        repo=bootstrap_nav.nav_repo(),
        kontoregister=bootstrap.kontoregister(),
        klokke=bootstrap.klokke(),
    )
