"""Compact, deterministic JSON with exact decimals: `Decimal` is written as a JSON number from its own digits,
never through binary floating point (domene.md §4.5). Used for the stored calculation input."""

from __future__ import annotations

import json
from decimal import Decimal


def _tall(verdi: Decimal) -> str:
    if not verdi.is_finite():
        raise ValueError("ikke-endelig desimaltall")
    return format(verdi.normalize(), "f") if verdi == verdi.to_integral_value() else format(verdi, "f")


def _skriv(verdi: object, ut: list[str]) -> None:
    if isinstance(verdi, dict):
        ut.append("{")
        for i, (k, v) in enumerate(verdi.items()):
            ut.append(("," if i else "") + json.dumps(str(k), ensure_ascii=False) + ":")
            _skriv(v, ut)
        ut.append("}")
    elif isinstance(verdi, (list, tuple)):
        ut.append("[")
        for i, v in enumerate(verdi):
            ut.append("," if i else "")
            _skriv(v, ut)
        ut.append("]")
    elif isinstance(verdi, Decimal):
        ut.append(_tall(verdi))
    elif verdi is None or isinstance(verdi, (bool, int, str)):
        ut.append(json.dumps(verdi, ensure_ascii=False))
    else:
        raise TypeError(f"kan ikke skrive {type(verdi).__name__} som JSON")


def json_bytes(verdi: object) -> bytes:
    ut: list[str] = []
    _skriv(verdi, ut)
    return "".join(ut).encode("utf-8")
