"""`FAST_SATS_PER_BENYTTET_PLASS_PER_MANED` (AFT, VTA): månedsverk with the deltakelsesprosent rule (domene.md
§4.4, §4.6). Per counted participant: the prosent spans inside P, minus stengt, cut at sats boundaries, and
faktor = round5(prosent-rule(månedsverk(piece)))."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.domain.beregning.grunnlag import Grunnlag, Spenn, beregn_tellende
from shared.domain.beregning.manedsverk import faktor_maned
from shared.domain.beregning.modeller import DeltakelseInput
from shared.domain.beregning.resultat import BeregnetDeltakelse, BeregnetPeriode
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import Tiltakskode

AFT_REGEL_2026_FRA = date(2026, 1, 1)
"""AFT pieces whose **first day** is on or after this date are a half place at prosent ≤ 50 (before: <
50). VTA (and
any other code) keeps < 50 always. Note the other switch (månedsverk V2) looks at a piece's *last* day."""

_FEMTI = Decimal(50)
Spenn3 = tuple[tuple[date, date, Decimal], ...]
"""Prosent spans: `(start, slutt, deltakelsesprosent)` in date order."""
_AFT = Tiltakskode.ARBEIDSFORBEREDENDE_TRENING


def halv_plass(tiltakskode: Tiltakskode, forste_dag: date, prosent: Decimal) -> bool:
    if tiltakskode is _AFT and forste_dag >= AFT_REGEL_2026_FRA:
        return prosent <= _FEMTI
    return prosent < _FEMTI


def prosent_spenn(deltakelse: DeltakelseInput, indeks: int, telt: Spenn) -> Spenn3:
    """Entry *i* applies on `[gyldig_fra_i, gyldig_fra_{i+1})` ∩ P; each entry is its own span, never merged.

    Two entries with the same `gyldig_fra` and different prosent would make the result depend on input
    order, so that is an input error; identical duplicates are harmless and accepted."""
    mengder = deltakelse.deltakelsesmengder
    if len(mengder) > 1:
        _sjekk_duplikater(deltakelse, indeks)
        mengder = tuple(sorted(mengder, key=lambda m: m.gyldig_fra))
    p_start, p_slutt = telt
    if len(mengder) == 1 and mengder[0].gyldig_fra <= p_start:
        return ((p_start, p_slutt, mengder[0].deltakelsesprosent),)
    spenn: list[tuple[date, date, Decimal]] = []
    for k, mengde in enumerate(mengder):
        til = mengder[k + 1].gyldig_fra if k + 1 < len(mengder) else p_slutt
        start, slutt = max(mengde.gyldig_fra, p_start), min(til, p_slutt)
        if start < slutt:
            spenn.append((start, slutt, mengde.deltakelsesprosent))
    if not spenn:
        raise Valideringsfeil.for_felt(
            f"/deltakelser/{indeks}/deltakelsesmengder",
            "ingen deltakelsesmengde gjelder i den tellende perioden",
        )
    return tuple(spenn)


def _sjekk_duplikater(deltakelse: DeltakelseInput, indeks: int) -> None:
    sett: dict[date, Decimal] = {}
    for j, m in enumerate(deltakelse.deltakelsesmengder):
        tidligere = sett.setdefault(m.gyldig_fra, m.deltakelsesprosent)
        if tidligere != m.deltakelsesprosent:
            raise Valideringsfeil.for_felt(
                f"/deltakelser/{indeks}/deltakelsesmengder/{j}/gyldig_fra",
                "to deltakelsesmengder har samme gyldig_fra med ulik prosent",
            )


def _stykker(tiltakskode: Tiltakskode, spenn: Spenn3, grunnlag: Grunnlag) -> tuple[BeregnetPeriode, ...]:
    perioder: list[BeregnetPeriode] = []
    for spenn_start, spenn_slutt, prosent in spenn:
        for bit_start, bit_slutt in grunnlag.uten_stengt(spenn_start, spenn_slutt):
            for start, slutt, sats in grunnlag.satser.del_opp(bit_start, bit_slutt):
                faktor = faktor_maned(start, slutt, halv_plass(tiltakskode, start, prosent))
                if faktor:
                    perioder.append(BeregnetPeriode(start, slutt, faktor, sats))
    return tuple(perioder)


def beregn_fast_sats(
    tiltakskode: Tiltakskode, deltakelser: tuple[DeltakelseInput, ...], grunnlag: Grunnlag
) -> list[BeregnetDeltakelse]:
    """Participants with the same prosent spans get the same pieces, so those are worked out once per claim."""
    return beregn_tellende(
        deltakelser, grunnlag.periode, prosent_spenn, lambda spenn: _stykker(tiltakskode, spenn, grunnlag)
    )
