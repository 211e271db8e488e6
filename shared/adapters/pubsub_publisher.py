"""Pub/Sub publisher (the `Publisher` port)."""

from __future__ import annotations

from google.cloud.pubsub_v1 import PublisherClient


class PubSubPublisher:
    def __init__(self, klient: PublisherClient, prosjekt: str) -> None:
        self._klient = klient
        self._prosjekt = prosjekt

    def publiser(self, topic: str, data: bytes) -> None:
        self._klient.publish(self._klient.topic_path(self._prosjekt, topic), data).result(timeout=60)
