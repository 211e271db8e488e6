"""`AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE` (domene.md §4.6): one day of attendance pays the whole
ISO week.

The claim period is snapped to whole weeks (Mon–Wed back to Monday, Thu–Sun forward to the next Monday; an
exclusive end on a Monday stays), so each week belongs to exactly one month's claim. Weeks are grouped
by their
Monday, not by week number (avvik, §14.8), so a stengt gap never pays a week twice, also around New Year.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from shared.domain.beregning.grunnlag import Grunnlag, Spenn, bare_telt_periode, beregn_tellende
from shared.domain.beregning.modeller import DeltakelseInput
from shared.domain.beregning.resultat import BeregnetDeltakelse, BeregnetPeriode
from shared.domain.felles.periode import KONTEKST, Periode, antall_ukedager, mandag_i_uken

_EN = Decimal("1.00000")
_NULL = Decimal("0.00000")


def snapp_start(dag: date) -> date:
    ukedag = dag.weekday()
    return dag - timedelta(days=ukedag) if ukedag <= 2 else dag + timedelta(days=7 - ukedag)


def snapp_slutt(dag: date) -> date:
    """The exclusive end: Monday stays, Tue–Wed back to Monday, Thu–Sun forward to the next Monday."""
    return snapp_start(dag)


def snapp_til_hele_uker(periode: Periode) -> Periode | None:
    """The period snapped to whole weeks, or None if no whole week is left (a period of a few days)."""
    start, slutt = snapp_start(periode.start), snapp_slutt(periode.slutt)
    return Periode(start, slutt) if start < slutt else None


def _del_per_uke(start: date, slutt: date) -> list[Spenn]:
    biter: list[Spenn] = []
    while start < slutt:
        neste = min(start + timedelta(days=7 - start.weekday()), slutt)
        biter.append((start, neste))
        start = neste
    return biter


def _ukestykker(grunnlag: Grunnlag, telt: Spenn) -> list[tuple[date, date, Decimal]]:
    """(P − stengt) split by week, weekday-less pieces dropped; the first piece of each week gets 1,
    the rest 0."""
    sett: set[date] = set()
    stykker: list[tuple[date, date, Decimal]] = []
    for bit_start, bit_slutt in grunnlag.uten_stengt(*telt):
        for start, slutt in _del_per_uke(bit_start, bit_slutt):
            if antall_ukedager(start, slutt) == 0:
                continue
            mandag = mandag_i_uken(start)
            stykker.append((start, slutt, _NULL if mandag in sett else _EN))
            sett.add(mandag)
    return stykker


def _slaa_sammen(stykker: list[BeregnetPeriode]) -> list[BeregnetPeriode]:
    """Merge each maximal run of touching pieces with the same sats into one, summing the faktor."""
    sammen: list[BeregnetPeriode] = []
    for stykke in stykker:
        forrige = sammen[-1] if sammen else None
        if forrige is not None and forrige.slutt == stykke.start and forrige.sats == stykke.sats:
            faktor = KONTEKST.add(forrige.faktor, stykke.faktor)
            sammen[-1] = BeregnetPeriode(forrige.start, stykke.slutt, faktor, stykke.sats)
        else:
            sammen.append(stykke)
    return sammen


def _stykker(telt: Spenn, grunnlag: Grunnlag) -> tuple[BeregnetPeriode, ...]:
    med_sats: list[BeregnetPeriode] = []
    for start, slutt, faktor in _ukestykker(grunnlag, telt):
        sats = grunnlag.satser.tidligste_overlappende(start, slutt)
        if sats is not None:
            med_sats.append(BeregnetPeriode(start, slutt, faktor, sats))
    return tuple(_slaa_sammen(med_sats))


def beregn_hele_uker(deltakelser: tuple[DeltakelseInput, ...], grunnlag: Grunnlag) -> list[BeregnetDeltakelse]:
    """`grunnlag.periode` is the snapped period. Zero-faktor pieces are kept to show attendance in weeks
    already paid. A piece overlapping no sats period is dropped after the week's faktor is decided, so a week
    whose first piece is unpaid is not paid by a later piece either (days before the first sats are not paid)."""
    return beregn_tellende(deltakelser, grunnlag.periode, bare_telt_periode, lambda telt: _stykker(telt, grunnlag))
