"""Nav employees and their roles per kostnadssted (domene.md §2, §9.1).

The port `NavAnsattTilganger.hent(navident)` gives `{rolle: set[kostnadssted] | ALLE}`; this module holds the
pure checks. A role with an empty set of kostnadssteder is no role at all.

Reads (issue 16): an employee sees a tilsagn, claim or task iff they hold any role, the read-only `OKONOMI_LES`
included, at one of its kostnadssteder (or at ALLE). `OKONOMI_LES` alone may do nothing: the Nav API refuses it on
every write route before the handler runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Literal

from shared.domain.nav.feil import ManglerTilgang


class Rolle(StrEnum):
    SAKSBEHANDLER_OKONOMI = "SAKSBEHANDLER_OKONOMI"
    """Creates tilsagn, charges claims, starts cancellations and korreksjoner."""
    BESLUTTER_TILSAGN = "BESLUTTER_TILSAGN"
    """Approves or returns tilsagn, annullering and oppgjør at its kostnadssteder."""
    ATTESTANT_UTBETALING = "ATTESTANT_UTBETALING"
    """Attests or returns utbetalingslinjer at its kostnadssteder."""
    OKONOMI_LES = "OKONOMI_LES"
    """Økonomi les: sees tilsagn, claims, change logs and tasks at its kostnadssteder; may do nothing."""


ALLE: Final = "ALLE"
"""Every kostnadssted."""

Kostnadssteder = frozenset[str] | Literal["ALLE"]

MANGLER_LESETILGANG: Final = "Du mangler tilgang til utbetalinger"  # (vårt valg)
KUN_LESETILGANG: Final = "Du har bare lesetilgang og kan ikke endre noe"  # (vårt valg)

SKRIVEROLLER: Final = frozenset({Rolle.SAKSBEHANDLER_OKONOMI, Rolle.BESLUTTER_TILSAGN, Rolle.ATTESTANT_UTBETALING})
"""The roles that may change anything (each write checks its own one, §9.1)."""


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

    @property
    def kan_skrive(self) -> bool:
        """Holds a role that may change something; an employee with only `OKONOMI_LES` may not."""
        return any(self.har_rolle(r) for r in SKRIVEROLLER)

    def synlige_kostnadssteder(self) -> Kostnadssteder:
        """Every kostnadssted at which the employee holds any role (ALLE if one role is at ALLE)."""
        if any(s == ALLE for s in self.roller.values()):
            return ALLE
        return frozenset(k for s in self.roller.values() if s != ALLE for k in s)

    def ser(self, kostnadssteder: Iterable[str | None]) -> bool:
        """May read what belongs to these kostnadssteder: any role at one of them, or at ALLE. Something without a
        kostnadssted (a claim no tilsagn covers yet) only an employee at ALLE sees."""
        synlige = self.synlige_kostnadssteder()
        return synlige == ALLE or any(k in synlige for k in kostnadssteder if k)


def sjekk_skrivetilgang(ansatt: NavAnsatt) -> None:
    """Refuses (403) an employee whose only role is `OKONOMI_LES`; every other write check stays the action's own."""
    if ansatt.har_rolle(Rolle.OKONOMI_LES) and not ansatt.kan_skrive:
        raise ManglerTilgang(KUN_LESETILGANG)


def sjekk_leser(ansatt: NavAnsatt) -> None:
    """Reads need some role, the read-only one included (§9.1: "any of the three roles", and `OKONOMI_LES`)."""
    if not any(ansatt.har_rolle(r) for r in Rolle):
        raise ManglerTilgang(MANGLER_LESETILGANG)
