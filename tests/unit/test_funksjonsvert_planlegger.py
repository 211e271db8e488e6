"""The local Cloud Scheduler fires each job in the minute its cron names, in the job's time zone (issue 17 item 4)."""

from __future__ import annotations

from datetime import UTC, datetime

from emulators.funksjonsvert.planlegger import forfalte, treffer
from shared.planlegging import JOBBER


def test_cron_delmengden() -> None:
    t = datetime(2026, 12, 7, 5, 0)
    assert treffer("0 5 7 * *", t) and not treffer("0 5 8 * *", t)
    assert treffer("*/5 * * * *", t.replace(minute=35)) and not treffer("*/5 * * * *", t.replace(minute=36))
    assert treffer("0 6 * * 1-5", datetime(2026, 12, 7, 6, 0))  # a Monday
    assert treffer("0,30 6 * * *", datetime(2026, 12, 7, 6, 30))


def test_jobbene_fyrer_i_oslo_tid() -> None:
    # 04:00 UTC on 7 December is 05:00 in Oslo: the monthly generation and the 5-minute ticks
    navn = {j.navn for j in forfalte(JOBBER, datetime(2026, 12, 7, 4, 0, tzinfo=UTC))}
    tikk = {"utsending-tikk", "varsling-tikk", "avtale-utsending-tikk"}
    assert navn == {"generering-start"} | tikk
    assert {j.navn for j in forfalte(JOBBER, datetime(2026, 12, 7, 5, 0, tzinfo=UTC))} == {"tao-daglig"} | tikk
    assert {j.navn for j in forfalte(JOBBER, datetime(2026, 12, 7, 5, 30, tzinfo=UTC))} == {
        "avstemming-daglig", "avtale-daglig"} | tikk  # fmt: skip
    assert forfalte(JOBBER, datetime(2026, 12, 7, 5, 2, tzinfo=UTC)) == []
