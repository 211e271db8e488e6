"""Wiring: clients built lazily and cached per project (functools.cache), adapters handed to the services.

Nothing happens at import time. The local functions host serves many projects from one process
(`shared.config.i_prosjekt`), so every cache is keyed by `settings().gcp_project`.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from functools import cache

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient

from shared import logg
from shared.adapters.firestore_repo import FirestoreRepo
from shared.adapters.kontoregister import FirestoreKontoregister
from shared.adapters.pubsub_publisher import PubSubPublisher
from shared.config import settings
from shared.service.generer_utbetaling import Avhengigheter


class SystemKlokke:
    def na(self) -> datetime:
        return datetime.now(UTC)

    def sov(self, sekunder: float) -> None:
        time.sleep(sekunder)


@cache
def _firestore(prosjekt: str) -> firestore.Client:
    logg.konfigurer()
    return firestore.Client(project=prosjekt)


@cache
def _publisher_klient() -> PublisherClient:
    return PublisherClient()


@cache
def _repo(prosjekt: str) -> FirestoreRepo:
    return FirestoreRepo(_firestore(prosjekt))


def firestore_klient() -> firestore.Client:
    return _firestore(settings().gcp_project)


def repo() -> FirestoreRepo:
    return _repo(settings().gcp_project)


def publisher() -> PubSubPublisher:
    return PubSubPublisher(_publisher_klient(), settings().gcp_project)


def kontoregister() -> FirestoreKontoregister:
    return FirestoreKontoregister(firestore_klient())


def klokke() -> SystemKlokke:
    return SystemKlokke()


def navnerom() -> uuid.UUID:
    return uuid.UUID(settings().utbetaling_navnerom)


def forsinkelse_s() -> float:
    return settings().omberegning_forsinkelse_s


def generering() -> Avhengigheter:
    r = repo()
    return Avhengigheter(
        repo=r,
        omberegning=r,
        kontoregister=kontoregister(),
        klokke=klokke(),
        navnerom=navnerom(),
        forsinkelse_s=forsinkelse_s(),
    )
