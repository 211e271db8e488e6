"""The arrangør's side of a claim (domene.md §6.4, §6.5 advarsler, §6.7, §8.3, §11): arrangør status, what the
arrangør may do, the ordered godkjenn checks with their exact texts, cancel, masking and the 12-week rule.

Pure: "now" and "today" (Europe/Oslo) come in as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from shared.domain.felles.feil import FeltFeil, UgyldigTilstand
from shared.domain.felles.kodeverk import AVSLUTTENDE_STATUSER, Prismodell, Tilskuddstype
from shared.domain.grunnlag.deltakelse import Adressebeskyttelse, Deltakelse, Person, tellende_periode
from shared.domain.grunnlag.forslag import Forslag, er_relevant
from shared.domain.utbetaling.utbetaling import Blokkering, Opprinnelse, Utbetaling, UtbetalingStatus

OSLO = ZoneInfo("Europe/Oslo")
SKJULT_ETTER = timedelta(weeks=12)

ENDRET_TEKST = "Informasjonen i kravet har endret seg. Vennligst se over på nytt."
GODKJENN_OVERSKRIFT = "Utbetalingen kan ikke godkjennes"
AVBRYT_OVERSKRIFT = "Utbetalingen kan ikke avbrytes"
REGENERER_OVERSKRIFT = "Utbetalingen kan ikke regenereres"
SENDT_INN_TEKST = "Utbetaling sendt inn"
AVBRUTT_TEKST = "Utbetaling avbrutt"


class ArrangorStatus(StrEnum):
    KLAR_FOR_GODKJENNING = "KLAR_FOR_GODKJENNING"
    BEHANDLES_AV_NAV = "BEHANDLES_AV_NAV"
    UTBETALT = "UTBETALT"
    BLOKKERT_FOR_INNSENDING = "BLOKKERT_FOR_INNSENDING"
    OVERFORT_TIL_UTBETALING = "OVERFORT_TIL_UTBETALING"
    DELVIS_UTBETALT = "DELVIS_UTBETALT"
    AVBRUTT_AV_NAV = "AVBRUTT_AV_NAV"
    AVBRUTT_AV_ARRANGOR = "AVBRUTT_AV_ARRANGOR"


class KanAvbrytes(StrEnum):
    ACTIVATED = "ACTIVATED"
    DEACTIVATED = "DEACTIVATED"
    HIDDEN = "HIDDEN"


class AdvarselType(StrEnum):
    RelevanteForslag = "RelevanteForslag"
    FeilSluttDato = "FeilSluttDato"


ADVARSEL_TEKST = {
    AdvarselType.RelevanteForslag: "har ubehandlede forslag",
    AdvarselType.FeilSluttDato: "har avsluttende status og sluttdato frem i tid",
}

AKTIVE = frozenset(
    {
        UtbetalingStatus.GENERERT,
        UtbetalingStatus.TIL_BEHANDLING,
        UtbetalingStatus.TIL_ATTESTERING,
        UtbetalingStatus.RETURNERT,
        UtbetalingStatus.TIL_AVBRYTELSE,
    }
)
"""`type=AKTIVE` of GET /utbetaling (§8.2); the rest are HISTORISKE."""

FRA_FERDIG_BEHANDLET = frozenset(
    {UtbetalingStatus.FERDIG_BEHANDLET, UtbetalingStatus.DELVIS_UTBETALT, UtbetalingStatus.UTBETALT}
)


@dataclass(frozen=True, slots=True)
class Advarsel:
    deltaker_id: str
    type: AdvarselType
    person: Person | None

    @property
    def beskrivelse(self) -> str:
        return ADVARSEL_TEKST[self.type]


def idag(na: datetime) -> date:
    return na.astimezone(OSLO).date()


def er_tao(u: Utbetaling) -> bool:
    return u.prismodell == Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED


def arrangor_status(u: Utbetaling, har_advarsler: bool) -> ArrangorStatus:
    s = UtbetalingStatus
    if u.status is s.GENERERT:
        if er_tao(u):
            return ArrangorStatus.BEHANDLES_AV_NAV
        blokkert = bool(u.blokkeringer) or har_advarsler
        return ArrangorStatus.BLOKKERT_FOR_INNSENDING if blokkert else ArrangorStatus.KLAR_FOR_GODKJENNING
    if u.status is s.FERDIG_BEHANDLET:
        return ArrangorStatus.OVERFORT_TIL_UTBETALING
    if u.status is s.DELVIS_UTBETALT:
        return ArrangorStatus.DELVIS_UTBETALT
    if u.status is s.UTBETALT:
        return ArrangorStatus.UTBETALT
    if u.status is s.AVBRUTT:
        av_nav = (u.avbrytelse or {}).get("av") == "NAV"
        return ArrangorStatus.AVBRUTT_AV_NAV if av_nav else ArrangorStatus.AVBRUTT_AV_ARRANGOR
    return ArrangorStatus.BEHANDLES_AV_NAV


def kan_avbrytes(u: Utbetaling) -> KanAvbrytes:
    if u.innsendt_tidspunkt is None:
        return KanAvbrytes.HIDDEN
    if u.status in (UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT):
        return KanAvbrytes.ACTIVATED
    if u.status in (
        UtbetalingStatus.TIL_ATTESTERING,
        UtbetalingStatus.TIL_AVBRYTELSE,
        UtbetalingStatus.DELVIS_UTBETALT,
    ):
        return KanAvbrytes.DEACTIVATED
    return KanAvbrytes.HIDDEN


def regenerer_feil(u: Utbetaling, andre: Sequence[Utbetaling]) -> str | None:
    """§6.7: the first failing condition's text (the fresh calculation excepted), or None."""
    if u.status is not UtbetalingStatus.AVBRUTT:
        return "Utbetalingen kan bare regenereres når den er avbrutt"
    if u.innsendt_tidspunkt is None:
        return "Utbetalingen kan bare regenereres når den er innsendt"
    if u.opprinnelse is not Opprinnelse.GENERERT:
        return "Utbetalingen kan ikke regenereres"
    for a in andre:
        if (
            a.id != u.id
            and a.tilskuddstype is u.tilskuddstype
            and a.status is not UtbetalingStatus.AVBRUTT
            and a.periode_start < u.periode_slutt
            and u.periode_start < a.periode_slutt
        ):
            return "Utbetalingen er allerede regenerert"
    return None


def type_kode(u: Utbetaling) -> str:
    if u.korreksjon is not None or u.opprinnelse is Opprinnelse.KORREKSJON:
        return "KORRIGERING"
    if u.tilskuddstype is Tilskuddstype.TILTAK_INVESTERINGER:
        return "INVESTERING"
    return "INNSENDING"


TYPE_VISNING = {
    "KORRIGERING": ("Korrigering", "Korrigering", "KOR"),
    "INVESTERING": ("Investering", "Utbetaling for investering", "INV"),
    "INNSENDING": ("Innsending", "Innsending", None),
}
"""kode → (displayName, displayNameLong = the PDF header, tagName) (§6.1, §8.3, §11)."""


def kan_vise_beregning(u: Utbetaling, idag_: date) -> bool:
    """§11: hidden when the submission date (Europe/Oslo) + 12 weeks ≤ today."""
    if u.innsendt_tidspunkt is None:
        return True
    return idag(u.innsendt_tidspunkt) + SKJULT_ETTER > idag_


def vist_navn(p: Person) -> str:
    if p.adressebeskyttelse is not Adressebeskyttelse.UGRADERT:
        return "Adressebeskyttet"
    if p.skjermet:
        return "Skjermet"
    return f"{p.fornavn} {p.etternavn}"


def vist_ident(p: Person) -> str | None:
    """The fødselsnummer only for ungraded, unshielded persons (§11)."""
    if p.adressebeskyttelse is not Adressebeskyttelse.UGRADERT or p.skjermet:
        return None
    return p.norsk_ident


def advarsler(
    c_start: date, c_slutt: date, deltakelser: Sequence[Deltakelse], forslag: Sequence[Forslag], idag_: date
) -> list[Advarsel]:
    """§6.5, computed at read and at godkjenn: relevant pending forslag and a future sluttdato with an ending status,
    for counted participants with a non-empty P."""
    ut: list[Advarsel] = []
    for d in sorted(deltakelser, key=lambda d: d.id):
        p = tellende_periode(d, c_start, c_slutt)
        if p is None or d.slettet:
            continue
        if any(f.deltaker_id == d.id and er_relevant(f, p, (c_start, c_slutt)) for f in forslag):
            ut.append(Advarsel(d.id, AdvarselType.RelevanteForslag, d.person))
        if d.status in AVSLUTTENDE_STATUSER and d.slutt_dato is not None and d.slutt_dato > idag_:
            ut.append(Advarsel(d.id, AdvarselType.FeilSluttDato, d.person))
    return ut


def _feil(pointer: str, tekst: str) -> UgyldigTilstand:
    return UgyldigTilstand([FeltFeil(pointer, tekst)])


def sjekk_innsending(u: Utbetaling, idag_: date, advarsler_: Sequence[Advarsel]) -> None:
    """§8.3 checks 5–9 on the current (recomputed) claim; raises the first failure."""
    if u.periode_slutt > idag_:
        raise _feil("/", "Utbetalingen kan ikke godkjennes før perioden er passert")
    if u.betalingsinformasjon is None or not u.betalingsinformasjon.kontonummer:
        raise _feil("/", "Utbetalingen kan ikke godkjennes fordi kontonummer mangler.")
    if Blokkering.UBEHANDLET_FORSLAG in u.blokkeringer or advarsler_:
        raise _feil(
            "/",
            "Det finnes advarsler på deltakere som påvirker utbetalingen. Disse må fikses før utbetalingen kan "
            "sendes inn.",
        )
    if Blokkering.MANGLER_TILSAGN in u.blokkeringer:
        raise _feil("/", "Det mangler tilsagn for utbetalingsperioden.")
    if u.blokkeringer:
        raise _feil("/", "Utbetalingen kan ikke godkjennes fordi det finnes blokkeringer.")


def sjekk_tilstand_for_godkjenning(u: Utbetaling) -> None:
    """§8.3 checks 2–3."""
    if u.status is not UtbetalingStatus.GENERERT:
        raise _feil("/", "Utbetaling er allerede godkjent")
    if er_tao(u):
        raise _feil("/", GODKJENN_OVERSKRIFT)


def sjekk_avbryt(u: Utbetaling, begrunnelse: str | None) -> str:
    """§6.3 row 12 and §8.2: the trimmed begrunnelse, or the error."""
    tekst = (begrunnelse or "").strip()
    if not tekst:
        raise _feil("/begrunnelse", "Begrunnelse må være satt")
    if len(tekst) > 100:
        raise _feil("/begrunnelse", "Begrunnelse kan ikke være lengre enn 100 tegn")
    if u.innsendt_tidspunkt is None or u.status not in (UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT):
        raise _feil("/", AVBRYT_OVERSKRIFT)
    return tekst
