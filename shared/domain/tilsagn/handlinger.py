"""What a Nav employee may do with a tilsagn now (domene.md §5.2, §9.1), for the Nav API's work views (issue 16).

The same checks the actions themselves make (role at the kostnadssted, the two-person rule, the state), asked
without acting, so a view never offers a button the action would refuse. A read-only employee gets none.
"""

from __future__ import annotations

from enum import StrEnum

from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import Agent, Kontrolltype
from shared.domain.tilsagn.behandling import beslutt_kontroll_mulig
from shared.domain.tilsagn.tilsagn import Tilsagn


class TilsagnHandling(StrEnum):
    GODKJENN = "GODKJENN"
    """POST /tilsagn/{id}/godkjenn."""
    RETURNER = "RETURNER"
    """POST /tilsagn/{id}/returner."""
    ENDRE = "ENDRE"
    """PUT /tilsagn/{id} (RETURNERT only)."""
    SLETT = "SLETT"
    """DELETE /tilsagn/{id} (RETURNERT only)."""
    ANNULLER = "ANNULLER"
    """POST /tilsagn/{id}/annuller (unused GODKJENT)."""
    GJOR_OPP = "GJOR_OPP"
    """POST /tilsagn/{id}/gjor-opp (used GODKJENT)."""
    GODKJENN_ANNULLERING = "GODKJENN_ANNULLERING"
    AVVIS_ANNULLERING = "AVVIS_ANNULLERING"
    GODKJENN_OPPGJOR = "GODKJENN_OPPGJOR"
    AVVIS_OPPGJOR = "AVVIS_OPPGJOR"


_BESLUTNING = {
    TilsagnStatus.TIL_GODKJENNING: (Kontrolltype.OPPRETTELSE, (TilsagnHandling.GODKJENN, TilsagnHandling.RETURNER)),
    TilsagnStatus.TIL_ANNULLERING: (
        Kontrolltype.ANNULLERING, (TilsagnHandling.GODKJENN_ANNULLERING, TilsagnHandling.AVVIS_ANNULLERING),
    ),
    TilsagnStatus.TIL_OPPGJOR: (
        Kontrolltype.OPPGJOR, (TilsagnHandling.GODKJENN_OPPGJOR, TilsagnHandling.AVVIS_OPPGJOR),
    ),
}  # fmt: skip


def tilsagn_handlinger(t: Tilsagn, ansatt: NavAnsatt) -> list[TilsagnHandling]:
    ut: list[TilsagnHandling] = []
    if t.status in _BESLUTNING and ansatt.har_rolle_ved(Rolle.BESLUTTER_TILSAGN, t.kostnadssted):
        type_, handlinger = _BESLUTNING[t.status]
        if beslutt_kontroll_mulig(t, type_, Agent.nav(ansatt.navident)):
            ut += handlinger
    if ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        if t.status is TilsagnStatus.RETURNERT:
            ut += [TilsagnHandling.ENDRE, TilsagnHandling.SLETT]
        elif t.status is TilsagnStatus.GODKJENT:
            ut.append(TilsagnHandling.GJOR_OPP if t.belop_brukt > 0 else TilsagnHandling.ANNULLER)
    return ut
