"""Periods, weekdays and money shared by the whole domain (domene.md §0 and §4.5).

- A `Periode` is half-open `[start, slutt)`: `slutt` is the first day after it, and `start < slutt` always.
- Weekdays are Mon–Fri, with no holiday calendar; they are counted arithmetically, never day by day.
- Money is whole kroner (`int`); arithmetic is `Decimal` in `KONTEKST` (prec 60, ROUND_HALF_UP), every
division is
  quantized to 20 decimals HALF_UP (`del_`), and only the named rounding steps round (`avrund5`,
  `avrund_til_kroner`). Python's default is banker's rounding, which is why every step names its rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

KONTEKST = Context(prec=60, rounding=ROUND_HALF_UP)
"""The engine's Decimal context (domene.md §4.5)."""

INT32_MAKS = 2**31 - 1
"""Every amount must fit in a signed 32-bit integer (domene.md §0)."""
INT32_MIN = -(2**31)

_TJUE_DESIMALER = Decimal("1E-20")
_FEM_DESIMALER = Decimal("1E-5")
_HEL = Decimal(1)
_EN_DAG = timedelta(days=1)


def del_(teller: Decimal | int, nevner: Decimal | int) -> Decimal:
    """`teller ÷ nevner`, quantized to 20 decimals HALF_UP, as every division in the engine is."""
    kvotient = KONTEKST.divide(Decimal(teller), Decimal(nevner))
    return kvotient.quantize(_TJUE_DESIMALER, rounding=ROUND_HALF_UP, context=KONTEKST)


def avrund5(verdi: Decimal) -> Decimal:
    """A factor rounded once to 5 decimals HALF_UP (the output `faktor`)."""
    return verdi.quantize(_FEM_DESIMALER, rounding=ROUND_HALF_UP, context=KONTEKST)


def avrund_til_kroner(belop: Decimal) -> int:
    """Whole kroner, HALF_UP (0.5 → 1, 2.5 → 3, −0.5 → −1)."""
    return int(belop.quantize(_HEL, rounding=ROUND_HALF_UP, context=KONTEKST))


def rund_ned(verdi: Decimal) -> int:
    """Floor to whole kroner (the TAO distribution floors before handing out the remainder)."""
    return int(verdi.to_integral_value(rounding=ROUND_FLOOR, context=KONTEKST))


def passer_i_int32(belop: int) -> bool:
    return INT32_MIN <= belop <= INT32_MAKS


# Weekdays among `rest` consecutive days starting on weekday `ukedag` (0 = Monday), for rest in 0..6.
_UKEDAGER_I_REST: tuple[tuple[int, ...], ...] = tuple(
    tuple(sum(1 for i in range(rest) if (ukedag + i) % 7 < 5) for rest in range(7)) for ukedag in range(7)
)


def antall_ukedager(start: date, slutt: date) -> int:
    """Number of Mon–Fri dates in `[start, slutt)` (0 if the range is empty)."""
    dager = (slutt - start).days
    if dager <= 0:
        return 0
    uker, rest = divmod(dager, 7)
    return uker * 5 + _UKEDAGER_I_REST[start.weekday()][rest]


def forste_i_neste_maned(dag: date) -> date:
    return date(dag.year + 1, 1, 1) if dag.month == 12 else date(dag.year, dag.month + 1, 1)


@lru_cache(maxsize=1024)
def dager_i_maned(ar: int, maned: int) -> int:
    forste = date(ar, maned, 1)
    return (forste_i_neste_maned(forste) - forste).days


@lru_cache(maxsize=1024)
def ukedager_i_maned(ar: int, maned: int) -> int:
    forste = date(ar, maned, 1)
    return antall_ukedager(forste, forste_i_neste_maned(forste))


def mandag_i_uken(dag: date) -> date:
    """The Monday of `dag`'s ISO week; it identifies the week (domene.md §14.8)."""
    return dag - timedelta(days=dag.weekday())


@dataclass(frozen=True, slots=True, order=True)
class Periode:
    """Half-open `[start, slutt)`; `slutt` is the first day after the period."""

    start: date
    slutt: date

    def __post_init__(self) -> None:
        if not self.start < self.slutt:
            raise ValueError(f"Periode krever start < slutt, fikk {self.start}–{self.slutt}")

    @classmethod
    def fra_inkluderende(cls, fra: date, til: date) -> Periode:
        """From inclusive dates (`til` is the last day): `slutt = til + 1 day`."""
        return cls(fra, til + _EN_DAG)

    @property
    def siste_dag(self) -> date:
        """The last inclusive day, `slutt − 1 day`."""
        return self.slutt - _EN_DAG

    @property
    def antall_dager(self) -> int:
        return (self.slutt - self.start).days

    @property
    def antall_ukedager(self) -> int:
        return antall_ukedager(self.start, self.slutt)

    def inneholder(self, dag: date) -> bool:
        return self.start <= dag < self.slutt

    def overlapper(self, annen: Periode) -> bool:
        return self.start < annen.slutt and annen.start < self.slutt

    def snitt(self, annen: Periode) -> Periode | None:
        """`[max(starts), min(slutts))`, or None when the periods do not overlap."""
        start = max(self.start, annen.start)
        slutt = min(self.slutt, annen.slutt)
        return Periode(start, slutt) if start < slutt else None

    def trekk_fra(self, andre: Iterable[Periode]) -> list[Periode]:
        """The maximal pieces of this period left after removing `andre`, in date order."""
        biter = [self]
        for annen in sorted(andre, key=lambda p: p.start):
            if not biter or annen.slutt <= biter[-1].start:
                continue
            siste = biter.pop()
            if annen.start >= siste.slutt:
                biter.append(siste)
                continue
            if siste.start < annen.start:
                biter.append(Periode(siste.start, annen.start))
            if annen.slutt < siste.slutt:
                biter.append(Periode(annen.slutt, siste.slutt))
        return biter

    def del_per_maned(self) -> list[Periode]:
        """Cut at every 1st of a month."""
        return self._del_ved(forste_i_neste_maned)

    def del_per_uke(self) -> list[Periode]:
        """Cut at every Monday (ISO weeks, Mon–Sun)."""
        return self._del_ved(lambda d: d + timedelta(days=7 - d.weekday()))

    def _del_ved(self, neste_grense: Callable[[date], date]) -> list[Periode]:
        biter: list[Periode] = []
        start = self.start
        while start < self.slutt:
            slutt = min(neste_grense(start), self.slutt)
            biter.append(Periode(start, slutt))
            start = slutt
        return biter
