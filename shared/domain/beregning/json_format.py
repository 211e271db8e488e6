"""The engine's JSON (`beregning-kontrakt.md`): reading input with pointer errors, writing canonical output.

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
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from shared.domain.beregning.modeller import BeregningInput, TilsagnBeregningInput
from shared.domain.beregning.motor import valider_beregning_input
from shared.domain.beregning.resultat import (
    BeregnetDeltakelse,
    Beregning,
    BeregningOutput,
    TilsagnBeregningOutput,
)
from shared.domain.feil import FeltFeil, Valideringsfeil
from shared.domain.felles import Periode

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
        raise Valideringsfeil.for_felt(
            "/", f"ugyldig JSON: {e.msg} (linje {e.lineno}, kolonne {e.colno})"
        ) from None
    except ValueError as e:  # bytes that are not UTF-8, NaN/Infinity
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


@lru_cache(maxsize=4096)
def faktor_tekst(faktor: Decimal) -> str:
    """`0.30000` → `0.3`, `1.00000` → `1.0`, `0.63333` stays; the exact decimal, never through a float."""
    tekst = format(faktor, "f")
    if "." not in tekst:
        return tekst + ".0"
    tekst = tekst.rstrip("0")
    return tekst + "0" if tekst.endswith(".") else tekst


def _streng(verdi: str) -> str:
    return json.dumps(verdi, ensure_ascii=False)


def _periode(periode: Periode) -> str:
    return f'{{"start": "{periode.start.isoformat()}", "slutt": "{periode.slutt.isoformat()}"}}'


def _deltakelse(d: BeregnetDeltakelse) -> str:
    perioder = ", ".join(
        f'{{"start": "{p.start.isoformat()}", "slutt": "{p.slutt.isoformat()}", '
        f'"faktor": {faktor_tekst(p.faktor)}, "sats": {p.sats}}}'
        for p in d.perioder
    )
    return f'{{"id": {_streng(d.id)}, "perioder": [{perioder}]}}'


def _output(o: BeregningOutput) -> str:
    tidligst = "null" if o.utbetales_tidligst is None else f'"{o.utbetales_tidligst.isoformat()}"'
    deltakelser = ", ".join(_deltakelse(d) for d in o.deltakelser)
    bidrag = ", ".join(
        f'{{"tilsagn_id": {_streng(b.tilsagn_id)}, "belop": {b.belop}}}' for b in o.tilsagn_bidrag
    )
    return (
        f'{{"belop": {o.belop}, "valuta": {_streng(o.valuta)}, "periode": {_periode(o.periode)}, '
        f'"utbetales_tidligst": {tidligst}, "deltakelser": [{deltakelser}], "tilsagn_bidrag": [{bidrag}]}}'
    )


def _skalar(verdi: object) -> str:
    if verdi is None or isinstance(verdi, bool):
        return json.dumps(verdi)
    if isinstance(verdi, Enum):
        return _streng(str(verdi.value))
    if isinstance(verdi, str):
        return _streng(verdi)
    if isinstance(verdi, int):
        return str(verdi)
    if isinstance(verdi, Decimal):
        return format(verdi, "f")
    if isinstance(verdi, date):
        return f'"{verdi.isoformat()}"'
    raise TypeError(f"kan ikke skrive {type(verdi).__name__} som JSON")


def _verdi(verdi: object) -> str:
    """Generic writer for the input models (after `model_dump()`), keeping Decimal text exact."""
    if isinstance(verdi, dict):
        return "{" + ", ".join(f"{_streng(str(k))}: {_verdi(v)}" for k, v in verdi.items()) + "}"
    if isinstance(verdi, (list, tuple)):
        return "[" + ", ".join(_verdi(v) for v in verdi) + "]"
    return _skalar(verdi)


JsonModell = BeregningInput | TilsagnBeregningInput | BeregningOutput | TilsagnBeregningOutput | Beregning


def til_json(modell: JsonModell) -> str:
    """Canonical one-line JSON of an input, an output, or a `Beregning` (`{"input": …, "output": …}`)."""
    if isinstance(modell, BeregningOutput):
        return _output(modell)
    if isinstance(modell, TilsagnBeregningOutput):
        faktor = "null" if modell.faktor is None else faktor_tekst(modell.faktor)
        return f'{{"belop": {modell.belop}, "faktor": {faktor}}}'
    if isinstance(modell, Beregning):
        return f'{{"input": {til_json(modell.input)}, "output": {_output(modell.output)}}}'
    return _verdi(modell.model_dump())
