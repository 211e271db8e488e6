"""Ports of the spend forecast (issue 18 part 3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from shared.domain.generering import Grunnlag


class Prognosekilde(Protocol):
    def les_grunnlag(self, ar: int) -> Sequence[Grunnlag]:
        """Per gjennomføring with a tilsagn starting in `ar`: the gjennomføring, its avtale, the deltakelser that can
        count in the year, its tilsagn of the year and its claims overlapping the year (without their beregning)."""
        ...

    def hent_budsjett(self, ar: int) -> int | None:
        """Nav's budget figure for the year, if entered."""
        ...

    def lagre_budsjett(self, ar: int, belop: int, navident: str, tidspunkt: datetime) -> None: ...
