"""Sets up (and tears down) one project on the running stack: what Terraform does in the cloud.

    from emulators.klargjoring import klargjor_prosjekt
    oppsett = klargjor_prosjekt("demo-t-1234", [STANDARD_MANIFEST, Path("tests/.../manifest.toml")])

- Pub/Sub: every topic in `shared.topics.ALLE` (incl. `{topic}-dlq`) and the GCS notification topic; per
  pubsub-triggered function a subscription `{function}` on its topic, with a dead-letter policy (`{topic}-dlq`,
  max 5 deliveries) and retry backoff, which the functions host pulls (it delivers as Eventarc pushes; see
  emulators/funksjonsvert/ for why it is not a push subscription); a pull subscription `{topic}-dlq` on each DLQ
  topic so dead letters can be inspected.
- Firestore: a gen2 eventarc trigger per firestore-triggered function (triggers are per project in the
  emulator).
- Cloud Storage: the project's buckets (`Settings.vedlegg_bucket`, default `{project}-vedlegg`); per
  storage-triggered function a push subscription `gcs-{project}-{function}` on the notification topic, which
  lives in the stack's own project because fake-gcs-server publishes to one project.
- The functions host loads the manifests' functions if it has not yet.

Everything is idempotent. Only REST calls to the emulators; the Google client libraries are not needed here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from emulators.konfig import StackKonfig, les_konfig
from emulators.manifest import Funksjon, les_manifester
from shared import topics
from shared.config import i_prosjekt, settings

STANDARD_MANIFEST = Path(__file__).resolve().parent.parent / "functions" / "manifest.toml"
BUCKET_FELT = ("vedlegg_bucket",)
"""Settings fields that name a bucket; each is created per project."""


class KlargjoringFeilet(RuntimeError):
    pass


@dataclass
class Prosjektoppsett:
    prosjekt: str
    funksjoner: list[str] = field(default_factory=list)
    abonnementer: list[str] = field(default_factory=list)
    triggere: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)


_okt = requests.Session()
_okt.mount("http://", requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16))


def _parallelt(kall: list[Callable[[], None]]) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        for fremtid in [pool.submit(f) for f in kall]:
            fremtid.result()


FRIST_S = float(os.environ.get("UTBETALING_STACK_KLARGJORING_FRIST_S", "120"))
"""Overall deadline of one setup call, retries included (issue 17 item 8: a fixed 10 s with no retry failed
`make demo` once on a busy machine)."""
MIDLERTIDIG = frozenset({429, 500, 502, 503, 504})


def _kall(metode: str, url: str, ok: tuple[int, ...] = (200,), **kw: Any) -> requests.Response:
    """One setup call against an emulator or the functions host: a timeout, a refused connection or a 5xx/429 is
    retried with backoff (0.25 s doubling to 5 s, each attempt allowed longer) until `FRIST_S`; the error then says
    what it waited for, how long and how often."""
    start = time.monotonic()
    pause, forsok, siste = 0.25, 0, ""
    while True:
        forsok += 1
        igjen = FRIST_S - (time.monotonic() - start)
        try:
            svar = _okt.request(metode, url, timeout=max(1.0, min(10.0 * forsok, igjen)), **kw)
            if svar.status_code in ok:
                return svar
            siste = f"{svar.status_code} {svar.text[:300]}"
            if svar.status_code not in MIDLERTIDIG:
                raise KlargjoringFeilet(f"{metode} {url} -> {siste}")
        except (requests.ConnectionError, requests.Timeout) as e:
            siste = type(e).__name__
        if time.monotonic() - start + pause > FRIST_S:
            raise KlargjoringFeilet(
                f"ventet på {metode} {url} i {time.monotonic() - start:.0f} s ({forsok} forsøk, frist {FRIST_S:.0f} s, "
                f"UTBETALING_STACK_KLARGJORING_FRIST_S); siste svar: {siste}"
            )
        time.sleep(pause)
        pause = min(pause * 2, 5.0)


def _lag_topic(k: StackKonfig, prosjekt: str, topic: str) -> None:
    _kall("PUT", f"{k.url('pubsub')}/v1/projects/{prosjekt}/topics/{topic}", (200, 409), json={})


def _lag_abonnement(k: StackKonfig, prosjekt: str, navn: str, kropp: dict[str, Any]) -> None:
    url = f"{k.url('pubsub')}/v1/projects/{prosjekt}/subscriptions/{navn}"
    svar = _kall("PUT", url, (200, 409), json=kropp)
    if svar.status_code == 409:  # it exists: make its delivery (push or pull) what we ask now
        _kall("POST", f"{url}:modifyPushConfig", json={"pushConfig": kropp.get("pushConfig", {})})


def _trekk(k: StackKonfig, prosjekt: str, fn: str, topic: str, kropp: dict[str, Any]) -> None:
    """The pulled subscription of a pubsub-triggered function, then the host's puller on it."""
    _lag_abonnement(k, prosjekt, fn, kropp)
    melding = {"prosjekt": prosjekt, "funksjon": fn, "abonnement": f"projects/{prosjekt}/subscriptions/{fn}"}
    _kall("POST", f"{k.url('funksjonsvert')}/_vert/trekk", json={**melding, "topic": topic})


def _abonnement(
    k: StackKonfig, prosjekt: str, topic: str, endepunkt: str | None = None, dlq: bool = True
) -> dict[str, Any]:
    """A subscription with retry backoff (and the topic's dead-letter policy); push to `endepunkt` if given."""
    kropp: dict[str, Any] = {
        "topic": f"projects/{prosjekt}/topics/{topic}",
        "ackDeadlineSeconds": k.ack_frist_s,
        "retryPolicy": {"minimumBackoff": f"{k.retry_min_s}s", "maximumBackoff": f"{k.retry_max_s}s"},
    }
    if endepunkt is not None:
        kropp["pushConfig"] = {"pushEndpoint": endepunkt}
    if dlq:
        kropp["deadLetterPolicy"] = {
            "deadLetterTopic": f"projects/{prosjekt}/topics/{topics.dlq(topic)}",
            "maxDeliveryAttempts": k.maks_leveringer,
        }
    return kropp


def _firestore_trigger(k: StackKonfig, prosjekt: str, fn: str, event_type: str, dokument: str) -> None:
    kropp = {
        "eventType": event_type,
        "database": "(default)",
        "namespace": "(default)",
        "document": {"value": dokument, "matchType": "PATH_PATTERN" if "{" in dokument else "EXACT"},
    }
    url = f"{k.url('firestore')}/emulator/v1/projects/{prosjekt}/eventarcTrigger?eventarcTriggerId={fn}"
    _kall("POST", url, json=kropp)


def _lag_bucket(k: StackKonfig, prosjekt: str, bucket: str) -> None:
    _kall("POST", f"{k.url('gcs')}/storage/v1/b?project={prosjekt}", (200, 409), json={"name": bucket})


def buckets_for(prosjekt: str) -> list[str]:
    with i_prosjekt(prosjekt):
        return [str(getattr(settings(), f)) for f in BUCKET_FELT]


def last_i_funksjonsvert(k: StackKonfig, manifester: Sequence[Path]) -> list[str]:
    svar = _kall("POST", f"{k.url('funksjonsvert')}/_vert/last", json={"manifester": [str(m) for m in manifester]})
    lastet: list[str] = svar.json()["lastet"]
    return lastet


def klargjor_prosjekt(
    prosjekt: str, manifester: Sequence[Path] | None = None, konfig: StackKonfig | None = None
) -> Prosjektoppsett:
    """Idempotent. `manifester` decides which functions get triggers here (default: the stack's)."""
    k = konfig or les_konfig()
    manifester = list(manifester) if manifester is not None else list(k.manifester)
    funksjoner = les_manifester(manifester)
    if funksjoner:
        last_i_funksjonsvert(k, manifester)
    oppsett = Prosjektoppsett(prosjekt, funksjoner=[f.navn for f in funksjoner])
    alle = {*topics.ALLE, k.gcs_hendelser_topic}
    alle |= {t.topic for f in funksjoner for t in f.triggere if t.topic}
    alle |= {topics.dlq(t.topic) for f in funksjoner for t in f.triggere if t.topic}
    steg: list[Callable[[], None]] = [partial(_lag_topic, k, prosjekt, t) for t in sorted(alle)]
    steg.append(partial(_lag_topic, k, k.prosjekt, k.gcs_hendelser_topic))
    oppsett.buckets = buckets_for(prosjekt)
    steg += [partial(_lag_bucket, k, prosjekt, b) for b in oppsett.buckets]
    _parallelt(steg)
    innkommende = {*topics.INNGAENDE} | {t.topic for f in funksjoner for t in f.triggere if t.topic}
    dlq = [topics.dlq(t) for t in sorted(innkommende)]
    steg = [partial(_lag_abonnement, k, prosjekt, d, {"topic": f"projects/{prosjekt}/topics/{d}"}) for d in dlq]
    for f in funksjoner:
        steg += _koble(k, prosjekt, f, oppsett)
    _parallelt(steg)
    return oppsett


def _koble(k: StackKonfig, prosjekt: str, f: Funksjon, oppsett: Prosjektoppsett) -> list[Callable[[], None]]:
    """The calls that wire one function's triggers (run after the topics exist)."""
    vert = k.url("funksjonsvert")
    steg: list[Callable[[], None]] = []
    for t in f.triggere:
        if t.type == "pubsub" and t.topic:
            steg.append(partial(_trekk, k, prosjekt, f.navn, t.topic, _abonnement(k, prosjekt, t.topic)))
            oppsett.abonnementer.append(f"projects/{prosjekt}/subscriptions/{f.navn}")
        elif t.type == "firestore" and t.event_type and t.document:
            steg.append(partial(_firestore_trigger, k, prosjekt, f.navn, t.event_type, t.document))
            oppsett.triggere.append(f.navn)
        elif t.type == "storage":
            gt = k.gcs_hendelser_topic
            navn = f"gcs-{prosjekt}-{f.navn}"
            endepunkt = f"{vert}/_storage/{prosjekt}/{f.navn}/projects/{k.prosjekt}/topics/{gt}"
            kropp = _abonnement(k, k.prosjekt, gt, endepunkt, dlq=False)
            steg.append(partial(_lag_abonnement, k, k.prosjekt, navn, kropp))
            oppsett.abonnementer.append(f"projects/{k.prosjekt}/subscriptions/{navn}")
    return steg


def _liste(url: str, nokkel: str) -> list[str]:
    svar = _kall("GET", url, (200, 404))
    navn: list[str] = [r if isinstance(r, str) else r["name"] for r in svar.json().get(nokkel, [])]
    return navn


def frigi_prosjekt(prosjekt: str, konfig: StackKonfig | None = None, *, slett_data: bool = False) -> None:
    """Removes the project's subscriptions (so nothing more is pushed for it), topics and buckets.

    Firestore data is only deleted with `slett_data=True`: deleting documents fires the project's delete
    triggers. Unique project ids make it unnecessary between tests.
    """
    k = konfig or les_konfig()
    ps = k.url("pubsub")
    for sub in _liste(f"{ps}/v1/projects/{prosjekt}/subscriptions", "subscriptions"):
        _kall("DELETE", f"{ps}/v1/{sub}", (200, 404))
    for sub in _liste(f"{ps}/v1/projects/{k.prosjekt}/subscriptions", "subscriptions"):
        if sub.rsplit("/", 1)[-1].startswith(f"gcs-{prosjekt}-"):
            _kall("DELETE", f"{ps}/v1/{sub}", (200, 404))
    if prosjekt != k.prosjekt:
        for topic in _liste(f"{ps}/v1/projects/{prosjekt}/topics", "topics"):
            _kall("DELETE", f"{ps}/v1/{topic}", (200, 404))
    for bucket in buckets_for(prosjekt):
        _tom_bucket(k, bucket, slett=prosjekt != k.prosjekt)
    if slett_data:
        slett_firestore(k, prosjekt)


def _tom_bucket(k: StackKonfig, bucket: str, slett: bool) -> None:
    gcs = k.url("gcs")
    for obj in _kall("GET", f"{gcs}/storage/v1/b/{bucket}/o", (200, 404)).json().get("items", []):
        _kall(
            "DELETE",
            f"{gcs}/storage/v1/b/{bucket}/o/{quote(obj['name'], safe='')}",
            (200, 204, 404),
        )
    if slett:
        _kall("DELETE", f"{gcs}/storage/v1/b/{bucket}", (200, 204, 404))


def slett_firestore(k: StackKonfig, prosjekt: str) -> None:
    url = f"{k.url('firestore')}/emulator/v1/projects/{prosjekt}/databases/(default)/documents"
    _kall("DELETE", url)


def reset(prosjekt: str, konfig: StackKonfig | None = None) -> Prosjektoppsett:
    """Empties the project (Firestore documents, Pub/Sub topics and subscriptions, bucket contents) and sets
    it up anew."""
    k = konfig or les_konfig()
    frigi_prosjekt(prosjekt, k, slett_data=True)
    if prosjekt == k.prosjekt:
        ps = k.url("pubsub")
        for topic in _liste(f"{ps}/v1/projects/{prosjekt}/topics", "topics"):
            _kall("DELETE", f"{ps}/v1/{topic}", (200, 404))
    return klargjor_prosjekt(prosjekt, konfig=k)
