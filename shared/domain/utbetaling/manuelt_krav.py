"""Manual claims made by the arrangør (domene.md §8.2 wizard data, §8.4): which gjennomføringer allow them, the date
limits, the timepris month suggestions, and the ordered checks of "create claim" with their exact texts.

Pure: "today" comes in as an argument. Vedlegg content checks (size, PDF, malware) are in the service, which owns
the ports; the counting and id rules are here.

Decisions where §8.4 is silent (written down as the spec asks):
- The checks answer the **first** failure, in the order of §8.4 (as godkjenn does, §8.3), so the front end shows one
  message at a time; the file content checks run after these, and every check runs before anything is written.
- A non-numeric `belop` gives the same "Beløp må være positivt"; an amount above a signed 32-bit integer (§0) gives
  "Beløp kan ikke være større enn 2147483647".
- The timepris suggestions start at the month *containing* max(gyldig start, gjennomføring start) and only include
  months that overlap the gjennomføring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shared.domain.felles.feil import FeltFeil, Valideringsfeil
from shared.domain.felles.kodeverk import TILTAKSTYPER, Prismodell, Tilskuddstype, Tiltakskode, Tiltakstype
from shared.domain.felles.periode import Periode, passer_i_int32
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus

OPPRETT_OVERSKRIFT = "Klarte ikke opprette utbetaling"
VEDLEGG_OVERSKRIFT = "Klarte ikke laste opp vedlegg"
IKKE_GJENNOMFORING_TEKST = "Ikke gjennomføring til bedrift"
IKKE_MANUELL_TEKST = "Du kan ikke opprette utbetalingskrav for denne tiltaksgjennomføringen"
DATOFORMAT_TEKST = "Dato må være på formatet 'yyyy-mm-dd'"
FOR_STOR_FORESPORSEL = (
    "Kravet med vedlegg er større enn 32 MB. Last opp vedleggene ett og ett først, og send deretter inn kravet."
)
MAKS_FORESPORSEL_BYTES = 33_554_432
"""The Cloud Functions request limit (§8.4)."""
MAKS_VEDLEGG_BYTES = 10_485_760
MAKS_ANTALL_VEDLEGG = 10
MAKS_FILNAVN = 255
VEDLEGG_GYLDIG = timedelta(hours=24)
"""An uploaded vedlegg id is refused after 24 h (§8.4); the bucket's lifecycle rule removes it after 2 days."""

_DATO = re.compile(r"\d{4}-\d{2}-\d{2}")
_KONTROLLTEGN = re.compile(r"[\x00-\x1f\x7f]")


class KravModell(StrEnum):
    INVESTERING = "INVESTERING"
    """AFT/VTA: an investering claim (TILTAK_INVESTERINGER, fri beregning)."""
    TIMEPRIS = "TIMEPRIS"
    """AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER: one whole month, with the participant list as context."""
    AVTALT_PRIS = "AVTALT_PRIS"
    """ANNEN_AVTALT_PRIS: any period up to the gyldig end, fri beregning, vedlegg optional."""


def tiltakstype_for(g: Gjennomforing) -> Tiltakstype | None:
    try:
        return TILTAKSTYPER[Tiltakskode(g.tiltakskode)]
    except ValueError:
        return None


def krav_modell(g: Gjennomforing) -> KravModell | None:
    """The kind of manual claim the gjennomføring allows (§8.2 tiltaksoversikt), or None."""
    t = tiltakstype_for(g)
    if t is None or g.slettet:
        return None
    if g.prismodell == Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED and t.investering:
        return KravModell.INVESTERING
    if g.prismodell == Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER:
        return KravModell.TIMEPRIS
    if g.prismodell == Prismodell.ANNEN_AVTALT_PRIS:
        return KravModell.AVTALT_PRIS
    return None


def tilskuddstype_for(modell: KravModell) -> Tilskuddstype:
    if modell is KravModell.INVESTERING:
        return Tilskuddstype.TILTAK_INVESTERINGER
    return Tilskuddstype.TILTAK_DRIFTSTILSKUDD


def min_antall_vedlegg(modell: KravModell) -> int:
    return 0 if modell is KravModell.AVTALT_PRIS else 1


def forste_i_maned(dag: date) -> date:
    return dag.replace(day=1)


def neste_maned(dag: date) -> date:
    return date(dag.year + dag.month // 12, dag.month % 12 + 1, 1)


def ovre_grense(modell: KravModell, t: Tiltakstype, idag: date) -> date:
    """The latest allowed *exclusive* end (§8.4 upper limit)."""
    if modell is KravModell.INVESTERING:
        return min(idag, t.gyldig_til)
    if modell is KravModell.TIMEPRIS:
        return min(forste_i_maned(idag), t.gyldig_til)
    return t.gyldig_til


def maks_sluttdato(modell: KravModell, t: Tiltakstype, idag: date) -> date:
    """The wizard's `maksSluttdato`: the exclusive upper limit itself (§8.4). The front end offers days up to
    maksSluttdato − 1 and refuses an end ≥ maksSluttdato, so it and `sjekk_periode` agree on every boundary day."""
    return ovre_grense(modell, t, idag)


def _overlapper_gjennomforing(g: Gjennomforing, start: date, slutt: date) -> bool:
    g_slutt = g.slutt_dato + timedelta(days=1) if g.slutt_dato else date.max
    return start < g_slutt and g.start_dato < slutt


def _maned_er_krevd(eksisterende: Sequence[Utbetaling], start: date, slutt: date) -> bool:
    return any(
        u.status is not UtbetalingStatus.AVBRUTT and u.periode_start < slutt and start < u.periode_slutt
        for u in eksisterende
    )


def periode_forslag(g: Gjennomforing, t: Tiltakstype, idag: date, eksisterende: Sequence[Utbetaling]) -> list[Periode]:
    """Timepris (§8.4): the whole months from max(gyldig start, gjennomføring start) up to, not including, the
    current month, minus months already claimed, in date order."""
    maned = forste_i_maned(max(t.gyldig_fra, g.start_dato))
    grense = ovre_grense(KravModell.TIMEPRIS, t, idag)
    ut = []
    while neste_maned(maned) <= grense:
        slutt = neste_maned(maned)
        if _overlapper_gjennomforing(g, maned, slutt) and not _maned_er_krevd(eksisterende, maned, slutt):
            ut.append(Periode(maned, slutt))
        maned = slutt
    return ut


def filnavn(navn: str | None) -> str:
    """The stored name: the basename (a path from the client is never used), no control characters, ≤ 255 chars."""
    base = re.split(r"[\\/]", navn or "")[-1]
    base = _KONTROLLTEGN.sub("", base).strip()
    if base in ("", ".", ".."):
        base = "vedlegg.pdf"
    return base[:MAKS_FILNAVN]


def les_dato(verdi: str | None, pointer: str) -> date:
    if verdi is None or not _DATO.fullmatch(verdi.strip()):
        raise Valideringsfeil.for_felt(pointer, DATOFORMAT_TEKST)
    try:
        return date.fromisoformat(verdi.strip())
    except ValueError as e:
        raise Valideringsfeil.for_felt(pointer, DATOFORMAT_TEKST) from e


def les_periode(start_tekst: str | None, slutt_tekst: str | None, periode_type: str | None) -> Periode:
    """Half-open period from the form; `Inklusiv` (default) reads `periodeSlutt` as the last day."""
    start = les_dato(start_tekst, "/periodeStart")
    slutt = les_dato(slutt_tekst, "/periodeSlutt")
    if periode_type not in (None, "", "Inklusiv", "Eksklusiv"):
        raise Valideringsfeil.for_felt("/periodeType", "Periodetype må være Inklusiv eller Eksklusiv")
    eksklusiv = slutt if periode_type == "Eksklusiv" else slutt + timedelta(days=1)
    if start >= eksklusiv:
        raise Valideringsfeil.for_felt("/periodeStart", "Periodeslutt må være etter periodestart")
    return Periode(start, eksklusiv)


def les_belop(verdi: str | None) -> int:
    tekst = (verdi or "").strip()
    if not re.fullmatch(r"[+-]?\d{1,12}", tekst) or int(tekst) <= 0:
        raise Valideringsfeil.for_felt("/belop", "Beløp må være positivt")
    belop = int(tekst)
    if not passer_i_int32(belop):
        raise Valideringsfeil.for_felt("/belop", "Beløp kan ikke være større enn 2147483647")
    return belop


@dataclass(frozen=True, slots=True)
class KravSkjema:
    """The form of POST …/opprett-krav as text, before any check."""

    periode_start: str | None
    periode_slutt: str | None
    periode_type: str | None
    kid_nummer: str | None
    belop: str | None
    bekreftet: str | None
    antall_filer: int
    vedlegg_ider: tuple[str, ...]


def sjekk_periode(modell: KravModell, g: Gjennomforing, t: Tiltakstype, p: Periode, idag: date,
                  eksisterende: Sequence[Utbetaling]) -> None:  # fmt: skip
    """§8.4 upper limit, lower limit, gjennomføring overlap, and the timepris rules, in that order."""
    if p.slutt > ovre_grense(modell, t, idag):
        raise Valideringsfeil.for_felt(
            "/periodeSlutt", "Du kan ikke sende inn for valgt periode før perioden er passert"
        )
    if p.start < t.gyldig_fra:
        raise Valideringsfeil.for_felt("/periodeStart", f"Perioden kan ikke starte før {t.gyldig_fra:%d.%m.%Y}")
    if not _overlapper_gjennomforing(g, p.start, p.slutt):
        raise Valideringsfeil.for_felt("/periodeStart", "Perioden må overlappe tiltaksgjennomføringens periode")
    if modell is KravModell.TIMEPRIS:
        if p.start.day != 1 or p.slutt != neste_maned(p.start):
            raise Valideringsfeil.for_felt("/periodeStart", "Perioden må være én hel kalendermåned")
        if _maned_er_krevd(eksisterende, p.start, p.slutt):
            raise Valideringsfeil.for_felt("/periodeStart", DUPLIKAT_TEKST)


DUPLIKAT_TEKST = "Det finnes allerede et krav om utbetaling for denne perioden"


def sjekk_antall_vedlegg(modell: KravModell, antall: int) -> None:
    if antall < min_antall_vedlegg(modell):
        raise Valideringsfeil.for_felt("/vedlegg", "Du må legge ved vedlegg")
    if antall > MAKS_ANTALL_VEDLEGG:
        raise Valideringsfeil.for_felt("/vedlegg", "Du kan ikke legge ved mer enn 10 vedlegg")


def les_bekreftet(verdi: str | None) -> None:
    """§8.3 `bekreftet` (optional): if given, it must be true."""
    if verdi is None or verdi.strip().lower() == "true":
        return
    raise Valideringsfeil([FeltFeil("/bekreftet", "Du må bekrefte at opplysningene er korrekte")])


def vedlegg_feil(ider: Sequence[str], gyldige: set[str]) -> None:
    """ "Vedlegget finnes ikke" for the first id that is unknown, expired, foreign or used (§8.4)."""
    sett: set[str] = set()
    for i, vid in enumerate(ider):
        if vid not in gyldige or vid in sett:
            raise Valideringsfeil.for_felt(f"/vedleggIds/{i}", "Vedlegget finnes ikke")
        sett.add(vid)
