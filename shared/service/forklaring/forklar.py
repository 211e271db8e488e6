""" "Why did my amount change?" for one claim (issue 18 part 2): the kept versions and the current calculation,
newest change first. Access is checked by the caller (the arrangør's or Nav's own read of the claim)."""

from __future__ import annotations

from typing import Protocol

from shared.domain.forklaring.versjoner import Beregningsversjon, Endring, forklar
from shared.domain.nav.feil import UtbetalingFinnesIkke
from shared.domain.utbetaling.utbetaling import Utbetaling


class Forklaringskilde(Protocol):
    def hent(self, utbetaling_id: str) -> tuple[Utbetaling, tuple[Beregningsversjon, ...]] | None: ...


def forklar_utbetaling(utbetaling_id: str, *, kilde: Forklaringskilde) -> tuple[Utbetaling, tuple[Endring, ...]]:
    """Raises `UtbetalingFinnesIkke`."""
    funnet = kilde.hent(utbetaling_id)
    if funnet is None:
        raise UtbetalingFinnesIkke(utbetaling_id)
    u, versjoner = funnet
    return u, forklar(u, versjoner)
