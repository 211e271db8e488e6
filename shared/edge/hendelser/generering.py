"""Glue between the CloudEvents of ingest, generation and recalculation and their use cases (functions/ only).

Error policy of event functions (STYLE.md §6, domene.md §7.1): a permanent error (`DomeneFeil`, an invalid
message) is published to the topic's dead-letter topic by us, logged, and acked by returning normally; anything
else is raised, so Pub/Sub retries with backoff and dead-letters after 5 deliveries.
"""

from __future__ import annotations

import logging

from cloudevents.http import CloudEvent

from shared import bootstrap, topics
from shared.config import settings
from shared.domain.felles.feil import DomeneFeil
from shared.edge.hendelser.cloudevents import firestore_dokument_id, pubsub_data, pubsub_publisert
from shared.logg import felt
from shared.service.generering.generer_utbetaling import generer_utbetalinger
from shared.service.generering.omberegn import omberegn_gjennomforing
from shared.service.generering.opprett_utbetalinger import (
    GenererUtbetaling,
    les_generer_melding,
    maned_fra_melding,
    opprett_utbetalinger,
)
from shared.service.grunnlag.ingest import IngestUtfall, ta_imot

logg = logging.getLogger(__name__)


def ingest(topic: str, event: CloudEvent) -> IngestUtfall:
    repo = bootstrap.repo()
    return ta_imot(
        topic,
        pubsub_data(event),
        repo=repo,
        omberegning=repo,
        publisher=bootstrap.publisher(),
        klokke=bootstrap.klokke(),
        forsinkelse_s=bootstrap.forsinkelse_s(),
    )


def _til_dead_letter(topic: str, data: bytes, feil: DomeneFeil) -> None:
    bootstrap.publisher().publiser(topics.dlq(topic), data)
    logg.error("Permanent feil: melding sendt til dead-letter", extra=felt(topic=topic, feil=str(feil)))


def start_generering(event: CloudEvent) -> int:
    data = pubsub_data(event)
    try:
        maned = maned_fra_melding(data, pubsub_publisert(event))
    except DomeneFeil as e:
        _til_dead_letter(topics.GENERERING_START, data, e)
        return 0
    return opprett_utbetalinger(maned, repo=bootstrap.repo(), publisher=bootstrap.publisher())


def generer(event: CloudEvent) -> int:
    data = pubsub_data(event)
    try:
        melding = les_generer_melding(data)
    except DomeneFeil as e:
        _til_dead_letter(topics.GENERER_UTBETALING, data, e)
        return 0
    resultat = generer_utbetalinger(
        melding.gjennomforing_ider,
        melding.periode,
        bootstrap.generering(),
        parallelle=settings().generering_parallelle,
    )
    if resultat.input_feil:
        feilet = GenererUtbetaling(gjennomforing_ider=tuple(resultat.input_feil), periode=melding.periode)
        bootstrap.publisher().publiser(topics.dlq(topics.GENERER_UTBETALING), feilet.model_dump_json().encode())
        logg.error(
            "Inputfeil: gjennomføringer sendt til dead-letter",
            extra=felt(periode=melding.periode, gjennomforing_ider=resultat.input_feil),
        )
    if resultat.forbigaende:
        raise resultat.forbigaende[0]
    return sum(1 for r in resultat.resultater if r.utfall == "OPPRETTET")


def omberegn(event: CloudEvent) -> int:
    resultater = omberegn_gjennomforing(
        firestore_dokument_id(event),
        repo=bootstrap.repo(),
        klokke=bootstrap.klokke(),
        forsinkelse_s=bootstrap.forsinkelse_s(),
    )
    return len(resultater)
