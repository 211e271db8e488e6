"""Waiting for something asynchronous (a trigger, a push) in integration tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class TidenGikkUt(AssertionError):
    pass


def vent_til(sjekk: Callable[[], T | None], tidsfrist: float = 15.0, intervall: float = 0.1, hva: str = "") -> T:
    """Calls `sjekk` until it returns something truthy; returns that, or fails after `tidsfrist` seconds."""
    slutt = time.monotonic() + tidsfrist
    while True:
        resultat = sjekk()
        if resultat:
            return resultat
        if time.monotonic() > slutt:
            raise TidenGikkUt(f"ventet {tidsfrist:.0f} s uten at det skjedde: {hva or sjekk}")
        time.sleep(intervall)
