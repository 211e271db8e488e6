"""Månedsverk and ukesverk of a piece (domene.md §4.3, §4.6), with the version switch on 2025-08-01.

All results are cached by `(start, slutt)`: in a national month almost every piece is a whole calendar
month, so
the Decimal work is done once per distinct piece, not once per participant.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from shared.domain.felles.periode import (
    KONTEKST,
    antall_ukedager,
    avrund5,
    dager_i_maned,
    del_,
    forste_i_neste_maned,
    ukedager_i_maned,
)

VERSJON_2_FRA = date(2025, 8, 1)
"""Månedsverk version switch. Before: calendar days of the piece in the month ÷ days in the month (V1).
On or after:
weekdays of the piece in the month ÷ weekdays in the whole month (V2). The version is chosen once per
piece by its
**last inclusive day**, so a piece spanning the switch uses V2 for all its months."""

_NULL = Decimal(0)
_TO = Decimal(2)
_FEM = Decimal(5)


def bruker_versjon_2(slutt: date) -> bool:
    """V2 iff the last inclusive day (`slutt − 1`) is on or after 2025-08-01."""
    return slutt > VERSJON_2_FRA


def manedsdel(start: date, slutt: date, versjon_2: bool) -> Decimal:
    """The part of one month that `[start, slutt)` (inside that month) makes up, 20 decimals."""
    if versjon_2:
        return del_(antall_ukedager(start, slutt), ukedager_i_maned(start.year, start.month))
    return del_((slutt - start).days, dager_i_maned(start.year, start.month))


@lru_cache(maxsize=1 << 16)
def manedsverk(start: date, slutt: date) -> Decimal:
    """Unrounded månedsverk of `[start, slutt)`: the sum of its month parts, one version for the whole
    piece."""
    versjon_2 = bruker_versjon_2(slutt)
    total = _NULL
    dag = start
    while dag < slutt:
        neste = min(forste_i_neste_maned(dag), slutt)
        total = KONTEKST.add(total, manedsdel(dag, neste, versjon_2))
        dag = neste
    return total


@lru_cache(maxsize=1 << 16)
def faktor_maned(start: date, slutt: date, halv: bool) -> Decimal:
    """round5(månedsverk), or round5(månedsverk ÷ 2) for a half place (the deltakelsesprosent rule)."""
    verdi = manedsverk(start, slutt)
    return avrund5(del_(verdi, _TO) if halv else verdi)


@lru_cache(maxsize=1 << 16)
def faktor_uke(start: date, slutt: date) -> Decimal:
    """round5(weekdays ÷ 5): a weekday is 0.2 of a week, weekends count 0."""
    return avrund5(del_(antall_ukedager(start, slutt), _FEM))
