"""Date arithmetic of the tiltaksavtale (avtale.md §0): month steps clamped to the month's end, ages from the
person port's fødselsdato, "today" in Europe/Oslo, and the MOD11 check of a fødselsnummer or d-nummer."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

OSLO: Final = ZoneInfo("Europe/Oslo")

_VEKTER_1: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_VEKTER_2: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def idag(na: datetime) -> date:
    """The date in Europe/Oslo of an aware instant."""
    return na.astimezone(OSLO).date()


def pluss_maneder(dag: date, maneder: int) -> date:
    """`dag` + N months, clamped to the month's end (2025-01-31 + 1 = 2025-02-28), as `relativedelta`."""
    indeks = dag.year * 12 + dag.month - 1 + maneder
    ar, maned = divmod(indeks, 12)
    return date(ar, maned + 1, min(dag.day, monthrange(ar, maned + 1)[1]))


def pluss_ar(dag: date, ar: int) -> date:
    return pluss_maneder(dag, 12 * ar)


def siste_dag_i_maned(dag: date) -> date:
    return date(dag.year, dag.month, monthrange(dag.year, dag.month)[1])


def forste_dag_i_maned(dag: date) -> date:
    return dag.replace(day=1)


def har_fylt(fodselsdato: date, ar: int, dag: date) -> bool:
    """ "Turns N on or before d" ⇔ fødselsdato + N years ≤ d."""
    return pluss_ar(fodselsdato, ar) <= dag


def dager(n: int) -> timedelta:
    return timedelta(days=n)


def _kontrollsiffer(sifre: list[int], vekter: tuple[int, ...]) -> int | None:
    rest = 11 - sum(s * v for s, v in zip(sifre, vekter, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def gyldig_fodselsnummer(fnr: str) -> bool:
    """11 digits with both MOD11 control digits right; a d-nummer (first digit 4–7) passes the same check."""
    if len(fnr) != 11 or not fnr.isdigit():
        return False
    sifre = [int(c) for c in fnr]
    return _kontrollsiffer(sifre[:9], _VEKTER_1) == sifre[9] and _kontrollsiffer(sifre[:10], _VEKTER_2) == sifre[10]
