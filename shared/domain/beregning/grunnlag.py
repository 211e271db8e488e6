"""What every participant-based model shares (domene.md §4.1, §4.2): who counts, the counted period P, and the
stengt periods cut to the claim period C and subtracted before any factor is computed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from shared.domain.beregning.modeller import DeltakelseInput, PeriodeInput
from shared.domain.beregning.satser import SatsTabell
from shared.domain.feil import Valideringsfeil
from shared.domain.felles import Periode
from shared.domain.kodeverk import AVSLUTTENDE_STATUSER, Deltakerstatus

_EN_DAG = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Grunnlag:
    """The claim period C and what applies to every participant in it."""

    periode: Periode
    satser: SatsTabell
    stengt: tuple[Periode, ...]
    """Half-open, cut to C, in date order."""

    @classmethod
    def lag(cls, periode: Periode, satser: SatsTabell, stengt: Sequence[PeriodeInput]) -> Grunnlag:
        kuttet = (s.periode.snitt(periode) for s in stengt)
        return cls(
            periode, satser, tuple(sorted((s for s in kuttet if s is not None), key=lambda p: p.start))
        )

    def uten_stengt(self, bit: Periode) -> list[Periode]:
        """`bit` minus every stengt period: stengt days never count."""
        if not self.stengt:
            return [bit]
        return bit.trekk_fra(s for s in self.stengt if s.overlapper(bit))


def telles(deltakelse: DeltakelseInput) -> bool:
    """DELTAR counts; AVBRUTT, FULLFORT and HAR_SLUTTET count only with a slutt_dato; nothing else counts."""
    status = deltakelse.status
    if status is Deltakerstatus.DELTAR:
        return True
    return status in AVSLUTTENDE_STATUSER and deltakelse.slutt_dato is not None


def sjekk_datoer(deltakelse: DeltakelseInput, indeks: int) -> None:
    """A counted deltakelse needs a start_dato, and its inclusive dates must not be reversed."""
    if deltakelse.start_dato is None:
        raise Valideringsfeil.for_felt(f"/deltakelser/{indeks}/start_dato", "mangler")
    if deltakelse.slutt_dato is not None and deltakelse.slutt_dato < deltakelse.start_dato:
        raise Valideringsfeil.for_felt(f"/deltakelser/{indeks}/slutt_dato", "kan ikke være før start_dato")


def telt_periode(deltakelse: DeltakelseInput, indeks: int, periode: Periode) -> Periode | None:
    """P = [start_dato, slutt_dato + 1 day) ∩ C (open end: up to C.slutt), or None when empty."""
    sjekk_datoer(deltakelse, indeks)
    start_dato = deltakelse.start_dato
    assert start_dato is not None  # checked above
    slutt = (
        periode.slutt
        if deltakelse.slutt_dato is None
        else min(deltakelse.slutt_dato + _EN_DAG, periode.slutt)
    )
    start = max(start_dato, periode.start)
    return Periode(start, slutt) if start < slutt else None
