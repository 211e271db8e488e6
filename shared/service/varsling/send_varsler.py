"""The notice dispatcher (issue 16 §2): sends every unsent notice once and marks it sent, like the payment outbox
(shared/service/utsending/send_utsendinger.py) whose pattern it copies.

- One dispatcher at a time: a lease with a fencing token. A run that finds it taken asks the holder to run once more
  and returns, so a notice committed during a run is not left for the next tick. Before each chunk the run renews
  the lease under its token; if another run took it over (only after this one stalled past the lease), it stops.
- A pass reads the unsent notices through their index, sends them one by one, and marks the delivered ones sent in
  one batched write per chunk. A crash between delivery and marking delivers again: the receivers are idempotent
  on the notice id (Altinn's `idempotencyId`, Oppgave's 409 on a duplicate), so the person is told once.
- A transient failure (5xx, time-out) leaves the notice for the next run; a permanent one (4xx) is recorded on the
  notice, taken out of the unsent ones and logged as an alert (`varsel=VARSEL_FEILET`), never retried forever.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from shared.domain.varsling.varsel import Varsel
from shared.logg import felt
from shared.service.ports import Klokke
from shared.service.varsling.ports import VarselFeil, VarselRepo, Varsler

logg = logging.getLogger(__name__)

LAS_S = 300.0
"""Lease length. A chunk takes at most BIT × the adapter's worst case (3 tries of a 10 s time-out), far below it."""

BIT = 5
"""Notices per chunk: the lease is renewed (and its token checked) before each chunk."""


@dataclass
class Varslingsresultat:
    sendt: int = 0
    feilet: int = 0
    forkastet: int = 0
    """Refused permanently by the receiver."""
    las_opptatt: bool = False
    las_tapt: bool = False


def _send_en(v: Varsel, varsler: Varsler, repo: VarselRepo, ut: Varslingsresultat) -> bool:
    try:
        referanse = varsler.send(v)
    except VarselFeil as e:
        repo.marker_feilet(v.id, str(e), permanent=e.permanent)
        if e.permanent:
            ut.forkastet += 1
            logg.error("Varsel avvist av mottaker; sendes ikke igjen",
                       extra=felt(varsel_id=v.id, type=v.type, feil=str(e), varsel="VARSEL_FEILET"))  # fmt: skip
        else:
            ut.feilet += 1
            logg.warning("Varsel feilet; prøves igjen", extra=felt(varsel_id=v.id, type=v.type, feil=str(e)))
        return False
    logg.info("Varsel sendt", extra=felt(varsel_id=v.id, type=v.type, referanse=referanse))
    return True


def _en_gjennomgang(
    repo: VarselRepo, varsler: Varsler, klokke: Klokke, eier: str, token: int, ut: Varslingsresultat
) -> bool:
    """False = the lease was taken over: stop before sending more."""
    usendte = sorted(repo.usendte(), key=lambda v: (v.opprettet, v.id))
    for i in range(0, len(usendte), BIT):
        if not repo.forny_las(eier, token, klokke.na(), LAS_S):
            return False
        ok = [v.id for v in usendte[i : i + BIT] if _send_en(v, varsler, repo, ut)]
        if ok:
            repo.marker_sendt(ok, klokke.na())
        ut.sendt += len(ok)
    return True


def send_varsler(
    *, repo: VarselRepo, varsler: Varsler, klokke: Klokke, eier: str, maks_gjennomganger: int = 20
) -> Varslingsresultat:
    """One dispatcher run (scheduler tick or the nudge of a new notice)."""
    ut = Varslingsresultat()
    token = repo.ta_las(eier, klokke.na(), LAS_S)
    if token is None:
        ut.las_opptatt = True
        return ut
    try:
        for _ in range(maks_gjennomganger):
            if not _en_gjennomgang(repo, varsler, klokke, eier, token, ut):
                ut.las_tapt = True
                logg.error("Varslingslåsen ble overtatt; stopper", extra=felt(eier=eier, token=token))
                break
            if not repo.slipp_las(eier, token, klokke.na(), LAS_S):
                break
    except BaseException:
        repo.slipp_las(eier, token, klokke.na(), 0.0)
        raise
    logg.info("Varsling ferdig", extra=felt(sendt=ut.sendt, feilet=ut.feilet, forkastet=ut.forkastet, token=token))
    return ut


def send_etter_nytt_varsel(
    varsel_id: str, *, repo: VarselRepo, varsler: Varsler, klokke: Klokke, eier: str
) -> Varslingsresultat | None:
    """The nudge for one new notice: already sent means a pass ran after its commit, so nothing to do (a burst of
    nudges queued behind one dispatcher costs a read each)."""
    if repo.er_ferdig(varsel_id):
        return None
    return send_varsler(repo=repo, varsler=varsler, klokke=klokke, eier=eier)
