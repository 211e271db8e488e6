"""The grant figures an agreement must state (avtale.md §4.3–4.8; hearing note: tilskuddssats and varighet).

Lønnstilskudd, sommerjobb and mentor use one salary chain (§4.5); each step names its rounding (HALF_UP), never
float. VTA-O states the TAO sats in force at the start (domene §3.3). Arbeidstrening and inkluderingstilskudd
have no periodic grant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from shared.domain.felles.kodeverk import SYSTEM_SATSER, Tiltakskode
from shared.domain.tiltaksavtale.datoer import pluss_maneder
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import Innsatsgruppe, Lonnstype, Tiltakstype

_HEL: Final = Decimal(1)
_TI_DESIMALER: Final = Decimal("1E-10")
TIMER_PER_AR: Final = Decimal(1950)
TIMER_PER: Final[dict[Lonnstype, Decimal]] = {
    Lonnstype.ARSLONN: TIMER_PER_AR,
    Lonnstype.MANEDSLONN: TIMER_PER_AR / 12,
    Lonnstype.UKELONN: TIMER_PER_AR / 52,
    Lonnstype.DAGSLONN: TIMER_PER_AR / 260,
}
VARIG_TAK_ETTER_ETT_AR: Final = 67
"""Varig lønnstilskudd: from startDato + 1 year the prosent used is min(prosent, 67) (§4.6)."""


def kroner(verdi: Decimal) -> int:
    return int(verdi.quantize(_HEL, rounding=ROUND_HALF_UP))


def _ti(verdi: Decimal) -> Decimal:
    return verdi.quantize(_TI_DESIMALER, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Lonnsberegning:
    """The §4.5 chain; the parts rounded HALF_UP for display."""

    feriepenger: int
    otp: int
    arbeidsgiveravgift: int
    sum_lonnsutgifter: Decimal
    """månedslønn + HALF_UP(feriepenger + otp + aga); whole kroner unless månedslønn is not (mentor)."""

    def manedsbelop(self, prosent: int) -> int:
        return kroner(self.sum_lonnsutgifter * prosent / 100)


def lonnsberegning(manedslonn: Decimal, feriepengesats: Decimal, otp_sats: Decimal, aga: Decimal) -> Lonnsberegning:
    feriepenger = feriepengesats * manedslonn
    otp = otp_sats * (manedslonn + feriepenger)
    avgift = aga * (manedslonn + feriepenger + otp)
    total = manedslonn + kroner(feriepenger + otp + avgift)
    return Lonnsberegning(kroner(feriepenger), kroner(otp), kroner(avgift), total)


def manedslonn_100_prosent(manedslonn: int, stillingprosent: Decimal) -> int:
    return kroner(Decimal(manedslonn) * 100 / stillingprosent)


def mentor_timelonn(lonnstype: Lonnstype, belop: int, stillingprosent: Decimal | None) -> int:
    """§4.8: TIMELONN as given; else amount ÷ hours × (100 ÷ stillingprosent), 10 decimals each, to kroner."""
    if lonnstype == Lonnstype.TIMELONN:
        return belop
    per_time = _ti(Decimal(belop) / _ti(TIMER_PER[lonnstype]))
    faktor = _ti(Decimal(100) / stillingprosent) if stillingprosent else _HEL
    return kroner(per_time * faktor)


@dataclass(frozen=True, slots=True)
class Trinn:
    """One step of the grant: inclusive dates, prosent and the monthly amount."""

    start: date
    slutt: date
    prosent: int
    manedsbelop: int


@dataclass(frozen=True, slots=True)
class Tilskudd:
    manedsbelop: int
    tilskuddstrinn: tuple[Trinn, ...] = ()


def prosent_og_reduksjon(
    t: Tiltakstype, i: Avtaleinnhold, innsatsgruppe: Innsatsgruppe | None
) -> tuple[int, date | None, int] | None:
    """(prosent, reduction date, prosent from then) or None when it cannot be known yet."""
    start = i.start_dato
    if start is None:
        return None
    if t == Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD:
        if innsatsgruppe in (None, Innsatsgruppe.GODE_MULIGHETER):
            return None
        if innsatsgruppe == Innsatsgruppe.TRENGER_VEILEDNING:
            return 40, pluss_maneder(start, 6), 30
        return 60, pluss_maneder(start, 12), 50
    p = i.lonnstilskudd_prosent
    if p is None:
        return None
    if t == Tiltakstype.VARIG_LONNSTILSKUDD:
        return p, pluss_maneder(start, 12), min(p, VARIG_TAK_ETTER_ETT_AR)
    return p, None, p


def _trinn(start: date, slutt: date, satser: tuple[int, date | None, int], b: Lonnsberegning) -> tuple[Trinn, ...]:
    prosent, reduksjon, etter = satser
    if reduksjon is None or reduksjon > slutt:
        return (Trinn(start, slutt, prosent, b.manedsbelop(prosent)),)
    forste = Trinn(start, reduksjon - timedelta(days=1), prosent, b.manedsbelop(prosent))
    return forste, Trinn(reduksjon, slutt, etter, b.manedsbelop(etter))


def _lonnstilskudd(t: Tiltakstype, i: Avtaleinnhold, gruppe: Innsatsgruppe | None) -> Tilskudd | None:
    satser = prosent_og_reduksjon(t, i, gruppe)
    grunnlag = (i.manedslonn, i.feriepengesats, i.otp_sats, i.arbeidsgiveravgift)
    if satser is None or i.manedslonn is None or None in grunnlag[1:]:
        return None
    b = lonnsberegning(Decimal(i.manedslonn), *(Decimal(g or 0) for g in grunnlag[1:]))
    trinn = _trinn(i.start_dato, i.slutt_dato, satser, b) if i.start_dato and i.slutt_dato else ()
    return Tilskudd(b.manedsbelop(satser[0]), trinn)


def _mentor(i: Avtaleinnhold) -> Tilskudd | None:
    if i.mentor_valgt_lonnstype is None or i.mentor_valgt_lonnstype_belop is None or i.mentor_antall_timer is None:
        return None
    if None in (i.feriepengesats, i.otp_sats, i.arbeidsgiveravgift):
        return None
    timelonn = mentor_timelonn(i.mentor_valgt_lonnstype, i.mentor_valgt_lonnstype_belop, i.stillingprosent)
    b = lonnsberegning(
        timelonn * i.mentor_antall_timer,
        Decimal(i.feriepengesats or 0),
        Decimal(i.otp_sats or 0),
        Decimal(i.arbeidsgiveravgift or 0),
    )
    return Tilskudd(b.manedsbelop(100))


def vtao_sats(dag: date) -> int | None:
    """The TAO sats in force on `dag` (domene §3.3), None before the first."""
    gjeldende = [s.sats for s in SYSTEM_SATSER[Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER] if s.gjelder_fra <= dag]
    return gjeldende[-1] if gjeldende else None


def beregn_tilskudd(t: Tiltakstype, i: Avtaleinnhold, innsatsgruppe: Innsatsgruppe | None) -> Tilskudd | None:
    """The monthly grant the agreement states, or None (no grant, or not computable yet)."""
    if t == Tiltakstype.VTAO:
        sats = vtao_sats(i.start_dato) if i.start_dato else None
        return Tilskudd(sats) if sats is not None else None
    if t == Tiltakstype.MENTOR:
        return _mentor(i)
    if t in (Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD, Tiltakstype.VARIG_LONNSTILSKUDD, Tiltakstype.SOMMERJOBB):
        return _lonnstilskudd(t, i, innsatsgruppe)
    return None
