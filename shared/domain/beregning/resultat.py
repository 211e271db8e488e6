"""The engine's results: the output of `utbetaling beregn` and `beregn-tilsagn` (`beregning-kontrakt.md`).

Plain immutable types rather than pydantic models: a national month creates hundreds of thousands of
pieces, and
the engine builds them from values it has already checked. `til_json` writes them in the contract's key order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from shared.domain.beregning.modeller import BeregningInput
from shared.domain.felles.periode import Periode


class BeregnetPeriode(NamedTuple):
    """One output piece `[start, slutt)` with its rounded faktor (5 decimals) and the sats that applies."""

    start: date
    slutt: date
    faktor: Decimal
    sats: int


class BeregnetDeltakelse(NamedTuple):
    id: str
    perioder: tuple[BeregnetPeriode, ...]


class TilsagnBidrag(NamedTuple):
    tilsagn_id: str
    belop: int


@dataclass(frozen=True, slots=True)
class BeregningOutput:
    belop: int
    valuta: str
    periode: Periode
    """The period calculated: the input period, or for hele-uke the period snapped to whole weeks."""
    utbetales_tidligst: date | None
    deltakelser: tuple[BeregnetDeltakelse, ...]
    tilsagn_bidrag: tuple[TilsagnBidrag, ...]


@dataclass(frozen=True, slots=True)
class Beregning:
    """Input and output kept together: `beregn(beregning.input)` reproduces `beregning.output`."""

    input: BeregningInput
    output: BeregningOutput

    @property
    def belop(self) -> int:
        return self.output.belop


@dataclass(frozen=True, slots=True)
class TilsagnBeregningOutput:
    belop: int
    faktor: Decimal | None
    """Månedsverk/ukesverk/uker for one place, 5 decimals; None where it has no meaning."""
