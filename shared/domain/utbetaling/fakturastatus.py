"""Incoming faktura status (domene.md §10.3, §6.3 row 11).

A message older than the last applied one (`faktura.status_endret_tidspunkt`, the economy system's own clock) is
stale and dropped; equal or later times are applied, and re-applying the same status changes nothing. SENDT,
IKKE_BETALT and FEILET are stored on an OVERFORT_TIL_UTBETALING line (on an UTBETALT line they are an error);
DELVIS_BETALT and FULLT_BETALT make the line UTBETALT. The claim follows: all lines UTBETALT → UTBETALT, some →
DELVIS_UTBETALT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from shared.domain.nav.feil import UgyldigFakturastatus
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import Fakturastatus, LinjeStatus, Utbetalingslinje

BETALT = frozenset({Fakturastatus.DELVIS_BETALT, Fakturastatus.FULLT_BETALT})


@dataclass(frozen=True, slots=True)
class Anvendt:
    linje: Utbetalingslinje
    forste_betaling: bool
    """The line's first payment: log "Betaling for tilsagn {bestillingsnummer} er utbetalt"."""


def anvend(linje: Utbetalingslinje, status: Fakturastatus, tidspunkt: datetime) -> Anvendt | None:
    """The changed line, or None when the message is stale or changes nothing. Raises `UgyldigFakturastatus`."""
    sist = linje.faktura.status_endret_tidspunkt
    if sist is not None and tidspunkt < sist:
        return None
    if status in BETALT:
        if linje.status not in (LinjeStatus.OVERFORT_TIL_UTBETALING, LinjeStatus.UTBETALT):
            raise UgyldigFakturastatus(f"betalt-status for linje i status {linje.status.value}")
        ny_status = LinjeStatus.UTBETALT
    else:
        if linje.status is not LinjeStatus.OVERFORT_TIL_UTBETALING:
            raise UgyldigFakturastatus(f"{status.value} for linje i status {linje.status.value}")
        ny_status = linje.status
    faktura = linje.faktura.model_copy(update={"status": status, "status_endret_tidspunkt": tidspunkt})
    ny = linje.model_copy(update={"status": ny_status, "faktura": faktura})
    if ny == linje:
        return None
    return Anvendt(ny, linje.status is LinjeStatus.OVERFORT_TIL_UTBETALING and ny_status is LinjeStatus.UTBETALT)


def kravstatus(gjeldende: UtbetalingStatus, linjer: Sequence[Utbetalingslinje]) -> UtbetalingStatus:
    betalt = [linje.status is LinjeStatus.UTBETALT for linje in linjer]
    if betalt and all(betalt):
        return UtbetalingStatus.UTBETALT
    if any(betalt) and gjeldende is UtbetalingStatus.FERDIG_BEHANDLET:
        return UtbetalingStatus.DELVIS_UTBETALT
    return gjeldende


def utbetalt_tekst(bestillingsnummer: str) -> str:
    return f"Betaling for tilsagn {bestillingsnummer} er utbetalt"
