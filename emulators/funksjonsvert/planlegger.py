"""The local Cloud Scheduler (issue 17 item 4): the host fires every job of `shared.planlegging.JOBBER` on its cron
in its time zone, into the stack's default project, as Cloud Scheduler does in the cloud; and once when it starts,
an `utsending-tikk`, so a dispatcher that died with the host is replaced as soon as its lease allows, not at the
next 5-minute tick.

Only the default project gets ticks: test projects are isolated and drive their functions themselves. Turn it off
with `UTBETALING_PLANLEGGER=av` (e.g. to watch the outbox stall). The cron subset Cloud Scheduler jobs here use:
`*`, `*/n`, numbers, lists and ranges, five fields.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from emulators.funksjonsvert.felles import logg
from shared import topics
from shared.planlegging import JOBBER, PlanlagtJobb

Publiser = Callable[[str, bytes], None]
"""(topic, data) → published in the default project; raises when the topic is not there (yet)."""


def _felt_treffer(felt: str, verdi: int) -> bool:
    for del_ in felt.split(","):
        if del_ == "*":
            return True
        if del_.startswith("*/"):
            if verdi % int(del_[2:]) == 0:
                return True
        elif "-" in del_:
            fra, til = (int(x) for x in del_.split("-", 1))
            if fra <= verdi <= til:
                return True
        elif int(del_) == verdi:
            return True
    return False


def treffer(cron: str, t: datetime) -> bool:
    """Whether the five-field cron fires in the minute of `t` (already in the job's time zone)."""
    minutt, time_, dag, maned, ukedag = cron.split()
    return (_felt_treffer(minutt, t.minute) and _felt_treffer(time_, t.hour) and _felt_treffer(dag, t.day)
            and _felt_treffer(maned, t.month) and _felt_treffer(ukedag, t.isoweekday() % 7))  # fmt: skip


def forfalte(jobber: tuple[PlanlagtJobb, ...], t: datetime) -> list[PlanlagtJobb]:
    return [j for j in jobber if treffer(j.cron, t.astimezone(ZoneInfo(j.tidssone)))]


class Planlegger:
    def __init__(self, publiser: Publiser, jobber: tuple[PlanlagtJobb, ...] = JOBBER) -> None:
        self.publiser, self.jobber = publiser, jobber
        self._stopp = threading.Event()

    def start(self) -> None:
        if os.environ.get("UTBETALING_PLANLEGGER", "på") == "av":
            return
        threading.Thread(target=self._kjor, name="planlegger", daemon=True).start()

    def stopp(self) -> None:
        self._stopp.set()

    def _kjor(self) -> None:
        self._send_med_gjentak(topics.UTSENDING_TIKK, b"{}", frist_s=120.0)  # the host (re)started
        while not self._stopp.is_set():
            na = datetime.now().astimezone()
            neste = (na + timedelta(minutes=1)).replace(second=0, microsecond=0)
            if self._stopp.wait((neste - na).total_seconds()):
                return
            for j in forfalte(self.jobber, neste):
                self._send_med_gjentak(j.topic, j.body.encode(), frist_s=30.0)

    def _send_med_gjentak(self, topic: str, data: bytes, frist_s: float) -> None:
        """Until the topic exists (at the first start the project is set up after the host answers)."""
        slutt, pause = time.monotonic() + frist_s, 0.5
        while True:
            try:
                self.publiser(topic, data)
                logg("INFO", f"planlegger: {topic} sendt", topic=topic)
                return
            except Exception as e:  # noqa: BLE001 - logged; the next tick comes anyway
                if time.monotonic() > slutt or self._stopp.wait(pause):
                    logg("WARNING", f"planlegger: {topic} ble ikke sendt", topic=topic, feil=type(e).__name__)
                    return
                pause = min(pause * 2, 5.0)
