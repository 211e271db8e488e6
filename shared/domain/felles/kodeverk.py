"""Code lists of the service: prismodeller, tiltakskoder with their gyldige perioder, and system satser.

Rules: domene.md §3.1 (prismodeller), §3.2 (tiltakskoder, gyldig periode, investering, +37 days), §3.3 (satser),
§4.1 (deltakerstatus). The dates are configuration in the sense of the spec: they live here, in one table, so a
change of date is a one-line change with a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Prismodell(StrEnum):
    FAST_SATS_PER_BENYTTET_PLASS_PER_MANED = "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED"
    """AFT/VTA: system sats per used place per month, with the deltakelsesprosent rule."""
    FAST_SATS_PER_AVTALT_PLASS_PER_MANED = "FAST_SATS_PER_AVTALT_PLASS_PER_MANED"
    """TAO (VTA-O): paid from the tilsagn, not from participants."""
    AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED = "AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED"
    """Agreed monthly price per used place."""
    AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE = "AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE"
    """Agreed weekly price per used place (a weekday is 0.2 of a week)."""
    AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE = "AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE"
    """Agreed price per started week of follow-up per participant; the period is snapped to whole weeks."""
    AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER = "AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER"
    """Agreed hourly price; the arrangør enters the amount by hand."""
    ANNEN_AVTALT_PRIS = "ANNEN_AVTALT_PRIS"
    """Any other agreed price; the arrangør enters the amount by hand."""


GENERERTE_PRISMODELLER: frozenset[Prismodell] = frozenset(
    {
        Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED,
        Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED,
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE,
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE,
    }
)
"""Models whose monthly claim the system creates (§3.1)."""

MANUELLE_PRISMODELLER: frozenset[Prismodell] = frozenset(
    {Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER, Prismodell.ANNEN_AVTALT_PRIS}
)
"""Models with no calculated amount: the arrangør enters it (§3.1)."""

AVTALT_PRIS_SETTET: frozenset[Prismodell] = frozenset(
    {
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE,
        Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE,
        Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER,
        Prismodell.ANNEN_AVTALT_PRIS,
    }
)


class Tiltakskode(StrEnum):
    ARBEIDSFORBEREDENDE_TRENING = "ARBEIDSFORBEREDENDE_TRENING"
    VARIG_TILRETTELAGT_ARBEID_SKJERMET = "VARIG_TILRETTELAGT_ARBEID_SKJERMET"
    TILRETTELAGT_ARBEID_ORDINAER = "TILRETTELAGT_ARBEID_ORDINAER"
    AVKLARING = "AVKLARING"
    OPPFOLGING = "OPPFOLGING"
    ARBEIDSRETTET_REHABILITERING = "ARBEIDSRETTET_REHABILITERING"
    DIGITALT_OPPFOLGINGSTILTAK = "DIGITALT_OPPFOLGINGSTILTAK"
    JOBBKLUBB = "JOBBKLUBB"
    GRUPPE_ARBEIDSMARKEDSOPPLAERING = "GRUPPE_ARBEIDSMARKEDSOPPLAERING"
    GRUPPE_FAG_OG_YRKESOPPLAERING = "GRUPPE_FAG_OG_YRKESOPPLAERING"
    ARBEIDSMARKEDSOPPLAERING = "ARBEIDSMARKEDSOPPLAERING"
    NORSKOPPLAERING_GRUNNLEGGENDE_FERDIGHETER_FOV = "NORSKOPPLAERING_GRUNNLEGGENDE_FERDIGHETER_FOV"
    STUDIESPESIALISERING = "STUDIESPESIALISERING"
    FAG_OG_YRKESOPPLAERING = "FAG_OG_YRKESOPPLAERING"


GYLDIG_TIL = date(2027, 1, 1)
"""Every gyldig periode ends here (exclusive), §3.2."""


@dataclass(frozen=True, slots=True)
class Tiltakstype:
    kode: Tiltakskode
    navn: str
    prismodeller: frozenset[Prismodell]
    gyldig_fra: date
    investering: bool
    """Whether the arrangør may create an investering claim (AFT/VTA)."""
    tidligst_37_dager: bool
    """Whether payment waits until the period's last day + 37 days (§6.8)."""
    gyldig_til: date = GYLDIG_TIL


_FAST = frozenset({Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED})


def _avtalt(kode: Tiltakskode, navn: str, fra: date, tidligst: bool) -> Tiltakstype:
    return Tiltakstype(kode, navn, AVTALT_PRIS_SETTET, fra, investering=False, tidligst_37_dager=tidligst)


_T = Tiltakskode
TILTAKSTYPER: dict[Tiltakskode, Tiltakstype] = {
    t.kode: t
    for t in (
        Tiltakstype(
            _T.ARBEIDSFORBEREDENDE_TRENING, "Arbeidsforberedende trening", _FAST, date(2025, 7, 1), True, False
        ),
        Tiltakstype(
            _T.VARIG_TILRETTELAGT_ARBEID_SKJERMET,
            "Varig tilrettelagt arbeid i skjermet virksomhet",
            _FAST,
            date(2025, 7, 1),
            True,
            False,
        ),
        Tiltakstype(
            _T.TILRETTELAGT_ARBEID_ORDINAER,
            "Varig tilrettelagt arbeid i ordinær virksomhet",
            frozenset({Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED}),
            date(2025, 7, 1),
            False,
            False,
        ),
        _avtalt(_T.AVKLARING, "Avklaring", date(2025, 10, 1), True),
        _avtalt(_T.OPPFOLGING, "Oppfølging", date(2025, 10, 1), True),
        _avtalt(_T.ARBEIDSRETTET_REHABILITERING, "Arbeidsrettet rehabilitering", date(2025, 10, 1), True),
        _avtalt(_T.DIGITALT_OPPFOLGINGSTILTAK, "Digitalt oppfølgingstiltak", date(2025, 11, 1), True),
        _avtalt(_T.JOBBKLUBB, "Jobbklubb", date(2026, 1, 1), False),
        _avtalt(_T.GRUPPE_ARBEIDSMARKEDSOPPLAERING, "Arbeidsmarkedsopplæring i gruppe", date(2026, 1, 1), False),
        _avtalt(_T.GRUPPE_FAG_OG_YRKESOPPLAERING, "Fag- og yrkesopplæring i gruppe", date(2026, 1, 1), False),
        _avtalt(_T.ARBEIDSMARKEDSOPPLAERING, "Arbeidsmarkedsopplæring", date(2026, 1, 1), False),
        _avtalt(
            _T.NORSKOPPLAERING_GRUNNLEGGENDE_FERDIGHETER_FOV,
            "Norskopplæring, grunnleggende ferdigheter og FOV",
            date(2026, 1, 1),
            False,
        ),
        _avtalt(_T.STUDIESPESIALISERING, "Studiespesialisering", date(2026, 1, 1), False),
        _avtalt(_T.FAG_OG_YRKESOPPLAERING, "Fag- og yrkesopplæring", date(2026, 1, 1), False),
    )
}


@dataclass(frozen=True, slots=True)
class Sats:
    gjelder_fra: date
    sats: int


SYSTEM_SATSER: dict[Tiltakskode, tuple[Sats, ...]] = {
    _T.ARBEIDSFORBEREDENDE_TRENING: (Sats(date(2025, 1, 1), 20975), Sats(date(2026, 1, 1), 21730)),
    _T.VARIG_TILRETTELAGT_ARBEID_SKJERMET: (Sats(date(2025, 1, 1), 16848), Sats(date(2026, 1, 1), 17455)),
    _T.TILRETTELAGT_ARBEID_ORDINAER: (Sats(date(2025, 1, 1), 7067), Sats(date(2026, 1, 1), 7321)),
}
"""System satser in NOK per place per month (§3.3). No sats after 2026 is known."""


class Deltakerstatus(StrEnum):
    DELTAR = "DELTAR"
    AVBRUTT = "AVBRUTT"
    FULLFORT = "FULLFORT"
    HAR_SLUTTET = "HAR_SLUTTET"
    IKKE_AKTUELL = "IKKE_AKTUELL"
    FEILREGISTRERT = "FEILREGISTRERT"
    PABEGYNT_REGISTRERING = "PABEGYNT_REGISTRERING"
    SOKT_INN = "SOKT_INN"
    VENTER_PA_OPPSTART = "VENTER_PA_OPPSTART"
    VENTELISTE = "VENTELISTE"
    UTKAST_TIL_PAMELDING = "UTKAST_TIL_PAMELDING"
    AVBRUTT_UTKAST = "AVBRUTT_UTKAST"
    KLADD = "KLADD"
    VURDERES = "VURDERES"


AVSLUTTENDE_STATUSER: frozenset[Deltakerstatus] = frozenset(
    {Deltakerstatus.AVBRUTT, Deltakerstatus.FULLFORT, Deltakerstatus.HAR_SLUTTET}
)
"""Statuses that count only with a slutt_dato (§4.1)."""


class TilsagnStatus(StrEnum):
    TIL_GODKJENNING = "TIL_GODKJENNING"
    GODKJENT = "GODKJENT"
    RETURNERT = "RETURNERT"
    TIL_ANNULLERING = "TIL_ANNULLERING"
    ANNULLERT = "ANNULLERT"
    TIL_OPPGJOR = "TIL_OPPGJOR"
    OPPGJORT = "OPPGJORT"


class Tilskuddstype(StrEnum):
    TILTAK_DRIFTSTILSKUDD = "TILTAK_DRIFTSTILSKUDD"
    TILTAK_INVESTERINGER = "TILTAK_INVESTERINGER"
