"""Pub/Sub `avtale-daglig` (Cloud Scheduler daily 06:30): status, expiry and oppfølging of the tiltaksavtaler
(avtale.md §5.7, §5.8, §9.3)."""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.tiltaksavtale import hendelser


@functions_framework.cloud_event
def avtale_daglig(event: CloudEvent) -> None:
    hendelser.daglig()
