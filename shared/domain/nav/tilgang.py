"""Nav employees and their roles per kostnadssted (domene.md §2, §9.1).

The port `NavAnsattTilganger.hent(navident)` gives `{rolle: set[kostnadssted] | ALLE}`; this module holds the
pure checks. A role with an empty set of kostnadssteder is no role at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Literal


class Rolle(StrEnum):
    SAKSBEHANDLER_OKONOMI = "SAKSBEHANDLER_OKONOMI"
    """Creates tilsagn, charges claims, starts cancellations and korreksjoner."""
    BESLUTTER_TILSAGN = "BESLUTTER_TILSAGN"
    """Approves or returns tilsagn, annullering and oppgjør at its kostnadssteder."""
    ATTESTANT_UTBETALING = "ATTESTANT_UTBETALING"
    """Attests or returns utbetalingslinjer at its kostnadssteder."""


ALLE: Final = "ALLE"
"""Every kostnadssted."""

Kostnadssteder = frozenset[str] | Literal["ALLE"]


@dataclass(frozen=True)
class NavAnsatt:
    navident: str
    roller: Mapping[Rolle, Kostnadssteder] = field(default_factory=dict)

    def har_rolle(self, rolle: Rolle) -> bool:
        steder = self.roller.get(rolle)
        return steder == ALLE or bool(steder)

    def har_rolle_ved(self, rolle: Rolle, kostnadssted: str | None) -> bool:
        steder = self.roller.get(rolle)
        if steder == ALLE:
            return True
        return steder is not None and kostnadssted is not None and kostnadssted in steder
