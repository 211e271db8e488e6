"""Ports of the notice context (issue 16 §2).

`Varsler` is general: it delivers one `Varsel` to its `Mottaker` (an organisation, or a Nav unit and employee) and
is idempotent on the notice id, so any context with a notice outbox can use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.varsling.varsel import Varsel


class VarselFeil(Exception):
    """Delivery failed. `permanent`: the receiver refused the notice (4xx) and a retry cannot help."""

    def __init__(self, melding: str, *, permanent: bool) -> None:
        super().__init__(melding)
        self.permanent = permanent


class Varsler(Protocol):
    def send(self, varsel: Varsel) -> str | None:
        """Deliver the notice; sending the same id again is success and delivers nothing new. Returns the
        receiver's reference (order or task id) where it gives one. Raises `VarselFeil`."""
        ...


class VarselRepo(Protocol):
    def usendte(self) -> list[Varsel]:
        """Every notice neither sent nor permanently failed."""
        ...

    def er_ferdig(self, varsel_id: str) -> bool:
        """The notice exists and is sent or permanently failed (one read by id)."""
        ...

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None: ...

    def marker_feilet(self, varsel_id: str, feil: str, *, permanent: bool) -> None:
        """Count a failed attempt; `permanent` also takes it out of the unsent ones."""
        ...

    def opprett(self, varsler: Sequence[Varsel]) -> int:
        """Create-only, for notices that belong to no state change (the daily check); an existing id is skipped.
        Returns how many were new."""
        ...

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None: ...

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool: ...

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool: ...


class VentendeAttesteringer(Protocol):
    def til_attestering(self) -> list[tuple[Utbetaling, Utbetalingslinje, str | None]]:
        """Every line in TIL_ATTESTERING with its claim and its tilsagn's kostnadssted."""
        ...
