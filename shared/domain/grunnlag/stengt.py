"""Registering and deleting stengt periods of a gjennomføring (domene.md §9): inclusive `fra`–`til` in, half-open
`[fra, til + 1)` stored, no overlap with another stengt period of the same gjennomføring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shared.domain.felles.feil import FeltFeil, Valideringsfeil
from shared.domain.grunnlag.gjennomforing import StengtPeriode

MANGLER_BESKRIVELSE = "Du må legge inn en beskrivelse"
MANGLER_START = "Du må legge inn start på perioden"
MANGLER_SLUTT = "Du må legge inn slutt på perioden"
START_FOR_SLUTT = "Start må være før slutt"
OVERLAPP = "Perioden kan ikke overlappe med andre perioder"
FINNES_IKKE = "Fant ikke stengt periode med id={id}"  # (vårt valg)


@dataclass(frozen=True, slots=True)
class NyStengt:
    periode_start: date | None
    periode_slutt: date | None
    """Inclusive last day."""
    beskrivelse: str | None


def ny_periode(n: NyStengt, eksisterende: tuple[StengtPeriode, ...], ny_id: str) -> StengtPeriode:
    """The validated period, or `Valideringsfeil` with every text that applies (pointers into the body)."""
    feil: list[FeltFeil] = []
    if not (n.beskrivelse or "").strip():
        feil.append(FeltFeil("/beskrivelse", MANGLER_BESKRIVELSE))
    if n.periode_start is None:
        feil.append(FeltFeil("/periodeStart", MANGLER_START))
    if n.periode_slutt is None:
        feil.append(FeltFeil("/periodeSlutt", MANGLER_SLUTT))
    if n.periode_start is not None and n.periode_slutt is not None and n.periode_start > n.periode_slutt:
        feil.append(FeltFeil("/periodeStart", START_FOR_SLUTT))
    if feil:
        raise Valideringsfeil(feil)
    assert n.periode_start is not None and n.periode_slutt is not None
    start, slutt = n.periode_start, n.periode_slutt + timedelta(days=1)
    if any(s.start < slutt and start < s.slutt for s in eksisterende):
        raise Valideringsfeil.for_felt("/periodeStart", OVERLAPP)
    return StengtPeriode(id=ny_id, start=start, slutt=slutt, beskrivelse=(n.beskrivelse or "").strip())
