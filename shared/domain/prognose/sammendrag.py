"""The forecast rolled up per tiltakstype, kostnadssted and year, and against Nav's budget figure (issue 18 part 3).

`forventet` = Σ expected use of the tilsagn (overspend included) + spend no tilsagn covers; `tilsagn_sum` = Σ what the
approved tilsagn commit (`TilsagnPrognose.forpliktet`). The year's budget is one figure Nav enters (Nav API); the
year is flagged OVERFORBRUK when the expected spend exceeds it. Roll-up sums are whole kroner as Python `int`: a
year's total passes 2³¹ at national size, so the 32-bit limit of a single amount (§0) does not apply to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from shared.domain.prognose.tilsagn import Flagg, GjennomforingPrognose, Maned, TilsagnPrognose, maneder_i


@dataclass(frozen=True, slots=True)
class Rad:
    """One (tiltakskode, kostnadssted) of the year."""

    tiltakskode: str
    kostnadssted: str
    antall_tilsagn: int
    tilsagn_sum: int
    brukt: int
    forventet: int
    gar_tom: int
    lite_brukt: int

    @property
    def avvik(self) -> int:
        """Expected spend minus commitment: positive means more tilsagn is needed."""
        return self.forventet - self.tilsagn_sum


@dataclass(frozen=True, slots=True)
class Prognose:
    ar: int
    idag: date
    rader: tuple[Rad, ...]
    tilsagn: tuple[TilsagnPrognose, ...]
    maneder: tuple[Maned, ...]
    budsjett: int | None

    @property
    def tilsagn_sum(self) -> int:
        return sum(r.tilsagn_sum for r in self.rader)

    @property
    def brukt(self) -> int:
        return sum(r.brukt for r in self.rader)

    @property
    def forventet(self) -> int:
        return sum(r.forventet for r in self.rader)

    @property
    def overforbruk(self) -> bool:
        """The expected spend exceeds the year's budget."""
        return self.budsjett is not None and self.forventet > self.budsjett


def prosent(del_: int, av: int) -> Decimal | None:
    """del_ / av in per cent with one decimal, HALF_UP (None when av is 0)."""
    if av == 0:
        return None
    return (Decimal(del_ * 100) / Decimal(av)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rull_opp(ar: int, idag: date, per: Sequence[GjennomforingPrognose], budsjett: int | None) -> Prognose:
    """The year's table, sorted by tiltakskode and kostnadssted, with every tilsagn and the months summed."""
    rader: dict[tuple[str, str], list[int]] = {}
    for g in per:
        for t in g.tilsagn:
            r = rader.setdefault((g.tiltakskode, t.kostnadssted), [0] * 6)
            r[0] += 1
            r[1] += t.forpliktet
            r[2] += t.brukt
            r[3] += t.forventet
            r[4] += Flagg.GAR_TOM in t.flagg
            r[5] += Flagg.LITE_BRUKT in t.flagg
        if g.uten_tilsagn:
            rader.setdefault((g.tiltakskode, g.kostnadssted), [0] * 6)[3] += g.uten_tilsagn
    maneder = [
        Maned(m, sum(g.maneder[i].faktisk for g in per), sum(g.maneder[i].prognose for g in per))
        for i, m in enumerate(maneder_i(ar))
    ]
    return Prognose(
        ar=ar,
        idag=idag,
        rader=tuple(Rad(k[0], k[1], *v) for k, v in sorted(rader.items())),
        tilsagn=tuple(
            sorted((t for g in per for t in g.tilsagn), key=lambda t: (t.tiltakskode, t.kostnadssted, t.tilsagn_id))
        ),  # fmt: skip
        maneder=tuple(maneder),
        budsjett=budsjett,
    )
