"""Delivery of the four kinds of trigger as gen2 would: a Firestore event (answered at once, run on the function's own
queue), a pulled Pub/Sub message, a Cloud Storage notification, and an HTTP request; each in a slot of the function."""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from werkzeug.test import EnvironBuilder

from emulators.funksjonsvert.felles import Plasser, Svar, WsgiApp, cloudevent_env, les_kropp, logg, svar
from emulators.manifest import Funksjon, Trigger
from shared.config import i_prosjekt, settings

if TYPE_CHECKING:
    from emulators.funksjonsvert.trekker import Trekker

STORAGE_TYPER = {
    "OBJECT_FINALIZE": "google.cloud.storage.object.v1.finalized",
    "OBJECT_DELETE": "google.cloud.storage.object.v1.deleted",
    "OBJECT_ARCHIVE": "google.cloud.storage.object.v1.archived",
    "OBJECT_METADATA_UPDATE": "google.cloud.storage.object.v1.metadataUpdated",
}


class Levering:
    """The delivery half of `Funksjonsvert` (a mixin: the host holds the apps, slots and queues)."""

    plasser: Plasser
    funksjoner: dict[str, Funksjon]
    _las: threading.Lock
    _koer: dict[tuple[str, str], ThreadPoolExecutor]

    def _app(self, fn: str) -> WsgiApp:
        raise NotImplementedError

    def _kall(
        self,
        prosjekt: str,
        fn: str,
        env: dict[str, Any],
        sr: Callable[..., Any],
        hendelse: str,
        vent: bool = False,
        holdt: threading.BoundedSemaphore | None = None,
    ) -> Iterable[bytes]:
        """Run one delivery in a slot of the function (`vent`: wait for one however long it takes; `holdt`: a slot
        the caller took already, released here)."""
        start = time.monotonic()
        status: list[str] = []

        def fang(s: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(s)
            return sr(s, headers, exc_info) if exc_info else sr(s, headers)

        try:
            app = self._app(fn)
        except Svar:
            if holdt is not None:
                holdt.release()
            raise
        plass = holdt if holdt is not None else self.plasser.ta(prosjekt, fn, vent)
        ko_ms = round((time.monotonic() - start) * 1000)
        try:
            with i_prosjekt(prosjekt):
                svar = list(app(env, fang))
        finally:
            if plass is not None:
                plass.release()
        logg(
            "INFO" if status and status[0][0] in "23" else "ERROR",
            f"{fn}: {hendelse}",
            funksjon=fn,
            prosjekt=prosjekt,
            status=status[0] if status else None,
            ms=round((time.monotonic() - start) * 1000),
            ko_ms=ko_ms,
        )
        return svar

    def _firestore(self, prosjekt: str, fn: str, env: dict[str, Any], sr: Callable[..., Any]) -> Iterable[bytes]:
        kropp = les_kropp(env)
        try:
            protobuf = base64.b64decode(kropp, validate=True)
        except binascii.Error:
            protobuf = kropp  # already raw (a future emulator that behaves like Eventarc)
        headers = {k[5:].lower().replace("_", "-"): v for k, v in env.items() if k.startswith("HTTP_CE_")}
        kilde = headers.get("ce-source", "")
        headers["ce-source"] = kilde.replace("/projects/projects/", "/projects/")
        self._app(fn)  # an unknown function answers 404 at once
        hendelse_env = cloudevent_env(env, headers, protobuf, "application/protobuf")
        hendelse = headers.get("ce-type", "firestore")

        def kjor() -> None:
            try:
                self._kall(prosjekt, fn, hendelse_env, lambda *a: None, hendelse, vent=True)
            except Exception:  # noqa: BLE001 - logged; the emulator would not retry it either
                logg("ERROR", f"{fn}: {hendelse}", funksjon=fn, prosjekt=prosjekt, feil=traceback.format_exc())

        self._firestorekø(prosjekt, fn).submit(kjor)
        return svar(sr, "200 OK", "")

    def _firestorekø(self, prosjekt: str, fn: str) -> ThreadPoolExecutor:
        """The FIFO queue of one function's Firestore-trigger deliveries (per project). The emulator sends the
        events of all functions one at a time and waits for each answer, so a delivery that waits for a slot (or a
        slow function) would hold back every other function's events: 2 500 outbox nudges of `utsending_opprettet`
        (one slot) kept `omberegn` markers waiting for minutes. As Eventarc, which delivers each trigger
        independently, the host answers at once and runs the event on the function's own queue."""
        with self._las:
            if (prosjekt, fn) not in self._koer:
                n = self.plasser.antall(fn) or 32
                self._koer[prosjekt, fn] = ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"trigger-{fn}")
            return self._koer[prosjekt, fn]

    def lever_pubsub(self, trekker: Trekker, melding: dict[str, Any], plass: threading.BoundedSemaphore | None) -> bool:
        """Deliver one pulled message (REST `receivedMessages` entry) in the slot the puller holds, as Eventarc pushes
        it: the push envelope in a binary CloudEvent. True = the function succeeded (ack)."""
        m = melding["message"]
        headers = {
            "ce-specversion": "1.0",
            "ce-id": m.get("messageId") or str(uuid.uuid4()),
            "ce-source": f"//pubsub.googleapis.com/projects/{trekker.prosjekt}/topics/{trekker.topic}",
            "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
            "ce-time": m.get("publishTime", ""),
        }
        data: dict[str, Any] = {"message": {**m, "message_id": m.get("messageId")}, "subscription": trekker.abonnement}
        if "deliveryAttempt" in melding:
            data["deliveryAttempt"] = melding["deliveryAttempt"]
        env = EnvironBuilder(path="/", method="POST").get_environ()
        env = cloudevent_env(env, headers, json.dumps(data).encode(), "application/json")
        status: list[str] = []

        def sr(s: str, headers: Any, exc_info: Any = None) -> Callable[[bytes], None]:
            status.append(s)
            return lambda _b: None

        self._kall(trekker.prosjekt, trekker.fn, env, sr, f"pubsub {trekker.topic}", holdt=plass)
        return bool(status) and status[0][0] in "23"

    def _storage(self, prosjekt: str, fn: str, env: dict[str, Any], sr: Callable[..., Any]) -> Iterable[bytes]:
        melding = json.loads(les_kropp(env))["message"]
        attr = melding.get("attributes", {})
        hendelsestype = STORAGE_TYPER.get(attr.get("eventType", ""))
        trigger = self._storage_trigger(prosjekt, fn, attr.get("bucketId", ""), hendelsestype)
        if trigger is None:
            return svar(sr, "204 No Content", "")
        headers = {
            "ce-specversion": "1.0",
            "ce-id": melding.get("messageId") or str(uuid.uuid4()),
            "ce-source": f"//storage.googleapis.com/projects/_/buckets/{attr['bucketId']}",
            "ce-type": hendelsestype or "",
            "ce-subject": f"objects/{attr.get('objectId', '')}",
            "ce-time": attr.get("eventTime") or melding.get("publishTime", ""),
        }
        kropp = base64.b64decode(melding.get("data", ""))
        return self._kall(
            prosjekt,
            fn,
            cloudevent_env(env, headers, kropp, "application/json"),
            sr,
            f"{hendelsestype} {attr['bucketId']}/{attr.get('objectId')}",
        )

    def _storage_trigger(self, prosjekt: str, fn: str, bucket: str, hendelsestype: str | None) -> Trigger | None:
        funksjon = self.funksjoner.get(fn)
        if funksjon is None:
            raise Svar("404 Not Found", f"funksjonen {fn} er ikke lastet")
        with i_prosjekt(prosjekt):
            for t in funksjon.triggere:
                if (
                    t.type == "storage"
                    and t.event_type == hendelsestype
                    and getattr(settings(), t.bucket or "") == bucket
                ):
                    return t
        return None

    def _http(
        self, prosjekt: str, fn: str, prefiks: int, env: dict[str, Any], sr: Callable[..., Any]
    ) -> Iterable[bytes]:
        deler = env.get("PATH_INFO", "").split("/")
        ny = dict(env)
        ny["SCRIPT_NAME"] = env.get("SCRIPT_NAME", "") + "/".join(deler[: prefiks + 1])
        ny["PATH_INFO"] = "/" + "/".join(deler[prefiks + 1 :])
        return self._kall(prosjekt, fn, ny, sr, f"{env.get('REQUEST_METHOD')} {ny['PATH_INFO']}")
