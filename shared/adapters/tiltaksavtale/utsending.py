"""Adapters of the tiltaksavtale outbox sender (shared/service/tiltaksavtale/utsending.py): the outbox
`avtale_utsendinger` (query: the composite index sendt, send_tidligst of indekser.py), the local `Varsling` stand-in
`varsling_stub/{ekstern_id}` (create-if-absent, so a repeated send is a no-op; tests read it) and a Pub/Sub
publisher with message ordering."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.pubsub_v1 import PublisherClient
from google.cloud.pubsub_v1.types import PublisherOptions

from shared.adapters.tiltaksavtale import dokumenter as dok
from shared.domain.tiltaksavtale.hendelser import Utsending
from shared.service.tiltaksavtale.ports import PortFeil

VARSLING_STUB: Final = "varsling_stub"


class FirestoreAvtaleUtsendinger:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def forfalte(self, na: datetime, maks: int) -> list[Utsending]:
        q = (
            self.db.collection(dok.UTSENDINGER)
            .where(filter=FieldFilter("sendt", "==", None))
            .where(filter=FieldFilter("send_tidligst", "<=", na))
            .order_by("send_tidligst")
            .limit(maks)
        )
        return [dok.utsending_fra(s.to_dict() or {}) for s in q.stream()]

    def hent_usendt(self, ekstern_id: str) -> Utsending | None:
        snap = self.db.collection(dok.UTSENDINGER).document(ekstern_id).get()
        data = snap.to_dict() if snap.exists else None
        return dok.utsending_fra(data) if data is not None and data.get("sendt") is None else None

    def marker_sendt(self, ekstern_id: str, na: datetime) -> None:
        self.db.collection(dok.UTSENDINGER).document(ekstern_id).update({"sendt": na})

    def marker_feilet(self, ekstern_id: str) -> None:
        self.db.collection(dok.UTSENDINGER).document(ekstern_id).update({"forsok": firestore.Increment(1)})


class FirestoreVarsling:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def send(self, u: Utsending) -> None:
        try:
            self.db.collection(VARSLING_STUB).document(u.ekstern_id).create({
                "avtale_id": u.avtale_id, "kanal": u.kanal.value, "mottaker": u.mottaker, "innhold": u.innhold,
                "mottatt": firestore.SERVER_TIMESTAMP,
            })  # fmt: skip
        except gexc.AlreadyExists:
            return
        except gexc.GoogleAPICallError as e:
            raise PortFeil("varslingen svarte ikke") from e


def ordnet_klient() -> PublisherClient:
    return PublisherClient(publisher_options=PublisherOptions(enable_message_ordering=True))


class PubSubAvtalePublisher:
    def __init__(self, klient: PublisherClient, prosjekt: str, timeout_s: float = 30) -> None:
        self._klient, self._prosjekt, self._timeout_s = klient, prosjekt, timeout_s

    def publiser(self, topic: str, data: bytes, ordering_key: str, attributter: Mapping[str, str]) -> None:
        sti = self._klient.topic_path(self._prosjekt, topic)
        try:
            self._klient.publish(sti, data, ordering_key=ordering_key, **attributter).result(timeout=self._timeout_s)
        except Exception as e:  # noqa: BLE001 - any publish failure: the key is resumed and the record retried
            self._klient.resume_publish(sti, ordering_key)
            raise PortFeil(f"publisering til {topic} feilet") from e
