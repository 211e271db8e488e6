"""The calculation engine (domene.md §4, §5.4; `beregning-kontrakt.md`). Pure: no clock, no environment, no I/O.

    beregning = beregn(BeregningInput(...))        # or beregn(les_beregning_input(json_bytes))
    beregning.output.belop; til_json(beregning.output)

`beregn` and `beregn_tilsagn` raise `Valideringsfeil` (JSON pointer + Norwegian text) on invalid input.
"""

from shared.domain.beregning.les_json import les_beregning_input, les_tilsagn_input
from shared.domain.beregning.modeller import (
    BeregningInput,
    DeltakelseInput,
    Deltakelsesmengde,
    Linje,
    PeriodeInput,
    SatsInput,
    TilsagnBeregningInput,
    TilsagnInput,
)
from shared.domain.beregning.motor import beregn, valider_beregning_input
from shared.domain.beregning.resultat import (
    BeregnetDeltakelse,
    BeregnetPeriode,
    Beregning,
    BeregningOutput,
    TilsagnBeregningOutput,
    TilsagnBidrag,
)
from shared.domain.beregning.skriv_json import til_json
from shared.domain.beregning.tilsagn import beregn_tilsagn

__all__ = [
    "BeregnetDeltakelse",
    "BeregnetPeriode",
    "Beregning",
    "BeregningInput",
    "BeregningOutput",
    "DeltakelseInput",
    "Deltakelsesmengde",
    "Linje",
    "PeriodeInput",
    "SatsInput",
    "TilsagnBeregningInput",
    "TilsagnBeregningOutput",
    "TilsagnBidrag",
    "TilsagnInput",
    "beregn",
    "beregn_tilsagn",
    "les_beregning_input",
    "les_tilsagn_input",
    "til_json",
    "valider_beregning_input",
]
