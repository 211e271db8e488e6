"""Tilsagn (grant), the fields generation and recalculation need (domene.md §5.1, §5.3, §6.5).

Tilsagn are created and approved through the Nav API (issue 6); this module only reads them. The period is
stored
half-open (`periode_start`, `periode_slutt`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.domain.felles.kodeverk import TilsagnStatus, Tilskuddstype
from shared.domain.nav.totrinnskontroll import Totrinnskontroll


class TilsagnType(StrEnum):
    TILSAGN = "TILSAGN"
    EKSTRATILSAGN = "EKSTRATILSAGN"
    INVESTERING = "INVESTERING"


_TYPER_FOR: dict[Tilskuddstype, frozenset[TilsagnType]] = {
    Tilskuddstype.TILTAK_DRIFTSTILSKUDD: frozenset({TilsagnType.TILSAGN, TilsagnType.EKSTRATILSAGN}),
    Tilskuddstype.TILTAK_INVESTERINGER: frozenset({TilsagnType.INVESTERING}),
}


class Tilsagn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    gjennomforing_id: str
    type: TilsagnType
    periode_start: date
    periode_slutt: date
    belop: int
    belop_brukt: int = 0
    status: TilsagnStatus
    valuta: str = "NOK"
    kostnadssted: str | None = None
    lopenummer: int | None = None
    bestillingsnummer: str | None = None
    # Nav processing (issue 6, tilsagn/behandling.py): §5.1 fields and the counters of §5.1/§10.1.
    kommentar: str | None = None
    beskrivelse: str | None = None
    antall_plasser: int | None = None
    beregning: dict[str, object] | None = None
    """`{prismodell, input, output: {belop, faktor}}` as `utbetaling beregn-tilsagn` (faktor as a string)."""
    totrinnskontroller: tuple[Totrinnskontroll, ...] = ()
    neste_linje_lopenummer: int = 1
    """Counter of utbetalingslinje løpenumre, incremented in the creating transaction, never reused."""
    neste_sekvens: int = 1
    """Counter of the outbox `sekvens` of this bestillingsnummer (§10.1)."""
    bestilling_status: str | None = None
    """The economy system's status of the bestilling, for display (§10.3)."""


def gjenstaende_belop(t: Tilsagn) -> int:
    """§5.3: belop − belop_brukt, and 0 when ANNULLERT or OPPGJORT."""
    if t.status in (TilsagnStatus.ANNULLERT, TilsagnStatus.OPPGJORT):
        return 0
    return t.belop - t.belop_brukt


def kan_brukes_for(t: Tilsagn, tilskuddstype: Tilskuddstype, valuta: str, start: date, slutt: date) -> bool:
    """A GODKJENT tilsagn of a type usable for the tilskuddstype, in the valuta, overlapping [start,
    slutt)."""
    return (
        t.status is TilsagnStatus.GODKJENT
        and t.type in _TYPER_FOR[tilskuddstype]
        and t.valuta == valuta
        and t.periode_start < slutt
        and start < t.periode_slutt
    )
