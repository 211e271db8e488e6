"""The outbox dispatcher (domene.md §10.1, §10.2): publishes due `utsendinger` to `okonomi-ut`, in `sekvens` order
per bestillingsnummer (the ordering key), and marks them sent.

- One dispatcher at a time: a lease document (the store's `ta_las`) stands in for "max instances 1", because the
  local functions host (and a scheduler tick racing a Firestore nudge) may start two runs. A run that finds the
  lease taken asks the holder to run once more and returns, so a record created during a run is not left for the
  next tick.
- No two dispatchers publish at once, by design rather than by timing: the lease carries a fencing token (one higher
  at every take-over). Before each chunk a run renews the lease under its token in a transaction; if another run
  took it over (only possible once this one stalled past the lease), the renewal fails and the run stops before
  publishing more. A live run also renews it every `PULS_S` from a heartbeat thread, so the lease can be short
  (`LAS_S`): a dispatcher that dies (its host killed) is noticed within seconds, not after five minutes.
- A dead holder is replaced as soon as its lease expires (issue 17 item 4): the first run that finds the lease
  held by someone else becomes its one waiter, sleeps until the lease's expiry and takes it over then; if the
  holder renewed it meanwhile (it is alive) the waiter leaves, and the holder runs once more as asked. So the next
  write's nudge, or the tick the functions host sends when it starts, recovers the outbox without waiting for the
  5-minute tick. The waiter looks again every second and leaves as soon as the holder renews (it is alive), so it
  never holds a function slot for long. Accepted records are marked sent in groups of `MERK_HVER` while the
  publisher answers, so a crash re-sends only the few accepted-but-unmarked ones.
- A pass makes one query for the unsent records and hands the due records of every key to the ordering publisher
  in chunks of whole keys (one call per chunk), in `sekvens` order per key, then marks the accepted ones sent in one
  batched write per chunk (no transaction per record). Order per key holds because the publisher is an
  ordering-key publisher: it sends one key's messages in the order given, and once one fails it fails the later
  ones of that key too (until `resume_publish`). That is what "await each publish before the next of that key"
  (§10.1) protects, without a round trip per record. A record whose `send_tidligst` is in the future holds back
  the later records of its key; nothing waits inside Pub/Sub, so no FAKTURA is published before its time.
- A publish that fails stops that key at that record for this run (the publisher resumes the key); it and the later
  records of its key stay unsent and the next run retries them. A crash after publishing and before marking sends
  the record again: at least once, and the receivers drop duplicates by fakturanummer / (type, bestillingsnummer).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from shared import topics
from shared.domain.utsending.utsending import Utsending
from shared.logg import felt
from shared.service.nav.ports import OrdnetPublisher, Publisering, UtsendingRepo
from shared.service.ports import Klokke

logg = logging.getLogger(__name__)

LAS_S = 15.0
"""Lease length; a dispatcher that dies holding it blocks the next runs at most this long. A live run renews it
before every chunk and every `PULS_S` (heartbeat)."""
PULS_S = 4.0
MAKS_VENT_S = LAS_S + 2.0
"""A waiter sleeps at most this long: a lease further out than that was renewed by a live holder."""

MERK_HVER = 10
"""Accepted records are marked sent in groups of this many as the publisher answers (a crash re-sends ≤ this)."""

BIT = 100
"""Records per chunk: the lease is renewed (and its fencing token checked) before each chunk is published."""


@dataclass
class Utsendingsresultat:
    sendt: int = 0
    holdt_tilbake: int = 0
    """Keys whose head record is not yet due."""
    feilet: int = 0
    runder: int = 0
    """Passes that published something."""
    las_opptatt: bool = False
    las_tapt: bool = False
    """The lease was taken over during the run (this run stalled past it): it stopped before publishing more."""


def _publisering(p: Utsending) -> Publisering:
    data = json.dumps(p.melding, ensure_ascii=False, separators=(",", ":")).encode()
    return Publisering(topics.OKONOMI_UT, data, p.bestillingsnummer, p.attributter())


def _klare_koer(poster: Sequence[Utsending], na: datetime, ut: Utsendingsresultat) -> list[list[Utsending]]:
    """Per key, the records in `sekvens` order up to (not including) the first one that is not yet due."""
    koer: dict[str, list[Utsending]] = {}
    holdt: set[str] = set()
    for p in sorted(poster, key=lambda p: (p.bestillingsnummer, p.sekvens)):
        if p.bestillingsnummer in holdt:
            continue
        if not p.er_klar(na):
            holdt.add(p.bestillingsnummer)
            continue
        koer.setdefault(p.bestillingsnummer, []).append(p)
    ut.holdt_tilbake += len(holdt)
    return list(koer.values())


@dataclass
class _Las:
    """The lease this run holds: the fencing token `ta_las` returned. Every chunk is published only right after a
    renewal under this token succeeded, so a run whose lease was taken over publishes nothing more."""

    repo: UtsendingRepo
    klokke: Klokke
    eier: str
    token: int
    tapt: bool = False
    _stopp: threading.Event = field(default_factory=threading.Event)

    def forny(self) -> bool:
        if not self.tapt and not self.repo.forny_las(self.eier, self.token, self.klokke.na(), LAS_S):
            self.tapt = True
        return not self.tapt

    def puls(self) -> threading.Thread:
        """The heartbeat: renew every `PULS_S` until `stopp()`; a failed renewal stops the run at its next chunk."""

        def slag() -> None:
            while not self._stopp.wait(PULS_S) and self.forny():
                pass

        t = threading.Thread(target=slag, name="utsending-puls", daemon=True)
        t.start()
        return t

    def stopp(self) -> None:
        self._stopp.set()


def _biter(koer: Sequence[list[Utsending]]) -> list[list[list[Utsending]]]:
    """Whole keys grouped into chunks of about `BIT` records (a key is never split, so order per key holds)."""
    biter: list[list[list[Utsending]]] = [[]]
    antall = 0
    for ko in koer:
        if antall and antall + len(ko) > BIT:
            biter.append([])
            antall = 0
        biter[-1].append(ko)
        antall += len(ko)
    return biter


def _publiser_bit(
    bit: Sequence[list[Utsending]], repo: UtsendingRepo, publisher: OrdnetPublisher, klokke: Klokke,
    ut: Utsendingsresultat,
) -> None:  # fmt: skip
    alle = [p for ko in bit for p in ko]
    merket: set[str] = set()
    ventende: list[str] = []

    def ved_svar(i: int, feil: BaseException | None) -> None:
        """Mark accepted records in groups of `MERK_HVER` while the rest of the chunk is still being answered, so a
        crash re-sends at most about one group of accepted-but-unmarked records."""
        if feil is None:
            ventende.append(alle[i].id)
        if len(ventende) >= MERK_HVER:
            repo.marker_sendt(list(ventende), klokke.na())
            merket.update(ventende)
            ventende.clear()

    svar = publisher.publiser_alle([_publisering(p) for p in alle], ved_svar)
    feil = dict(zip((p.id for p in alle), svar, strict=True))
    ok: list[Utsending] = []
    for ko in bit:
        for p in ko:
            if feil[p.id] is not None:
                ut.feilet += 1
                feltene = felt(utsending_id=p.id, type=p.type.value, feil=type(feil[p.id]).__name__)
                logg.warning("Publisering feilet; prøves igjen", extra=feltene)
                break
            ok.append(p)
    igjen = [p.id for p in ok if p.id not in merket]
    if igjen:
        repo.marker_sendt(igjen, klokke.na())
    ut.sendt += len(ok)


def _en_gjennomgang(
    repo: UtsendingRepo, publisher: OrdnetPublisher, klokke: Klokke, las: _Las, ut: Utsendingsresultat
) -> bool:
    """One query for the unsent records, then the due records of every key (in order per key) in chunks of whole
    keys: renew the lease, publish the chunk in one call, mark those Pub/Sub accepted sent in one batched write.
    False = the lease was taken over: stop before publishing more."""
    koer = _klare_koer(repo.usendte(), klokke.na(), ut)
    if not koer:
        return True
    ut.runder += 1
    for bit in _biter(koer):
        if not las.forny():
            return False
        _publiser_bit(bit, repo, publisher, klokke, ut)
    return True


def _ta_eller_vent(repo: UtsendingRepo, klokke: Klokke, eier: str, vent: Callable[[float], None]) -> int | None:
    """The lease now, or after the one wait for a holder that may be dead (above); None = a live holder has it."""
    token = repo.ta_las(eier, klokke.na(), LAS_S)
    if token is not None:
        return token
    forste = repo.bli_venter(eier, klokke.na())
    if forste is None or (forste - klokke.na()).total_seconds() > MAKS_VENT_S:
        return None
    logg.info("Venter på utsendingslåsen", extra=felt(eier=eier, utloper=forste.isoformat()))
    while forste > klokke.na():
        vent(min(1.0, (forste - klokke.na()).total_seconds() + 0.05))
        na = klokke.na()
        utloper = repo.bli_venter(eier, na)
        if utloper is not None and utloper <= na:
            break  # expired (or released): take it
        if utloper is None or utloper > forste:
            return None  # another waiter, or the holder renewed it: it is alive and runs again as asked
    return repo.ta_las(eier, klokke.na(), LAS_S)


def send_utsendinger(
    *,
    repo: UtsendingRepo,
    publisher: OrdnetPublisher,
    klokke: Klokke,
    eier: str,
    maks_gjennomganger: int = 100,
    vent: Callable[[float], None] = time.sleep,
) -> Utsendingsresultat:
    """One dispatcher run (scheduler tick or nudge)."""
    ut = Utsendingsresultat()
    token = _ta_eller_vent(repo, klokke, eier, vent)
    if token is None:
        ut.las_opptatt = True
        return ut
    las = _Las(repo, klokke, eier, token)
    las.puls()
    try:
        for _ in range(maks_gjennomganger):
            if not _en_gjennomgang(repo, publisher, klokke, las, ut):
                ut.las_tapt = True
                logg.error("Utsendingslåsen ble overtatt; stopper", extra=felt(eier=eier, token=token))
                break
            if not repo.slipp_las(eier, token, klokke.na(), LAS_S):
                break
    except BaseException:
        repo.slipp_las(eier, token, klokke.na(), 0.0)
        raise
    finally:
        las.stopp()
    feltene = felt(sendt=ut.sendt, holdt_tilbake=ut.holdt_tilbake, feilet=ut.feilet, token=token)
    logg.info("Utsending ferdig", extra=feltene)
    return ut


class UtsendingOppslag(Protocol):
    def er_sendt(self, utsending_id: str) -> bool:
        """The record exists and is marked sent (one read by id)."""
        ...


def send_etter_ny_post(
    utsending_id: str,
    *,
    oppslag: UtsendingOppslag,
    repo: UtsendingRepo,
    publisher: OrdnetPublisher,
    klokke: Klokke,
    eier: str,
) -> Utsendingsresultat | None:
    """The nudge for one new record. Already sent means a pass ran after it was committed (and sent every record
    due then), so there is nothing to do: a burst of nudges queued behind one dispatcher (max instances 1) costs a
    read each instead of a pass each."""
    if oppslag.er_sendt(utsending_id):
        return None
    return send_utsendinger(repo=repo, publisher=publisher, klokke=klokke, eier=eier)
