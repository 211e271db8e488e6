"""The diff between two calculations of one claim, per participant, in kroner that sum exactly (issue 18 part 2).

Each participant's output pieces (period, faktor, sats; prosent from the input) are compared: equal pieces drop
out, an old piece and the first new one overlapping it are ENDRET (period, faktor, sats or prosent), the rest
LAGT_TIL or FJERNET. The exact effect of a piece is Δ(faktor × sats). The claim amount is rounded once (§4.5),
so a piece's krone effect is the change of the rounded running sum: starting from the old exact sum, each effect
in turn moves it, and the krone effect is HALF_UP(after) − HALF_UP(before). The krone effects telescope to new
amount − old amount exactly, and each is within one krone of its exact effect. TAO claims differ per tilsagn
bidrag, whole kroner already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from enum import StrEnum

from shared.domain.beregning import Beregning, DeltakelseInput
from shared.domain.felles.periode import KONTEKST, avrund_til_kroner


class Endringstype(StrEnum):
    LAGT_TIL = "LAGT_TIL"
    FJERNET = "FJERNET"
    ENDRET = "ENDRET"


@dataclass(frozen=True, slots=True)
class Stykke:
    start: date
    slutt: date
    faktor: Decimal
    sats: int
    prosent: Decimal | None
    """The deltakelsesprosent in force at the piece's start (AFT/VTA), else None."""


@dataclass(frozen=True, slots=True)
class Stykkeendring:
    type: Endringstype
    for_: Stykke | None
    etter: Stykke | None
    effekt: Decimal
    """Exact Δ(faktor × sats)."""
    kroner: int


@dataclass(frozen=True, slots=True)
class Deltakerendring:
    deltakelse_id: str
    type: Endringstype
    stykker: tuple[Stykkeendring, ...]

    @property
    def kroner(self) -> int:
        return sum(s.kroner for s in self.stykker)


@dataclass(frozen=True, slots=True)
class Tilsagnendring:
    tilsagn_id: str
    belop_for: int
    belop_etter: int

    @property
    def kroner(self) -> int:
        return self.belop_etter - self.belop_for


@dataclass(frozen=True, slots=True)
class Beregningsdiff:
    belop_for: int
    belop_etter: int
    deltakere: tuple[Deltakerendring, ...]
    tilsagn: tuple[Tilsagnendring, ...]

    @property
    def endring(self) -> int:
        return self.belop_etter - self.belop_for


def _prosent(d: DeltakelseInput | None, dag: date) -> Decimal | None:
    gjeldende = [m for m in (d.deltakelsesmengder if d else ()) if m.gyldig_fra <= dag]
    return max(gjeldende, key=lambda m: m.gyldig_fra).deltakelsesprosent if gjeldende else None


def _stykker(b: Beregning) -> dict[str, list[Stykke]]:
    inn = {d.id: d for d in b.input.deltakelser}
    return {
        d.id: [Stykke(p.start, p.slutt, p.faktor, p.sats, _prosent(inn.get(d.id), p.start)) for p in d.perioder]
        for d in b.output.deltakelser
    }


def _verdi(s: Stykke | None) -> Decimal:
    return s.faktor * s.sats if s is not None else Decimal(0)


def _par(for_: Sequence[Stykke], etter: Sequence[Stykke]) -> list[tuple[Stykke | None, Stykke | None]]:
    """Pieces that differ, an old one paired with the first new one overlapping it (ENDRET); in date order."""
    borte = [s for s in for_ if s not in etter]
    nye = [s for s in etter if s not in for_]
    par: list[tuple[Stykke | None, Stykke | None]] = []
    for s in borte:
        lik = next((n for n in nye if n.start < s.slutt and s.start < n.slutt), None)
        if lik is not None:
            nye.remove(lik)
        par.append((s, lik))
    par += [(None, n) for n in nye]
    return sorted(par, key=lambda p: ((p[0] or p[1]).start, p[0] is None))  # type: ignore[union-attr]


def _type(for_: object | None, etter: object | None) -> Endringstype:
    if for_ is None:
        return Endringstype.LAGT_TIL
    return Endringstype.FJERNET if etter is None else Endringstype.ENDRET


def _sum(stykker: dict[str, list[Stykke]]) -> Decimal:
    return sum((_verdi(s) for liste in stykker.values() for s in liste), Decimal(0))


def diff(for_: Beregning, etter: Beregning) -> Beregningsdiff:
    """The change from `for_` to `etter`; Σ krone effects (participants + tilsagn) = the change of the amount."""
    with localcontext(KONTEKST):
        gamle, nye = _stykker(for_), _stykker(etter)
        lopende = _sum(gamle)
        avrundet = avrund_til_kroner(lopende)
        deltakere = []
        for did in [*nye, *(i for i in gamle if i not in nye)]:
            endringer = []
            for a, b in _par(gamle.get(did, []), nye.get(did, [])):
                effekt = _verdi(b) - _verdi(a)
                lopende += effekt
                ny_avrundet = avrund_til_kroner(lopende)
                endringer.append(Stykkeendring(_type(a, b), a, b, effekt, ny_avrundet - avrundet))
                avrundet = ny_avrundet
            if endringer:
                deltakere.append(Deltakerendring(did, _type(gamle.get(did), nye.get(did)), tuple(endringer)))
    return Beregningsdiff(for_.belop, etter.belop, tuple(deltakere), _tilsagn(for_, etter))


def _tilsagn(for_: Beregning, etter: Beregning) -> tuple[Tilsagnendring, ...]:
    gamle = {b.tilsagn_id: b.belop for b in for_.output.tilsagn_bidrag}
    nye = {b.tilsagn_id: b.belop for b in etter.output.tilsagn_bidrag}
    ider = [*nye, *(i for i in gamle if i not in nye)]
    return tuple(Tilsagnendring(i, gamle.get(i, 0), nye.get(i, 0)) for i in ider if gamle.get(i, 0) != nye.get(i, 0))
