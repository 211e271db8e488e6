"""Rules of the monthly generation (domene.md §7.1) that do not need the calculation engine: months and their
periods, candidates, the skip rule, the gyldig periode, hele-uke snapping, satser for an input, KID
carry-forward,
blokkeringer (§6.5) and the claim id (UUIDv5).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.domain.beregning.hele_uke import snapp_til_hele_uker
from shared.domain.felles.kodeverk import (
    AVTALT_PRIS_SETTET,
    GENERERTE_PRISMODELLER,
    SYSTEM_SATSER,
    TILTAKSTYPER,
    Prismodell,
    Sats,
    Tilskuddstype,
    Tiltakskode,
)
from shared.domain.felles.periode import Periode, forste_i_neste_maned
from shared.domain.grunnlag.deltakelse import Deltakelse, tellende_periode
from shared.domain.grunnlag.forslag import Forslag, er_relevant
from shared.domain.grunnlag.gjennomforing import Gjennomforing, GjennomforingStatus
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn, kan_brukes_for
from shared.domain.utbetaling.utbetaling import Blokkering, Utbetaling

OSLO = ZoneInfo("Europe/Oslo")


def maned_periode(maned: str) -> Periode:
    """ "YYYY-MM" → the calendar month, half-open. Raises ValueError on a malformed month."""
    if len(maned) != 7 or maned[4] != "-":
        raise ValueError(f"ugyldig måned: {maned!r}")
    start = date(int(maned[:4]), int(maned[5:]), 1)
    return Periode(start, forste_i_neste_maned(start))


def maned_for(dag: date) -> str:
    return f"{dag.year:04d}-{dag.month:02d}"


def forrige_maned(tidspunkt: datetime) -> str:
    """The month before `tidspunkt` (an aware instant) in Europe/Oslo: the default period of the scheduled
    run."""
    if tidspunkt.tzinfo is None:
        raise ValueError("tidspunkt må ha tidssone")
    lokal = tidspunkt.astimezone(OSLO).date()
    return maned_for(lokal.replace(day=1) - timedelta(days=1))


def utbetaling_id(navnerom: uuid.UUID, gjennomforing_id: str, maned: str, tilskuddstype: Tilskuddstype) -> str:
    """§7.1: UUIDv5(NS, "{gjennomforing_id}/{YYYY-MM}/{tilskuddstype}"), the only guard against a second
    claim."""
    return str(uuid.uuid5(navnerom, f"{gjennomforing_id}/{maned}/{tilskuddstype.value}"))


def krav_periode(prismodell: str, maned: Periode) -> Periode:
    """C: the month, snapped to whole weeks for the hele-uke model (§4.6). Start Mon–Wed back to Monday,
    Thu–Sun
    forward; exclusive end Mon unchanged, Tue–Wed back, Thu–Sun forward. The engine's own snapping, so the
    skip
    rule sees the same C as the stored claim."""
    if prismodell != Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE:
        return maned
    return snapp_til_hele_uker(maned) or maned


def kan_generere(status: str | None, prismodell: str | None, slettet: bool) -> bool:
    """The part of §7.1 step 1 that does not depend on the month: not deleted, status ≠ AVLYST, a generated
    prismodell (what the candidate index lists)."""
    return not slettet and status != GjennomforingStatus.AVLYST and prismodell in GENERERTE_PRISMODELLER


def lopper_i_maned(start_dato: date, slutt_dato: date | None, maned: Periode) -> bool:
    """[start_dato, slutt_dato] (inclusive, open without slutt) overlaps the month."""
    if slutt_dato is not None and slutt_dato < maned.start:
        return False
    return start_dato < maned.slutt


def er_kandidat(g: Gjennomforing, maned: Periode) -> bool:
    """§7.1 step 1: status ≠ AVLYST, a generated prismodell, and [start_dato, slutt_dato] (inclusive, open
    without slutt) overlapping the month."""
    return kan_generere(g.status, g.prismodell, g.slettet) and lopper_i_maned(g.start_dato, g.slutt_dato, maned)


def overlappende_krav(eksisterende: Iterable[Utbetaling], c: Periode, tilskuddstype: Tilskuddstype) -> bool:
    """§7.1 skip rule: any claim of the same tilskuddstype, in any status (AVBRUTT too), overlapping C.
    Korreksjoner never cause a skip."""
    return any(
        u.tilskuddstype is tilskuddstype
        and not u.er_korreksjon
        and u.periode_start < c.slutt
        and c.start < u.periode_slutt
        for u in eksisterende
    )


def i_gyldig_periode(tiltakskode: str, maned: Periode) -> bool:
    """§7.1 step 2: the unsnapped calendar month lies entirely inside the tiltakskode's gyldig periode."""
    try:
        tiltakstype = TILTAKSTYPER[Tiltakskode(tiltakskode)]
    except ValueError:
        return False
    return tiltakstype.gyldig_fra <= maned.start and maned.slutt <= tiltakstype.gyldig_til


def satser_for_input(g: Gjennomforing, avtale: Avtale | None) -> list[Sats]:
    """Satser for a system-built input (§4.2): system satser for the fast-sats models, the avtale's for the
    avtalt-pris models. The sats in force at the gjennomføring's start begins no earlier than that start and
    earlier
    ones are left out; if none is in force at the start, all are kept."""
    kilde: Iterable[Sats]
    if g.prismodell in AVTALT_PRIS_SETTET:
        har_avtale = avtale is not None and not avtale.slettet
        kilde = (Sats(s.gjelder_fra, s.sats) for s in avtale.satser) if avtale and har_avtale else ()
    else:
        kilde = SYSTEM_SATSER.get(Tiltakskode(g.tiltakskode), ())
    alle = sorted(kilde, key=lambda s: s.gjelder_fra)
    i_kraft = [i for i, s in enumerate(alle) if s.gjelder_fra <= g.start_dato]
    if not i_kraft:
        return alle
    forste = i_kraft[-1]
    return [Sats(g.start_dato, alle[forste].sats), *alle[forste + 1 :]]


def videreført_kid(eksisterende: Iterable[Utbetaling]) -> str | None:
    """§7.1 step 4: the KID of the DRIFT claim with the latest innsendt_tidspunkt (any status); ties by latest
    created_at, then greatest id. None when there is no such claim or its KID is null."""
    innsendte = [
        u
        for u in eksisterende
        if u.tilskuddstype is Tilskuddstype.TILTAK_DRIFTSTILSKUDD and u.innsendt_tidspunkt is not None
    ]
    if not innsendte:
        return None
    siste = max(innsendte, key=lambda u: (u.innsendt_tidspunkt, u.created_at, u.id))
    kid = siste.betalingsinformasjon.kid if siste.betalingsinformasjon else None
    return kid if kid and kid.strip() else None


def blokkeringer(
    *,
    c: Periode,
    valuta: str,
    tilskuddstype: Tilskuddstype,
    tilsagn: Sequence[Tilsagn],
    deltakelser: Sequence[Deltakelse],
    forslag: Sequence[Forslag],
) -> tuple[Blokkering, ...]:
    """§6.5: MANGLER_TILSAGN and UBEHANDLET_FORSLAG, in that order."""
    resultat: list[Blokkering] = []
    if not any(kan_brukes_for(t, tilskuddstype, valuta, c.start, c.slutt) for t in tilsagn):
        resultat.append(Blokkering.MANGLER_TILSAGN)
    perioder: dict[str, tuple[date, date]] = {}
    for d in deltakelser:
        p = tellende_periode(d, c.start, c.slutt)
        if p is not None and not d.slettet:
            perioder[d.id] = p
    if any(f.deltaker_id in perioder and er_relevant(f, perioder[f.deltaker_id], (c.start, c.slutt)) for f in forslag):
        resultat.append(Blokkering.UBEHANDLET_FORSLAG)
    return tuple(resultat)
