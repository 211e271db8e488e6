"""Contention on one document, detected and answered instead of retried until the client gives up (issue 17 item 1).

Firestore serialises transactions on one document with locks. With twenty requests on one claim every one of them
read-locks it, none can upgrade to a write lock, and they all wait for the lock timeout (the emulator: ~2.3 s per
attempt, measured) and retry: the losers answered 500 after a minute. Production Firestore wounds the younger
transaction instead, but under a burst it aborts with "too much contention" in the same way.

So a change to one aggregate first takes a short **write claim** on it: a create-only document
`skrivekrav/{nøkkel}` with an expiry, written outside the transaction. The one that creates it runs its
transaction alone on that aggregate. A request that finds the claim taken has *detected* contention: it waits for
the claim to go (polling, at most `VENT_S`), then dry-runs its change without a transaction against what the
winner committed. A dry run that refuses (a domain error, the spec's 400 with its text) or has nothing to write is
the answer, at once and without a lock, so nineteen losers answer in parallel; a dry run that would write takes
the claim and runs the real transaction (two legitimate changes in a row). A claim left by a process that died
expires after `LEVETID_S` and is taken over with a compare-and-set on its update time.

The transaction itself gets few attempts (`FORSOK`): if it still cannot commit (contention from another aggregate
sharing a document, e.g. a tilsagn), the answer is `EndretSamtidig` (400), never a 500.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.firestore import dokument_id
from shared.domain.felles.feil import EndretSamtidig
from shared.logg import felt

logg = logging.getLogger(__name__)

T = TypeVar("T")

SKRIVEKRAV = "skrivekrav"
LEVETID_S = 10.0
"""Expiry of a write claim: far above a transaction (0.05–0.5 s), short enough that a dead holder blocks little."""
VENT_S = 5.0
"""How long a loser waits for the winner's claim before it answers `EndretSamtidig`."""
INTERVALL_S = 0.02
FORSOK = 3
"""Transaction attempts under a claim; contention from outside the aggregate is rare and answered, not waited out."""

INGEN_SVAR: Any = object()
"""What a dry run returns when it would write: the real transaction has to run."""


def kjor_transaksjon(db: firestore.Client, fn: Callable[[Any], T], *, forsok: int = FORSOK) -> T:
    """`fn(transaction)` with at most `forsok` attempts; a commit that still fails is `EndretSamtidig`."""

    @firestore.transactional
    def kjor(tx: firestore.Transaction) -> T:
        return fn(tx)

    try:
        svar: T = kjor(db.transaction(max_attempts=forsok))
    except gexc.Aborted as e:
        raise EndretSamtidig() from e
    except ValueError as e:
        # google-cloud-firestore raises a plain ValueError when every attempt was aborted
        if str(e).startswith("Failed to commit transaction"):
            raise EndretSamtidig() from e
        raise
    return svar


def med_skrivekrav(
    db: firestore.Client,
    nokkel: str,
    skriv: Callable[[], T],
    proverun: Callable[[], Any] | None = None,
) -> T:
    """Run `skriv` holding the write claim on `nokkel`; on contention answer from `proverun` if it can (above)."""
    ref = db.collection(SKRIVEKRAV).document(_dokument_id(nokkel))
    frist = time.monotonic() + VENT_S
    while True:
        tid = _ta(db, ref)
        if tid is not None:
            try:
                return skriv()
            finally:
                _slipp(db, ref, tid)
        if not _vent(ref, frist):
            logg.warning("Skrivekrav ikke ledig", extra=felt(nokkel=nokkel, vent_s=VENT_S))
            raise EndretSamtidig()
        if proverun is not None:
            svar = proverun()
            if svar is not INGEN_SVAR:
                svar_t: T = svar
                return svar_t


def _dokument_id(nokkel: str) -> str:
    """Readable where Firestore accepts it; a hash for a key it would refuse (the key holds an id from a request)."""
    lesbar = nokkel.replace("/", "_")
    if len(lesbar) <= 200 and dokument_id.godtatt(lesbar):
        return lesbar
    return "h_" + hashlib.sha256(nokkel.encode()).hexdigest()


def _ta(db: firestore.Client, ref: Any) -> Any | None:
    """The update time of the claim we now hold, or None when someone else holds a live one."""
    na = datetime.now(UTC)
    data = {"utloper": na + timedelta(seconds=LEVETID_S)}
    try:
        return ref.create(data).update_time
    except (gexc.AlreadyExists, gexc.Conflict):
        pass
    snap = ref.get()
    if not snap.exists:
        return None  # released in between: the caller tries again
    if (snap.to_dict() or {}).get("utloper", na) > na:
        return None
    try:  # expired: its holder died; take it over unless another waiter did first
        return ref.update(data, option=db.write_option(last_update_time=snap.update_time)).update_time
    except (gexc.FailedPrecondition, gexc.NotFound):
        return None


def _vent(ref: Any, frist: float) -> bool:
    """Poll until the claim is gone or expired; False when `frist` passed first."""
    while time.monotonic() < frist:
        snap = ref.get()
        if not snap.exists or (snap.to_dict() or {}).get("utloper", datetime.now(UTC)) <= datetime.now(UTC):
            return True
        time.sleep(INTERVALL_S)
    return False


def _slipp(db: firestore.Client, ref: Any, tid: Any) -> None:
    try:
        ref.delete(option=db.write_option(last_update_time=tid))
    except (gexc.FailedPrecondition, gexc.NotFound):
        pass  # expired and taken over: the new holder releases it
