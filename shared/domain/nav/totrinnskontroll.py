"""Totrinnskontroll: the two-person check (domene.md §2, §5.1, §6.1).

One person (or the system) handles (`behandlet_av`), another decides (`besluttet_av`). A person never decides a
check they handled; only `SYSTEM` may do both (the automatic paths, §6.6). Deciding an already decided check
names its state.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.domain.nav.feil import UgyldigHandling

SELV_BEHANDLET = "Du kan ikke beslutte noe du selv har behandlet"
ARSAKER_PAKREVD = "Årsaker er påkrevd"


class AgentType(StrEnum):
    NAV_ANSATT = "NAV_ANSATT"
    SYSTEM = "SYSTEM"
    ARRANGOR = "ARRANGOR"


class Agent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: AgentType
    nav_ident: str | None = None

    @classmethod
    def nav(cls, navident: str) -> Agent:
        return cls(type=AgentType.NAV_ANSATT, nav_ident=navident)

    @property
    def utfort_av(self) -> str:
        """The change log's `utfort_av`: the NAVident, ARRANGOR or SYSTEM (§11)."""
        return self.nav_ident if self.type is AgentType.NAV_ANSATT and self.nav_ident else self.type.value

    def som_melding(self) -> dict[str, str]:
        """`{type: NAV_ANSATT, navIdent}` or `{type: SYSTEM}` (§10.2)."""
        if self.type is AgentType.NAV_ANSATT:
            return {"type": self.type.value, "navIdent": self.nav_ident or ""}
        return {"type": self.type.value}


SYSTEM = Agent(type=AgentType.SYSTEM)


class Kontrolltype(StrEnum):
    OPPRETTELSE = "OPPRETTELSE"
    ANNULLERING = "ANNULLERING"
    OPPGJOR = "OPPGJOR"
    ATTESTERING = "ATTESTERING"
    AVBRYTELSE = "AVBRYTELSE"


class Kontrollstatus(StrEnum):
    TIL_BESLUTNING = "TIL_BESLUTNING"
    """Handled; waits for the second person."""
    GODKJENT = "GODKJENT"
    RETURNERT = "RETURNERT"
    SATT_PA_VENT = "SATT_PA_VENT"


_ALLEREDE = {
    Kontrollstatus.GODKJENT: "Totrinnskontrollen er allerede godkjent",
    Kontrollstatus.RETURNERT: "Totrinnskontrollen er allerede returnert",
    Kontrollstatus.SATT_PA_VENT: "Totrinnskontrollen er allerede satt på vent",
}


class Totrinnskontroll(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Kontrolltype
    behandlet_av: Agent
    behandlet_tidspunkt: datetime
    besluttet_av: Agent | None = None
    besluttet_tidspunkt: datetime | None = None
    status: Kontrollstatus = Kontrollstatus.TIL_BESLUTNING
    aarsaker: tuple[str, ...] = ()
    forklaring: str | None = None


def behandle(
    type: Kontrolltype,
    av: Agent,
    tidspunkt: datetime,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> Totrinnskontroll:
    return Totrinnskontroll(
        type=type, behandlet_av=av, behandlet_tidspunkt=tidspunkt, aarsaker=aarsaker, forklaring=forklaring
    )


def sjekk_kan_beslutte(k: Totrinnskontroll, av: Agent) -> None:
    """Raises `UgyldigHandling` if the check is decided already or `av` handled it (SYSTEM excepted)."""
    if k.status is not Kontrollstatus.TIL_BESLUTNING:
        raise UgyldigHandling(_ALLEREDE[k.status])
    if av.type is not AgentType.SYSTEM and av == k.behandlet_av:
        raise UgyldigHandling(SELV_BEHANDLET)


def beslutt(
    k: Totrinnskontroll,
    av: Agent,
    tidspunkt: datetime,
    *,
    godkjent: bool,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> Totrinnskontroll:
    """Approve or return. A return needs reasons ("Årsaker er påkrevd")."""
    sjekk_kan_beslutte(k, av)
    if not godkjent and not aarsaker:
        raise UgyldigHandling(ARSAKER_PAKREVD, "/aarsaker")
    return k.model_copy(
        update={
            "besluttet_av": av,
            "besluttet_tidspunkt": tidspunkt,
            "status": Kontrollstatus.GODKJENT if godkjent else Kontrollstatus.RETURNERT,
            "aarsaker": aarsaker if not godkjent else k.aarsaker,
            "forklaring": forklaring if not godkjent else k.forklaring,
        }
    )


def system_godkjent(type: Kontrolltype, tidspunkt: datetime) -> Totrinnskontroll:
    """Handled and decided by the system in one step (the automatic paths)."""
    return beslutt(behandle(type, SYSTEM, tidspunkt), SYSTEM, tidspunkt, godkjent=True)
