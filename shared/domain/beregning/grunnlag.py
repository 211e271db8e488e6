"""What every participant-based model shares (domene.md §4.1, §4.2): who counts, the counted period P, and the
stengt periods cut to the claim period C and subtracted before any factor is computed.

The hot path works on `(start, slutt)` date pairs (half-open, like `Periode`) rather than `Periode` objects: a
national month has ~70 000 participants, and an object per intermediate piece is most of the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from shared.domain.beregning.modeller import DeltakelseInput, PeriodeInput
from shared.domain.beregning.resultat import BeregnetDeltakelse, BeregnetPeriode
from shared.domain.beregning.satser import SatsTabell
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Deltakerstatus
from shared.domain.felles.periode import Periode

_EN_DAG = timedelta(days=1)
_DELTAR = Deltakerstatus.DELTAR
_AVSLUTTET = (Deltakerstatus.AVBRUTT, Deltakerstatus.FULLFORT, Deltakerstatus.HAR_SLUTTET)

Spenn = tuple[date, date]
"""A half-open `[start, slutt)` with start < slutt."""
K = TypeVar("K", bound=Hashable)


def trekk_fra(start: date, slutt: date, andre: Sequence[Spenn]) -> list[Spenn]:
    """`[start, slutt)` minus `andre` (sorted by start): the remaining maximal pieces in date order."""
    biter: list[Spenn] = []
    for a_start, a_slutt in andre:
        if a_slutt <= start:
            continue
        if a_start >= slutt:
            break
        if start < a_start:
            biter.append((start, a_start))
        start = max(start, a_slutt)
        if start >= slutt:
            return biter
    biter.append((start, slutt))
    return biter


@dataclass(frozen=True, slots=True)
class Grunnlag:
    """The claim period C and what applies to every participant in it."""

    periode: Periode
    satser: SatsTabell
    stengt: tuple[Spenn, ...]
    """Half-open, cut to C, sorted by start."""

    @classmethod
    def lag(cls, periode: Periode, satser: SatsTabell, stengt: Sequence[PeriodeInput]) -> Grunnlag:
        kuttet = (s.periode.snitt(periode) for s in stengt)
        spenn = sorted((s.start, s.slutt) for s in kuttet if s is not None)
        return cls(periode, satser, tuple(spenn))

    def uten_stengt(self, start: date, slutt: date) -> list[Spenn]:
        """`[start, slutt)` minus every stengt period: stengt days never count."""
        if not self.stengt:
            return [(start, slutt)]
        return trekk_fra(start, slutt, self.stengt)


def telles(deltakelse: DeltakelseInput) -> bool:
    """DELTAR counts; AVBRUTT, FULLFORT and HAR_SLUTTET count only with a slutt_dato; nothing else counts."""
    status = deltakelse.status
    if status is _DELTAR:
        return True
    return deltakelse.slutt_dato is not None and (
        status is _AVSLUTTET[0] or status is _AVSLUTTET[1] or status is _AVSLUTTET[2]
    )


def sjekk_datoer(deltakelse: DeltakelseInput, indeks: int) -> date:
    """A counted deltakelse needs a start_dato, and its inclusive dates must not be reversed."""
    start_dato = deltakelse.start_dato
    if start_dato is None:
        raise Valideringsfeil.for_felt(f"/deltakelser/{indeks}/start_dato", "mangler")
    if deltakelse.slutt_dato is not None and deltakelse.slutt_dato < start_dato:
        raise Valideringsfeil.for_felt(f"/deltakelser/{indeks}/slutt_dato", "kan ikke være før start_dato")
    return start_dato


def telt_periode(deltakelse: DeltakelseInput, indeks: int, periode: Periode) -> Spenn | None:
    """P = [start_dato, slutt_dato + 1 day) ∩ C (open end: up to C.slutt), or None when empty."""
    start = max(sjekk_datoer(deltakelse, indeks), periode.start)
    slutt_dato = deltakelse.slutt_dato
    slutt = periode.slutt if slutt_dato is None or slutt_dato >= periode.slutt else slutt_dato + _EN_DAG
    return (start, slutt) if start < slutt else None


def beregn_tellende(
    deltakelser: tuple[DeltakelseInput, ...],
    periode: Periode,
    nokkel: Callable[[DeltakelseInput, int, Spenn], K],
    stykker: Callable[[K], tuple[BeregnetPeriode, ...]],
) -> list[BeregnetDeltakelse]:
    """Every counted participant with a non-empty P and at least one piece, in input order.

    `nokkel` gives what a participant's pieces depend on (P itself, or P with its prosent spans); participants
    with the same key get the same pieces, which are worked out once per claim.
    """
    resultat: list[BeregnetDeltakelse] = []
    kjente: dict[K, tuple[BeregnetPeriode, ...]] = {}
    for indeks, deltakelse in enumerate(deltakelser):
        if not telles(deltakelse):
            continue
        telt = telt_periode(deltakelse, indeks, periode)
        if telt is None:
            continue
        k = nokkel(deltakelse, indeks, telt)
        perioder = kjente.get(k)
        if perioder is None:
            perioder = kjente[k] = stykker(k)
        if perioder:
            resultat.append(BeregnetDeltakelse(deltakelse.id, perioder))
    return resultat


def bare_telt_periode(_deltakelse: DeltakelseInput, _indeks: int, telt: Spenn) -> Spenn:
    """The key of models whose pieces depend on P alone."""
    return telt
