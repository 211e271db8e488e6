"""The outbox dispatcher (domene.md §10.1, §10.2): publishes due `utsendinger` to `okonomi-ut`, in `sekvens` order
per bestillingsnummer (the ordering key), and marks them sent.

- One dispatcher at a time: a lease document (the store's `ta_las`) stands in for "max instances 1", because the
  local functions host (and a scheduler tick racing a Firestore nudge) may start two runs. A run that finds the
  lease taken asks the holder to run once more and returns, so a record created during a run is not left for the
  next tick.
- Per key, a round publishes the head record and waits for Pub/Sub to accept it before the next of that key;
  different keys go concurrently. A record whose `send_tidligst` is in the future holds back the later records of
  its key; nothing waits inside Pub/Sub, so no FAKTURA is published before its time.
- A publish that fails stops that key for this run (the publisher resumes the key); the record stays unsent and
  the next run retries it. A crash after publishing and before marking sends the record again: at least once, and
  the receivers drop duplicates by fakturanummer / (type, bestillingsnummer).
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from shared import topics
from shared.domain.utsending import Utsending
from shared.logg import felt
from shared.service.nav_ports import OrdnetPublisher, Publisering, UtsendingRepo
from shared.service.ports import Klokke

logg = logging.getLogger(__name__)

LAS_S = 300.0
"""Lease length; a dispatcher that dies holding it blocks the next runs at most this long."""


@dataclass
class Utsendingsresultat:
    sendt: int = 0
    holdt_tilbake: int = 0
    """Keys whose head record is not yet due."""
    feilet: int = 0
    runder: int = 0
    las_opptatt: bool = False


def _publisering(p: Utsending) -> Publisering:
    data = json.dumps(p.melding, ensure_ascii=False, separators=(",", ":")).encode()
    return Publisering(topics.OKONOMI_UT, data, p.bestillingsnummer, p.attributter())


def _en_gjennomgang(repo: UtsendingRepo, publisher: OrdnetPublisher, klokke: Klokke, ut: Utsendingsresultat) -> None:
    na = klokke.na()
    koer: dict[str, deque[Utsending]] = {}
    for p in sorted(repo.usendte(), key=lambda p: (p.bestillingsnummer, p.sekvens)):
        koer.setdefault(p.bestillingsnummer, deque()).append(p)
    while koer:
        hoder: list[Utsending] = []
        for nokkel in list(koer):
            hode = koer[nokkel][0]
            if hode.er_klar(na):
                hoder.append(hode)
            else:
                ut.holdt_tilbake += 1
                del koer[nokkel]
        if not hoder:
            return
        ut.runder += 1
        _publiser_hoder(hoder, koer, repo, publisher, klokke, ut)


def _publiser_hoder(
    hoder: Sequence[Utsending],
    koer: dict[str, deque[Utsending]],
    repo: UtsendingRepo,
    publisher: OrdnetPublisher,
    klokke: Klokke,
    ut: Utsendingsresultat,
) -> None:
    feil = publisher.publiser_alle([_publisering(p) for p in hoder])
    ok = [p for p, f in zip(hoder, feil, strict=True) if f is None]
    if ok:
        repo.marker_sendt([p.id for p in ok], klokke.na())
    ut.sendt += len(ok)
    for p, f in zip(hoder, feil, strict=True):
        if f is None:
            koer[p.bestillingsnummer].popleft()
            if not koer[p.bestillingsnummer]:
                del koer[p.bestillingsnummer]
        else:
            ut.feilet += 1
            del koer[p.bestillingsnummer]
            logg.warning("Publisering feilet; prøves igjen", extra=felt(utsending_id=p.id, type=p.type.value,
                                                                        feil=type(f).__name__))  # fmt: skip


def send_utsendinger(
    *, repo: UtsendingRepo, publisher: OrdnetPublisher, klokke: Klokke, eier: str, maks_gjennomganger: int = 100
) -> Utsendingsresultat:
    """One dispatcher run (scheduler tick or nudge)."""
    ut = Utsendingsresultat()
    if not repo.ta_las(eier, klokke.na(), LAS_S):
        ut.las_opptatt = True
        return ut
    try:
        for _ in range(maks_gjennomganger):
            _en_gjennomgang(repo, publisher, klokke, ut)
            if not repo.slipp_las(eier):
                break
    except BaseException:
        repo.slipp_las(eier)
        raise
    logg.info("Utsending ferdig", extra=felt(sendt=ut.sendt, holdt_tilbake=ut.holdt_tilbake, feilet=ut.feilet))
    return ut
