"""Glue of the tiltaksavtale's event-triggered functions (avtale.md §9.3): the daily job and the outbox sender.
Error policy as in edge/hendelser: the daily job handles each avtale alone and logs the ones it refused; anything
else is raised and retried by Pub/Sub."""

from __future__ import annotations

import logging

from cloudevents.http import CloudEvent

from shared import bootstrap_tiltaksavtale
from shared.edge.hendelser.cloudevents import firestore_dokument_id
from shared.service.tiltaksavtale.daglig import Dagsresultat, kjor_daglig_jobb
from shared.service.tiltaksavtale.utsending import Utsendingsresultat, send_avtale_utsendinger, send_en

logg = logging.getLogger(__name__)


def daglig() -> Dagsresultat:
    r = kjor_daglig_jobb(bootstrap_tiltaksavtale.avhengigheter())
    logg.info("avtale_daglig ferdig", extra={"endret": len(r.endret), "feilet": len(r.feilet)})
    return r


def send() -> Utsendingsresultat:
    r = send_avtale_utsendinger(bootstrap_tiltaksavtale.utsender())
    logg.info("avtale-utsendinger sendt", extra={"sendt": len(r.sendt), "feilet": len(r.feilet)})
    return r


def send_etter_opprettelse(event: CloudEvent) -> Utsendingsresultat:
    return send_en(bootstrap_tiltaksavtale.utsender(), firestore_dokument_id(event))
