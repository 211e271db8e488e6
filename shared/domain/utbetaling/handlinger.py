"""What a Nav employee may do with a claim and its lines now (domene.md §6.3, §6.6, §6.10, §9.1), for the Nav API's
work views (issue 16): the checks of the actions themselves, asked without acting. A read-only employee gets none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import Agent, AgentType, Kontrollstatus, Totrinnskontroll
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje


class UtbetalingHandling(StrEnum):
    SEND_TIL_ATTESTERING = "SEND_TIL_ATTESTERING"
    """POST /utbetaling/{id}/linjer."""
    SEND_TIL_AVBRYTELSE = "SEND_TIL_AVBRYTELSE"
    GODKJENN_AVBRYTELSE = "GODKJENN_AVBRYTELSE"
    AVVIS_AVBRYTELSE = "AVVIS_AVBRYTELSE"
    OPPRETT_KORREKSJON = "OPPRETT_KORREKSJON"
    ENDRE_KORREKSJON = "ENDRE_KORREKSJON"
    SLETT_KORREKSJON = "SLETT_KORREKSJON"


class LinjeHandling(StrEnum):
    ATTESTER = "ATTESTER"
    """POST /utbetalingslinje/{id}/attester."""
    RETURNER = "RETURNER"
    """POST /utbetalingslinje/{id}/returner."""


BEHANDLES = (UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT)
_AVBRYTES_FRA = (UtbetalingStatus.GENERERT, *BEHANDLES)
_KORRIGERES_FRA = (UtbetalingStatus.FERDIG_BEHANDLET, UtbetalingStatus.DELVIS_UTBETALT, UtbetalingStatus.UTBETALT)


def _kan_beslutte(k: Totrinnskontroll, ansatt: NavAnsatt) -> bool:
    meg = Agent.nav(ansatt.navident)
    return k.status is Kontrollstatus.TIL_BESLUTNING and (k.behandlet_av.type is AgentType.SYSTEM or
                                                           k.behandlet_av != meg)  # fmt: skip


def avbrytelse_kontroll(u: Utbetaling) -> Totrinnskontroll | None:
    k = (u.avbrytelse or {}).get("totrinnskontroll")
    return Totrinnskontroll.model_validate(k) if isinstance(k, dict) else None


def utbetaling_handlinger(u: Utbetaling, ansatt: NavAnsatt) -> list[UtbetalingHandling]:
    if not ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        return []
    ut: list[UtbetalingHandling] = []
    if u.status in BEHANDLES:
        ut.append(UtbetalingHandling.SEND_TIL_ATTESTERING)
    if u.status in _AVBRYTES_FRA and not u.er_korreksjon:
        ut.append(UtbetalingHandling.SEND_TIL_AVBRYTELSE)
    k = avbrytelse_kontroll(u)
    if u.status is UtbetalingStatus.TIL_AVBRYTELSE and k is not None and _kan_beslutte(k, ansatt):
        ut += [UtbetalingHandling.GODKJENN_AVBRYTELSE, UtbetalingHandling.AVVIS_AVBRYTELSE]
    if u.status in _KORRIGERES_FRA:
        ut.append(UtbetalingHandling.OPPRETT_KORREKSJON)
    if u.er_korreksjon and u.status in BEHANDLES:
        ut += [UtbetalingHandling.ENDRE_KORREKSJON, UtbetalingHandling.SLETT_KORREKSJON]
    return ut


def linje_handlinger(linje: Utbetalingslinje, t: Tilsagn | None, ansatt: NavAnsatt) -> list[LinjeHandling]:
    if linje.status is not LinjeStatus.TIL_ATTESTERING:
        return []
    attestant = ansatt.har_rolle_ved(Rolle.ATTESTANT_UTBETALING, t.kostnadssted if t else None)
    ut = [LinjeHandling.ATTESTER] if attestant and _kan_beslutte(linje.totrinnskontroll, ansatt) else []
    if attestant or ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        ut.append(LinjeHandling.RETURNER)
    return ut


def kostnadssteder(u: Utbetaling, linjer: Sequence[Utbetalingslinje], tilsagn: Mapping[str, Tilsagn]) -> frozenset[str]:
    """Where a claim belongs, for who may see it: the kostnadssteder of its lines' tilsagn and of every tilsagn of its
    gjennomføring that overlaps its period (the candidates it may be charged to). `tilsagn`: the gjennomføring's."""
    steder = {tilsagn[linje.tilsagn_id].kostnadssted for linje in linjer if linje.tilsagn_id in tilsagn}
    steder |= {t.kostnadssted for t in tilsagn.values() if t.gjennomforing_id == u.gjennomforing_id
               and t.periode_start < u.periode_slutt and u.periode_start < t.periode_slutt}  # fmt: skip
    return frozenset(s for s in steder if s)
