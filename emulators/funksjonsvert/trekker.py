"""Pulling a Pub/Sub function's subscription, as Eventarc pushes to max instances."""

from __future__ import annotations

import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import requests

from emulators.funksjonsvert.felles import logg

if TYPE_CHECKING:
    from emulators.funksjonsvert.vert import Funksjonsvert


class Trekker:
    """Pulls one function's subscription in one project, as Eventarc pushes to max instances. It waits for a free
    slot, takes every other free slot too, pulls at most that many messages and runs each in its slot. Success acks;
    an error nacks, so the emulator applies the subscription's retry backoff and, after `maks_leveringer`, its
    dead-letter policy. The lease of a message still running is extended by the ack deadline every third of it.
    Stops when the subscription is gone (frigi_prosjekt).

    Why short polls (returnImmediately) and not the alternatives, both measured: a long poll with a client timeout
    leaves the abandoned pull waiting in the emulator, which hands it the next message (a minute of idling lost the
    generation start message until its ack deadline); StreamingPull delivers every message at once into the client
    library's hold queue, and the emulator redelivered ~80 of 140 generation messages while they waited or ran."""

    MAKS_PER_PULL = 20
    PAUSE_S = (0.02, 0.25, 1.0)
    """Wait after an empty pull: from the first value, doubled per empty pull up to the second (the latency of a
    busy test or demo), and up to the third once the subscription has been idle for `STILLE_S` (an idle stack then
    polls once a second per subscription)."""
    STILLE_S = 30.0

    def __init__(self, vert: Funksjonsvert, prosjekt: str, fn: str, abonnement: str, topic: str) -> None:
        self.vert, self.prosjekt, self.fn, self.abonnement, self.topic = vert, prosjekt, fn, abonnement, topic
        self._url = f"{vert.pubsub_url}/v1/{abonnement}"
        self._okt = requests.Session()
        self._okt.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=32))
        n = vert.plasser.antall(fn) or self.MAKS_PER_PULL
        self._pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"pubsub-{prosjekt}-{fn}")
        self._underveis: set[str] = set()
        self._las = threading.Lock()
        self._stopp = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._kjor, name=f"trekk-{self.prosjekt}-{self.fn}", daemon=True).start()
        threading.Thread(target=self._forleng, name=f"forleng-{self.prosjekt}-{self.fn}", daemon=True).start()

    def stopp(self) -> None:
        self._stopp.set()

    def _plasser(self) -> tuple[threading.BoundedSemaphore | None, int]:
        """Wait for one slot, then take the other free ones: (the semaphore, how many are held)."""
        plass = self.vert.plasser.ta(self.prosjekt, self.fn, vent=True)
        if plass is None:
            return None, self.MAKS_PER_PULL
        n = 1
        while n < self.MAKS_PER_PULL and plass.acquire(blocking=False):
            n += 1
        return plass, n

    def _post(self, handling: str, kropp: dict[str, Any]) -> requests.Response | None:
        try:
            return self._okt.post(f"{self._url}:{handling}", json=kropp, timeout=10)
        except requests.RequestException:
            return None

    def _kjor(self) -> None:
        pause, sist_aktiv = self.PAUSE_S[0], time.monotonic()
        while not self._stopp.is_set():
            plass, n = self._plasser()
            svar = self._post("pull", {"maxMessages": n, "returnImmediately": True})
            meldinger = svar.json().get("receivedMessages", []) if svar is not None and svar.ok else []
            for _ in range(n - len(meldinger)):
                if plass is not None:
                    plass.release()
            if svar is not None and svar.status_code == 404:
                self._stopp.set()
                logg("INFO", f"{self.fn}: abonnementet er borte, trekker stopper", prosjekt=self.prosjekt)
                break
            for m in meldinger:
                with self._las:
                    self._underveis.add(m["ackId"])
                self._pool.submit(self._lever, m, plass)
            if meldinger:
                pause, sist_aktiv = self.PAUSE_S[0], time.monotonic()
            else:
                tak = self.PAUSE_S[1] if time.monotonic() - sist_aktiv < self.STILLE_S else self.PAUSE_S[2]
                pause = min(pause * 2, tak)
                self._stopp.wait(pause)
        self._pool.shutdown(wait=False)

    def _lever(self, melding: dict[str, Any], plass: threading.BoundedSemaphore | None) -> None:
        ok = False
        try:
            ok = self.vert.lever_pubsub(self, melding, plass)
        except Exception:  # noqa: BLE001 - logged and nacked; Pub/Sub redelivers
            logg("ERROR", f"{self.fn}: levering feilet", funksjon=self.fn, feil=traceback.format_exc())
        finally:
            with self._las:
                self._underveis.discard(melding["ackId"])
        if ok:
            svar = self._post("acknowledge", {"ackIds": [melding["ackId"]]})
        else:
            svar = self._post("modifyAckDeadline", {"ackIds": [melding["ackId"]], "ackDeadlineSeconds": 0})
        if svar is None or not svar.ok:
            logg("WARNING", f"{self.fn}: ack/nack nådde ikke fram; meldingen leveres igjen etter fristen")

    def _forleng(self) -> None:
        while not self._stopp.wait(max(1.0, self.vert.ack_frist_s / 3)):
            with self._las:
                ider = sorted(self._underveis)
            if ider:  # a failed extension is retried next round; at worst the message is delivered once more
                self._post("modifyAckDeadline", {"ackIds": ider, "ackDeadlineSeconds": self.vert.ack_frist_s})
