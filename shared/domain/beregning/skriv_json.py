"""Writing the engine's JSON (`beregning-kontrakt.md`): one line, the contract's key order, exact numbers.

Factors are JSON numbers with at most 5 decimals and at least one (`0.3`, `1.0`), written from the exact
decimal, never through a float. A deltakelsesprosent keeps its decimal text, so
`les_beregning_input(til_json(input)) == input` and a stored input recomputes its amount. The writers are
hand-made for speed: generation writes the input and output of every claim of a national month.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from shared.domain.beregning.modeller import (
    BeregningInput,
    DeltakelseInput,
    PeriodeInput,
    TilsagnBeregningInput,
    TilsagnInput,
)
from shared.domain.beregning.resultat import (
    BeregnetDeltakelse,
    Beregning,
    BeregningOutput,
    TilsagnBeregningOutput,
)
from shared.domain.felles.periode import Periode


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


def _dato(dag: date | None) -> str:
    return "null" if dag is None else f'"{dag.isoformat()}"'


def _periode(periode: Periode | PeriodeInput) -> str:
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
    bidrag = ", ".join(f'{{"tilsagn_id": {_streng(b.tilsagn_id)}, "belop": {b.belop}}}' for b in o.tilsagn_bidrag)
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


def _deltakelse_input(d: DeltakelseInput) -> str:
    mengder = ", ".join(
        f'{{"gyldig_fra": "{m.gyldig_fra.isoformat()}", "deltakelsesprosent": {format(m.deltakelsesprosent, "f")}}}'
        for m in d.deltakelsesmengder
    )
    return (
        f'{{"id": {_streng(d.id)}, "status": "{d.status.value}", "start_dato": {_dato(d.start_dato)}, '
        f'"slutt_dato": {_dato(d.slutt_dato)}, "deltakelsesmengder": [{mengder}]}}'
    )


def _tilsagn_input(t: TilsagnInput) -> str:
    return (
        f'{{"id": {_streng(t.id)}, "periode": {_periode(t.periode)}, "belop": {t.belop}, '
        f'"belop_brukt": {t.belop_brukt}, "status": "{t.status.value}", "valuta": {_streng(t.valuta)}}}'
    )


def _input(i: BeregningInput) -> str:
    satser = ", ".join(f'{{"gjelder_fra": "{s.gjelder_fra.isoformat()}", "sats": {s.sats}}}' for s in i.satser)
    stengt = ", ".join(_periode(s) for s in i.stengt)
    deltakelser = ", ".join(_deltakelse_input(d) for d in i.deltakelser)
    tilsagn = ", ".join(_tilsagn_input(t) for t in i.tilsagn)
    return (
        f'{{"prismodell": "{i.prismodell.value}", "tiltakskode": "{i.tiltakskode.value}", '
        f'"periode": {_periode(i.periode)}, "valuta": {_streng(i.valuta)}, "satser": [{satser}], '
        f'"stengt": [{stengt}], "deltakelser": [{deltakelser}], "tilsagn": [{tilsagn}]}}'
    )


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
    if isinstance(modell, BeregningInput):
        return _input(modell)
    return _verdi(modell.model_dump())
