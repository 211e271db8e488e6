"""The local functions host: every function of the manifests in one process (and worker processes for the Pub/Sub
functions of `[funksjonsvert.prosesser]`), delivered to as gen2 would.

    python -m emulators.funksjonsvert [--port N] [--manifest PATH ...]

Each function is a functions-framework app (`create_app(target, source, signature_type)`); a small WSGI router
in front translates what the emulators send into what Eventarc/Cloud Functions would send:

  POST /functions/projects/{p}/triggers/{fn}
      From the Firestore emulator (gen2 eventarc trigger). The body is base64 text of DocumentEventData; it is
      forwarded as a binary CloudEvent with the raw protobuf body (and the emulator's doubled "projects/" in
      ce-source fixed).
  POST /_vert/trekk                  {"prosjekt", "funksjon", "abonnement", "topic"} (klargjor_prosjekt): the host
      pulls that subscription for the function (see below) and delivers each message as a binary CloudEvent
      google.cloud.pubsub.topic.v1.messagePublished with data {"message": {...}, "subscription": ...}, as
      Eventarc sends it.
  POST /_storage/{p}/{fn}/projects/{gp}/topics/{gt}
      A fake-gcs-server notification via Pub/Sub push. Forwarded as
      google.cloud.storage.object.v1.<finalized|...> with the object JSON as data, if the bucket (a Settings
      field, read in project p) and the event type match the trigger; otherwise acked with 204.
  ANY  /{fn}/rest...                 HTTP function in the stack's default project.
  ANY  /_prosjekt/{p}/{fn}/rest...   HTTP function in project p.
  GET  /_vert/helse                  health: the loaded functions.
  GET  /_vert/dev-utsteder/jwks      JWKS of the local dev issuer (`utbetaling token`, shared/edge/dev_utsteder.py).
  POST /_vert/last                   {"manifester": [...]}: load more manifests (klargjor_prosjekt).

HTTP prefix: the router moves `/{fn}` (or `/_prosjekt/{p}/{fn}`) into SCRIPT_NAME, so the function sees
`request.path == "/rest..."` as behind `https://REGION-PROJECT.cloudfunctions.net/{fn}/rest...`;
`request.url` still carries the full URL.

Pub/Sub-triggered functions are pulled, not pushed: the emulator's push loop pulls one message at a time and
waits for the endpoint's answer (measured: never more than 2 deliveries in flight per subscription, whatever the
endpoint could take), while Eventarc pushes as many at once as the function has instances. So the host pulls each
function's subscription with as many messages in flight as the function has free slots (short polls; see
`_Trekker` for the two alternatives that failed), acks on success and nacks on an error, so the subscription's own
retry policy and dead-letter policy apply as in the cloud; the lease of a message still running is extended. A
function that raises thus gets the message again (retry policy, then the dead-letter topic after
`maks_leveringer`).

A function listed in `[funksjonsvert.prosesser]` is pulled by that many worker processes instead (`_Arbeidere`):
each is a host process of its own (`--arbeider FN`) with its share of the function's slots, as each Cloud Functions
instance is a process of its own. In one process, 20 generation workers shared one GIL: the host held 0.88 of
the 2 cores and the Firestore emulator waited (0.34 cores, 0.53 idle, measured during the §13 run).

Each function runs at most `[funksjonsvert.samtidighet]` deliveries at once (stack.toml; max instances ×
concurrency 1 of Cloud Functions): the others wait for a slot. An HTTP request that waits longer than `ko_frist_s`
gets 429, as a function at max instances answers. A Firestore-trigger delivery is answered
at once and run on the function's own FIFO queue (as many threads as slots), waiting as long as it takes: the emulator
sends all functions' events one at a time and never retries them (Eventarc delivers each trigger independently).
Each event is run inside `shared.config.i_prosjekt(p)` for the project it came from, so one host serves many
isolated test projects.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import io
import json
import logging
import subprocess
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import functions_framework
import requests
from functions_framework import _function_registry
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.test import EnvironBuilder

from emulators.konfig import ROT, StackKonfig, les_konfig
from emulators.manifest import Funksjon, Trigger, les_manifester
from shared.config import i_prosjekt, settings

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
logg = logging.getLogger("funksjonsvert")

STORAGE_TYPER = {
    "OBJECT_FINALIZE": "google.cloud.storage.object.v1.finalized",
    "OBJECT_DELETE": "google.cloud.storage.object.v1.deleted",
    "OBJECT_ARCHIVE": "google.cloud.storage.object.v1.archived",
    "OBJECT_METADATA_UPDATE": "google.cloud.storage.object.v1.metadataUpdated",
}


def _logg(severity: str, message: str, **felt: Any) -> None:
    """One structured line (Cloud Logging's JSON fields), with the time it was written: the host and its worker
    processes write to the same log, and a delivery's `ms` alone does not say when it ran."""
    tid = datetime.now(UTC).isoformat(timespec="milliseconds")
    print(json.dumps({"severity": severity, "message": message, "time": tid, **felt}, default=str), flush=True)


def _last_modul_unikt(navn: str) -> Callable[[str], Any]:
    """ff names every source module after its file ("main") and puts it in sys.modules["main"], so the second
    function would replace the first there (and pydantic/dataclasses resolve annotations via sys.modules).
    This loader gives each function its own module name, `funksjoner.<name>.main`."""

    def last(source: str) -> Any:
        import importlib.util

        katalog = str(Path(source).resolve().parent)
        modulnavn = f"funksjoner.{navn}.main"
        spec = importlib.util.spec_from_file_location(modulnavn, source, submodule_search_locations=[katalog])
        assert spec is not None
        modul = importlib.util.module_from_spec(spec)
        if katalog not in sys.path:
            sys.path.append(katalog)
        sys.modules[modulnavn] = modul
        return modul, spec

    return last


class _Plasser:
    """Bounded slots per (project, function), as max instances apply to one project's deployment: a function
    busy in one test project must not hold up another project's deliveries (None = unbounded)."""

    def __init__(self, samtidighet: Callable[[str], int], ko_frist_s: float) -> None:
        self._samtidighet = samtidighet
        self.ko_frist_s = ko_frist_s
        self._plasser: dict[tuple[str, str], threading.BoundedSemaphore | None] = {}
        self._las = threading.Lock()

    def _for(self, prosjekt: str, fn: str) -> threading.BoundedSemaphore | None:
        with self._las:
            if (prosjekt, fn) not in self._plasser:
                n = self._samtidighet(fn)
                self._plasser[(prosjekt, fn)] = threading.BoundedSemaphore(n) if n > 0 else None
            return self._plasser[(prosjekt, fn)]

    def antall(self, fn: str) -> int:
        """The function's slots (0 = unbounded)."""
        return self._samtidighet(fn)

    def ta(self, prosjekt: str, fn: str, vent: bool) -> threading.BoundedSemaphore | None:
        """Take a slot; raises `_Svar` 429 when a bounded wait runs out."""
        plass = self._for(prosjekt, fn)
        if plass is not None and not plass.acquire(timeout=None if vent else self.ko_frist_s):
            raise _Svar("429 Too Many Requests", f"{fn}: ingen ledig plass")
        return plass


class Funksjonsvert:
    def __init__(
        self,
        standardprosjekt: str,
        samtidighet: Callable[[str], int] = lambda fn: 0,
        ko_frist_s: float = 30.0,
        pubsub_url: str | None = None,
        ack_frist_s: int = 60,
        prosesser: Callable[[str], int] = lambda fn: 0,
    ) -> None:
        self.standardprosjekt = standardprosjekt
        self.prosesser = prosesser
        """Worker processes that pull a Pub/Sub function's subscription (0 = pulled in this process)."""
        self._arbeidere: dict[str, _Arbeidere] = {}
        self._manifester: list[Path] = []
        self.pubsub_url = pubsub_url
        self.ack_frist_s = ack_frist_s
        """Lease extension of a pulled message still running (the subscription's ack deadline)."""
        self._trekkere: dict[tuple[str, str], _Trekker] = {}
        self.plasser = _Plasser(samtidighet, ko_frist_s)
        self.funksjoner: dict[str, Funksjon] = {}
        self.apper: dict[str, WsgiApp] = {}
        self.feil: dict[str, str] = {}
        """Functions that failed to load: one broken function must not take the whole local stack down."""
        self._las = threading.Lock()
        self._koer: dict[tuple[str, str], ThreadPoolExecutor] = {}

    def last(self, manifester: list[Path], bare: str | None = None) -> list[str]:
        """Load the functions of these manifests (`bare`: only that one, in a worker process); worker processes
        load them too."""
        with self._las:
            nye = []
            self._manifester += [m for m in manifester if m not in self._manifester]
            for arbeidere in self._arbeidere.values():
                arbeidere.last(manifester)
            for f in les_manifester(manifester):
                if f.navn in self.funksjoner or bare is not None and f.navn != bare:
                    continue
                original = _function_registry.load_function_module
                _function_registry.load_function_module = _last_modul_unikt(f.navn)
                try:
                    app = functions_framework.create_app(f.navn, str(f.kilde), f.signaturtype)  # type: ignore[no-untyped-call]
                except Exception as e:  # noqa: BLE001 - any import error of user code; reported, not fatal
                    self.feil[f.navn] = f"{type(e).__name__}: {e}"
                    _logg("ERROR", f"{f.navn} kunne ikke lastes", funksjon=f.navn, feil=traceback.format_exc())
                    continue
                finally:
                    _function_registry.load_function_module = original
                self.feil.pop(f.navn, None)
                self.apper[f.navn] = app
                self.funksjoner[f.navn] = f
                nye.append(f.navn)
            return nye

    # --- WSGI ---
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        deler = [d for d in environ.get("PATH_INFO", "").split("/") if d]
        try:
            return self._ruter(deler, environ, start_response)
        except _Svar as s:
            return _svar(start_response, s.status, s.tekst)

    def _ruter(self, deler: list[str], env: dict[str, Any], sr: Callable[..., Any]) -> Iterable[bytes]:  # noqa: C901
        match deler:
            case ["_vert", "helse"]:
                arbeidere = {fn: a.pider() for fn, a in self._arbeidere.items()}
                helse = {"funksjoner": sorted(self.funksjoner), "feil": self.feil, "arbeidere": arbeidere}
                return _svar(sr, "200 OK", json.dumps(helse), "application/json")
            case ["_vert", "dev-utsteder", "jwks"]:
                from shared.edge import dev_utsteder  # the local dev issuer's public key (domene.md §2)

                return _svar(sr, "200 OK", json.dumps(dev_utsteder.jwks()), "application/json")
            case ["_vert", "last"]:
                data = json.loads(_les_kropp(env) or b"{}")
                nye = self.last([Path(p) for p in data.get("manifester", [])])
                svar = {"lastet": nye, "feil": dict(self.feil)}
                return _svar(sr, "200 OK", json.dumps(svar), "application/json")
            case ["functions", "projects", prosjekt, "triggers", fn]:
                return self._firestore(prosjekt, fn, env, sr)
            case ["_vert", "trekk"]:
                d = json.loads(_les_kropp(env) or b"{}")
                self.trekk(d["prosjekt"], d["funksjon"], d["abonnement"], d["topic"])
                return _svar(sr, "200 OK", "")
            case ["_storage", prosjekt, fn, *_]:
                return self._storage(prosjekt, fn, env, sr)
            case ["_prosjekt", prosjekt, fn, *_]:
                return self._http(prosjekt, fn, 3, env, sr)
            case [fn, *_] if fn in self.funksjoner:
                return self._http(self.standardprosjekt, fn, 1, env, sr)
        raise _Svar("404 Not Found", f"ingen funksjon på {env.get('PATH_INFO')}")

    def _app(self, fn: str) -> WsgiApp:
        if fn not in self.apper:
            raise _Svar("404 Not Found", f"funksjonen {fn} er ikke lastet")
        return self.apper[fn]

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
        except _Svar:
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
        _logg(
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
        kropp = _les_kropp(env)
        try:
            protobuf = base64.b64decode(kropp, validate=True)
        except binascii.Error:
            protobuf = kropp  # already raw (a future emulator that behaves like Eventarc)
        headers = {k[5:].lower().replace("_", "-"): v for k, v in env.items() if k.startswith("HTTP_CE_")}
        kilde = headers.get("ce-source", "")
        headers["ce-source"] = kilde.replace("/projects/projects/", "/projects/")
        self._app(fn)  # an unknown function answers 404 at once
        hendelse_env = _cloudevent_env(env, headers, protobuf, "application/protobuf")
        hendelse = headers.get("ce-type", "firestore")

        def kjor() -> None:
            try:
                self._kall(prosjekt, fn, hendelse_env, lambda *a: None, hendelse, vent=True)
            except Exception:  # noqa: BLE001 - logged; the emulator would not retry it either
                _logg("ERROR", f"{fn}: {hendelse}", funksjon=fn, prosjekt=prosjekt, feil=traceback.format_exc())

        self._firestorekø(prosjekt, fn).submit(kjor)
        return _svar(sr, "200 OK", "")

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

    def trekk(self, prosjekt: str, fn: str, abonnement: str, topic: str) -> None:
        """Start pulling `abonnement` for `fn` in `prosjekt`, replacing an earlier puller (after `reset` the
        subscription is a new one under the same name)."""
        if self.pubsub_url is None:
            raise _Svar("409 Conflict", "verten kjenner ikke Pub/Sub-emulatoren")
        self._app(fn)
        if self.prosesser(fn) > 0:
            with self._las:
                if fn not in self._arbeidere:
                    self._arbeidere[fn] = _Arbeidere(fn, self.prosesser(fn), self.plasser.antall(fn), self._manifester)
                arbeidere = self._arbeidere[fn]
            arbeidere.trekk({"prosjekt": prosjekt, "funksjon": fn, "abonnement": abonnement, "topic": topic})
            return
        with self._las:
            gammel = self._trekkere.get((prosjekt, fn))
            if gammel is not None:
                gammel.stopp()
            trekker = _Trekker(self, prosjekt, fn, abonnement, topic)
            self._trekkere[prosjekt, fn] = trekker
        trekker.start()

    def lever_pubsub(
        self, trekker: _Trekker, melding: dict[str, Any], plass: threading.BoundedSemaphore | None
    ) -> bool:
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
        env = _cloudevent_env(env, headers, json.dumps(data).encode(), "application/json")
        status: list[str] = []

        def sr(s: str, headers: Any, exc_info: Any = None) -> Callable[[bytes], None]:
            status.append(s)
            return lambda _b: None

        self._kall(trekker.prosjekt, trekker.fn, env, sr, f"pubsub {trekker.topic}", holdt=plass)
        return bool(status) and status[0][0] in "23"

    def _storage(self, prosjekt: str, fn: str, env: dict[str, Any], sr: Callable[..., Any]) -> Iterable[bytes]:
        melding = json.loads(_les_kropp(env))["message"]
        attr = melding.get("attributes", {})
        hendelsestype = STORAGE_TYPER.get(attr.get("eventType", ""))
        trigger = self._storage_trigger(prosjekt, fn, attr.get("bucketId", ""), hendelsestype)
        if trigger is None:
            return _svar(sr, "204 No Content", "")
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
            _cloudevent_env(env, headers, kropp, "application/json"),
            sr,
            f"{hendelsestype} {attr['bucketId']}/{attr.get('objectId')}",
        )

    def _storage_trigger(self, prosjekt: str, fn: str, bucket: str, hendelsestype: str | None) -> Trigger | None:
        funksjon = self.funksjoner.get(fn)
        if funksjon is None:
            raise _Svar("404 Not Found", f"funksjonen {fn} er ikke lastet")
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


class _Trekker:
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
                _logg("INFO", f"{self.fn}: abonnementet er borte, trekker stopper", prosjekt=self.prosjekt)
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
            _logg("ERROR", f"{self.fn}: levering feilet", funksjon=self.fn, feil=traceback.format_exc())
        finally:
            with self._las:
                self._underveis.discard(melding["ackId"])
        if ok:
            svar = self._post("acknowledge", {"ackIds": [melding["ackId"]]})
        else:
            svar = self._post("modifyAckDeadline", {"ackIds": [melding["ackId"]], "ackDeadlineSeconds": 0})
        if svar is None or not svar.ok:
            _logg("WARNING", f"{self.fn}: ack/nack nådde ikke fram; meldingen leveres igjen etter fristen")

    def _forleng(self) -> None:
        while not self._stopp.wait(max(1.0, self.vert.ack_frist_s / 3)):
            with self._las:
                ider = sorted(self._underveis)
            if ider:  # a failed extension is retried next round; at worst the message is delivered once more
                self._post("modifyAckDeadline", {"ackIds": ider, "ackDeadlineSeconds": self.vert.ack_frist_s})


class _Arbeidere:
    """The worker processes of one Pub/Sub function: `python -m emulators.funksjonsvert --arbeider FN --plasser N`,
    each loading the host's manifests (only FN) and pulling FN's subscriptions with its share of the slots (the
    shares add up to the function's `samtidighet`). Commands go as JSON lines on a worker's stdin (`last`,
    `trekk`); a worker ends at EOF, so none outlives the host. A worker that died is started again at the next
    `trekk`, and is given every subscription again; the messages it held are redelivered after their lease."""

    def __init__(self, fn: str, antall: int, plasser: int, manifester: list[Path]) -> None:
        """`manifester`: the host's own list of loaded manifests (shared, not copied), which new workers load."""
        self.fn = fn
        self._andeler = (
            [plasser // antall + (1 if i < plasser % antall else 0) for i in range(min(antall, plasser))]
            if plasser > 0
            else [0] * antall  # unbounded, each of them
        )
        self._manifester = manifester
        self._abonnementer: dict[str, dict[str, str]] = {}
        self._prosesser: list[subprocess.Popen[bytes] | None] = [None] * len(self._andeler)
        self._las = threading.Lock()

    def pider(self) -> list[int]:
        return [p.pid for p in self._prosesser if p is not None and p.poll() is None]

    def _send(self, p: subprocess.Popen[bytes], kommando: dict[str, Any]) -> None:
        assert p.stdin is not None
        p.stdin.write(json.dumps(kommando).encode() + b"\n")
        p.stdin.flush()

    def _start(self, i: int) -> subprocess.Popen[bytes]:
        kommando = [sys.executable, "-m", "emulators.funksjonsvert", "--arbeider", self.fn,
                    "--plasser", str(self._andeler[i])]  # fmt: skip
        for m in self._manifester:
            kommando += ["--manifest", str(m)]
        p = subprocess.Popen(kommando, stdin=subprocess.PIPE, cwd=ROT)
        _logg("INFO", f"{self.fn}: arbeidsprosess startet", funksjon=self.fn, pid=p.pid, plasser=self._andeler[i])
        for abonnement in self._abonnementer.values():
            self._send(p, {"trekk": abonnement})
        return p

    def last(self, manifester: list[Path]) -> None:
        """Running workers load these too (the host has added them to its list, for workers started later)."""
        with self._las:
            for p in self._prosesser:
                if p is not None and p.poll() is None:
                    self._send(p, {"last": [str(m) for m in manifester]})

    def trekk(self, abonnement: dict[str, str]) -> None:
        with self._las:
            self._abonnementer[abonnement["prosjekt"]] = abonnement
            for i, p in enumerate(self._prosesser):
                if p is None or p.poll() is not None:
                    self._prosesser[i] = self._start(i)  # sends every subscription, this one included
                else:
                    self._send(p, {"trekk": abonnement})


def _arbeider(fn: str, plasser: int, manifester: list[Path]) -> int:
    """A worker process (`_Arbeidere`): pulls `fn`'s subscriptions as commanded on stdin until EOF."""
    vert = _vert(les_konfig(), lambda f: plasser)
    vert.last(manifester, bare=fn)
    for linje in sys.stdin:
        kommando = json.loads(linje)
        try:
            if "last" in kommando:
                vert.last([Path(m) for m in kommando["last"]], bare=fn)
            if "trekk" in kommando:
                t = kommando["trekk"]
                vert.trekk(t["prosjekt"], t["funksjon"], t["abonnement"], t["topic"])
        except _Svar as s:
            _logg("ERROR", f"{fn}: arbeidsprosessen avviste {sorted(kommando)}", funksjon=fn, feil=s.tekst)
    return 0


class _Svar(Exception):
    def __init__(self, status: str, tekst: str) -> None:
        super().__init__(tekst)
        self.status, self.tekst = status, tekst


def _les_kropp(env: dict[str, Any]) -> bytes:
    lengde = int(env.get("CONTENT_LENGTH") or 0)
    data: bytes = env["wsgi.input"].read(lengde) if lengde else env["wsgi.input"].read()
    return data


def _cloudevent_env(env: dict[str, Any], headers: dict[str, str], kropp: bytes, innhold: str) -> dict[str, Any]:
    ny = {k: v for k, v in env.items() if not k.startswith("HTTP_CE_")}
    for navn, verdi in headers.items():
        ny["HTTP_" + navn.upper().replace("-", "_")] = verdi
    ny.update(
        PATH_INFO="/",
        SCRIPT_NAME="",
        QUERY_STRING="",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=innhold,
        CONTENT_LENGTH=str(len(kropp)),
    )
    ny["wsgi.input"] = io.BytesIO(kropp)
    return ny


def _svar(sr: Callable[..., Any], status: str, tekst: str, innhold: str = "text/plain") -> Iterable[bytes]:
    data = tekst.encode()
    sr(status, [("Content-Type", innhold), ("Content-Length", str(len(data)))])
    return [data]


class _StilleHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if not str(code).startswith("2"):
            super().log_request(code, size)


def _vert(
    konfig: StackKonfig, samtidighet: Callable[[str], int], prosesser: Callable[[str], int] = lambda fn: 0
) -> Funksjonsvert:
    """The host (or a worker process's host) on this stack's config."""
    return Funksjonsvert(konfig.prosjekt, samtidighet, konfig.ko_frist_s, konfig.url("pubsub"), konfig.ack_frist_s,
                         prosesser)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    konfig = les_konfig()
    parser = argparse.ArgumentParser(prog="python -m emulators.funksjonsvert")
    parser.add_argument("--port", type=int, default=konfig.port("funksjonsvert"))
    parser.add_argument("--manifest", action="append", type=Path, default=[])
    parser.add_argument("--arbeider", metavar="FUNKSJON", help="a worker process of the host (_Arbeidere)")
    parser.add_argument("--plasser", type=int, default=0)
    args = parser.parse_args(argv)
    if str(ROT) not in sys.path:
        sys.path.insert(0, str(ROT))
    if args.arbeider:
        return _arbeider(args.arbeider, args.plasser, args.manifest)
    vert = _vert(konfig, konfig.samtidighet_for, konfig.prosesser_for)
    lastet = vert.last(list(konfig.manifester) + args.manifest)
    _logg("INFO", "funksjonsvert klar", port=args.port, funksjoner=lastet)
    server = make_server(konfig.vert, args.port, vert, threaded=True, request_handler=_StilleHandler)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
