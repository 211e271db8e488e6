"""Publisher with ordering keys for `okonomi-ut` (domene.md §10.1): one PublisherClient with message ordering on;
every message carries its ordering key (bestillingsnummer) and attributes (`type`, and `utbetalesTidligstTidspunkt`
for FAKTURA). Several messages of one key may be handed over in one call: the client sends them in that order, and
once one fails it fails the later ones of that key, so the caller marks only the prefix before the first failure as
sent. After a failed publish the key is resumed, so the next dispatcher run can publish it again.
One call waits at most `timeout_s` in all (not per message), so a chunk never outlasts the dispatcher's lease
(shared/service/utsending/send_utsendinger.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from google.cloud.pubsub_v1 import PublisherClient
from google.cloud.pubsub_v1.types import PublisherOptions

from shared.service.nav.ports import Publisering


def ordnet_klient() -> PublisherClient:
    return PublisherClient(publisher_options=PublisherOptions(enable_message_ordering=True))


class PubSubOrdnetPublisher:
    def __init__(self, klient: PublisherClient, prosjekt: str, timeout_s: float = 60) -> None:
        self._klient = klient
        self._prosjekt = prosjekt
        self._timeout_s = timeout_s

    def publiser_alle(
        self, meldinger: Sequence[Publisering], ved_svar: Callable[[int, BaseException | None], None] | None = None
    ) -> list[BaseException | None]:
        fremtider = []
        for m in meldinger:
            sti = self._klient.topic_path(self._prosjekt, m.topic)
            fremtider.append((sti, m, self._klient.publish(sti, m.data, ordering_key=m.ordering_key, **m.attributter)))
        svar: list[BaseException | None] = []
        frist = time.monotonic() + self._timeout_s
        for sti, m, f in fremtider:
            try:
                f.result(timeout=max(0.0, frist - time.monotonic()))
                svar.append(None)
            except Exception as e:  # noqa: BLE001 - any publish failure is reported per message; the key is resumed
                self._klient.resume_publish(sti, m.ordering_key)
                svar.append(e)
            if ved_svar is not None:
                ved_svar(len(svar) - 1, svar[-1])
        return svar
