"""A stand-in for Nav's economy system, for `make demo` and the benchmark only (never in production wiring).

It pulls `okonomi-ut` through an ordering-enabled subscription, drops duplicates by `fakturanummer` (FAKTURA) and
(`type`, `bestillingsnummer`) (the others), as the real receiver does (domene.md §10.1), and answers each new
FAKTURA on `okonomi-inn` with `FULLT_BETALT` (or `SENDT` while its `utbetalesTidligstTidspunkt` lies ahead).

    sim = OkonomiSimulator(prosjekt); sim.start(); ...; sim.stopp(); sim.duplikater
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

from google.cloud import pubsub_v1

from shared import topics


class OkonomiSimulator:
    def __init__(self, prosjekt: str) -> None:
        self.prosjekt = prosjekt
        self.mottatt: dict[str, dict[str, Any]] = {}
        self.andre: dict[tuple[str, str], str] = {}
        self.duplikater = 0
        """Messages published again for a number already received (a second publish by our dispatcher)."""
        self.gjenleveringer = 0
        """The same message delivered again by Pub/Sub (at least once, e.g. an ack after the deadline): not a
        second publish; dropped like the real receiver drops it."""
        self._meldings_id: dict[str, str] = {}
        self._las = threading.Lock()
        self._sub = pubsub_v1.SubscriberClient()
        self._pub = pubsub_v1.PublisherClient()
        self._abonnement = self._sub.subscription_path(prosjekt, f"okonomi-simulator-{uuid.uuid4().hex[:6]}")
        self._future: Any = None

    def start(self) -> None:
        self._sub.create_subscription(
            request={
                "name": self._abonnement,
                "topic": f"projects/{self.prosjekt}/topics/{topics.OKONOMI_UT}",
                "enable_message_ordering": True,
            }
        )
        flyt = pubsub_v1.types.FlowControl(max_messages=2000)
        self._future = self._sub.subscribe(self._abonnement, self._motta, flow_control=flyt)

    def _motta(self, melding: Any) -> None:
        data = json.loads(melding.data)
        svar = self._registrer(data, str(melding.message_id))
        if svar is not None:
            self._pub.publish(self._pub.topic_path(self.prosjekt, topics.OKONOMI_INN), json.dumps(svar).encode())
        melding.ack()

    def _gjentatt(self, forrige: str, meldings_id: str) -> None:
        if forrige == meldings_id:
            self.gjenleveringer += 1
        else:
            self.duplikater += 1

    def _registrer(self, data: dict[str, Any], meldings_id: str = "") -> dict[str, Any] | None:
        with self._las:
            if data.get("type") != "FAKTURA":
                nokkel = (str(data.get("type")), str(data.get("bestillingsnummer")))
                if nokkel in self.andre:
                    self._gjentatt(self.andre[nokkel], meldings_id)
                else:
                    self.andre[nokkel] = meldings_id
                return None
            nummer = str(data["fakturanummer"])
            if nummer in self.mottatt:
                self._gjentatt(self._meldings_id[nummer], meldings_id)
                return None
            self.mottatt[nummer] = data
            self._meldings_id[nummer] = meldings_id
        na = datetime.now(UTC)
        tidligst = data.get("utbetalesTidligstTidspunkt")
        venter = tidligst is not None and datetime.fromisoformat(str(tidligst).replace("Z", "+00:00")) > na
        return {
            "fakturanummer": nummer,
            "status": "SENDT" if venter else "FULLT_BETALT",
            "fakturaStatusSistOppdatert": na.isoformat(),
        }

    def stopp(self) -> None:
        if self._future is not None:
            self._future.cancel()
        try:
            self._sub.delete_subscription(request={"subscription": self._abonnement})
        except Exception:  # noqa: BLE001 - best effort on shutdown of a local tool
            pass
