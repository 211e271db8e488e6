"""Reading the engine's JSON input (`beregning-kontrakt.md`), with a JSON pointer on every error.

- Numbers are parsed with `parse_float=Decimal`, so `33.3` is `Decimal("33.3")` and never a binary
float; NaN and
  Infinity are rejected.
- `til_json` writes one line with the contract's key order, factors as JSON numbers with at most 5
decimals and at
  least one (`0.3`, `1.0`). `les_beregning_input(til_json(input)) == input`, so a stored input
  recomputes its amount.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from shared.domain.beregning.modeller import BeregningInput, TilsagnBeregningInput
from shared.domain.beregning.motor import valider_beregning_input
from shared.domain.felles.feil import FeltFeil, Valideringsfeil

M = TypeVar("M", bound=BaseModel)

_TEKSTER: Mapping[str, str] = {
    "missing": "mangler",
    "extra_forbidden": "ukjent felt",
    "int_type": "må være et heltall",
    "string_type": "må være en tekst",
    "model_type": "må være et objekt",
    "model_attributes_type": "må være et objekt",
    "dict_type": "må være et objekt",
    "tuple_type": "må være en liste",
    "list_type": "må være en liste",
    "enum": "ukjent verdi",
    "greater_than_equal": "må være minst {ge}",
    "less_than_equal": "må være høyst {le} (32-biters heltall)",
}


def _avvis_konstant(navn: str) -> object:
    raise ValueError(f"{navn} er ikke et gyldig JSON-tall")


def les_json(data: bytes | str) -> object:
    """JSON with every non-integer number as `Decimal`; a syntax error is a `Valideringsfeil` at "/"."""
    try:
        return json.loads(data, parse_float=Decimal, parse_constant=_avvis_konstant)
    except json.JSONDecodeError as e:
        raise Valideringsfeil.for_felt("/", f"ugyldig JSON: {e.msg} (linje {e.lineno}, kolonne {e.colno})") from None
    except RecursionError:
        raise Valideringsfeil.for_felt("/", "ugyldig JSON: for dypt nestet") from None
    except ValueError as e:  # bytes that are not UTF-8, NaN/Infinity, integers of more than 4300 digits
        raise Valideringsfeil.for_felt("/", f"ugyldig JSON: {e}") from None


def _pointer(loc: tuple[int | str, ...]) -> str:
    if not loc:
        return "/"
    return "".join("/" + str(del_).replace("~", "~0").replace("/", "~1") for del_ in loc)


def _tekst(feil: ErrorDetails) -> str:
    mal = _TEKSTER.get(feil["type"])
    if mal is None:
        return feil["msg"]
    if feil["type"] == "enum" and isinstance(feil["input"], str):
        return f"{mal} «{feil['input']}»"
    return mal.format(**feil.get("ctx", {}))


def fra_pydantic(feil: ValidationError) -> Valideringsfeil:
    """A pydantic error as `Valideringsfeil`, one `FeltFeil` per error, pointers built from `loc`."""
    return Valideringsfeil([FeltFeil(_pointer(tuple(e["loc"])), _tekst(e)) for e in feil.errors()])


def valider_modell(modell: type[M], data: bytes | str) -> M:
    dokument = les_json(data)
    try:
        return modell.model_validate(dokument)
    except ValidationError as e:
        raise fra_pydantic(e) from None


def les_beregning_input(data: bytes | str) -> BeregningInput:
    """The input of `utbetaling beregn`, checked as far as it can be without calculating."""
    input = valider_modell(BeregningInput, data)
    valider_beregning_input(input)
    return input


def les_tilsagn_input(data: bytes | str) -> TilsagnBeregningInput:
    return valider_modell(TilsagnBeregningInput, data)
