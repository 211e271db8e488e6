"""Sats periods (domene.md §4.2): sats *i* applies on `[gjelder_fra_i, gjelder_fra_{i+1})`, the last
has no end,
and days before the first `gjelder_fra` are not paid. A duplicate `gjelder_fra` is an input error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from shared.domain.beregning.modeller import SatsInput
from shared.domain.felles.feil import Valideringsfeil

_SLUTT_PA_TIDEN = date.max


@dataclass(frozen=True, slots=True)
class SatsPeriode:
    fra: date
    til: date
    """Exclusive; `date.max` for the last sats (no end)."""
    sats: int


@dataclass(frozen=True, slots=True)
class SatsTabell:
    perioder: tuple[SatsPeriode, ...]

    @classmethod
    def fra_input(cls, satser: Sequence[SatsInput]) -> SatsTabell:
        sett: dict[date, int] = {}
        for i, s in enumerate(satser):
            if s.gjelder_fra in sett:
                raise Valideringsfeil.for_felt(f"/satser/{i}/gjelder_fra", "to satser har samme gjelder_fra")
            sett[s.gjelder_fra] = i
        sortert = sorted(satser, key=lambda s: s.gjelder_fra)
        grenser = [s.gjelder_fra for s in sortert[1:]] + [_SLUTT_PA_TIDEN] * bool(sortert)
        return cls(tuple(SatsPeriode(s.gjelder_fra, til, s.sats) for s, til in zip(sortert, grenser, strict=True)))

    def del_opp(self, start: date, slutt: date) -> list[tuple[date, date, int]]:
        """`[start, slutt)` cut at every sats boundary, each piece with the sats in force; unpaid days left out."""
        resultat: list[tuple[date, date, int]] = []
        for p in self.perioder:
            if p.fra <= start and slutt <= p.til:
                return [(start, slutt, p.sats)]
            s, e = max(p.fra, start), min(p.til, slutt)
            if s < e:
                resultat.append((s, e, p.sats))
        return resultat

    def tidligste_overlappende(self, start: date, slutt: date) -> int | None:
        """The sats of the earliest sats period overlapping `[start, slutt)` (the hele-uke rule), or None."""
        for p in self.perioder:
            if p.fra < slutt and start < p.til:
                return p.sats
        return None
