"""Date checks (avtale.md §4.10) and each type's duration and age limits (§4.3–4.9). On a save they point into
the request (`/innhold/sluttDato`); at veileder approval, forleng and forkort they check the stored values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from shared.domain.tiltaksavtale.datoer import dager, har_fylt, pluss_ar, pluss_maneder
from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil
from shared.domain.tiltaksavtale.innhold import peker
from shared.domain.tiltaksavtale.kodeverk import Innsatsgruppe, Tiltakstype

MAKS_SLUTTDATO: Final = date(2089, 12, 31)
VTAO_GYLDIG_FRA: Final = date(2025, 7, 1)
"""The TAO gyldig start: Arena paid earlier periods (§4.3, vårt valg)."""
START_ETTER_SLUTT: Final = "Startdato er etter sluttdato"
SLUTTDATO_GRENSE: Final = "Maksimal sluttdato er overskredet. Maksimal sluttdato er 31.12.2089."
FORTIDLIG_STARTDATO: Final = "Startdatoen for avtalen er mer enn 7 dager tilbake i tid og må derfor åpnes av NAV"
TILBAKE_I_TID: Final = "Dato på varighet er tilbake i tid"
UNDER_67: Final = "Deltaker må være under 67 år ved sluttdatoen av tiltaket"
UNDER_72: Final = "Deltaker må være under 72 år ved sluttdatoen av tiltaket"
SOMMER_FOR_TIDLIG: Final = "Sommerjobb kan ikke starte før 01.06"
SOMMER_FOR_SENT: Final = "Sommerjobb kan ikke starte etter 31.08"
SOMMER_FOR_LANG: Final = "Sommerjobb kan ikke vare lenger enn 4 uker"
SOMMER_30_FOR_START: Final = "Deltaker kan ikke ha fylt 30 år før startdatoen til dette tiltaket"
_LANG_MENTOR: Final = frozenset(
    {
        Innsatsgruppe.TRENGER_VEILEDNING_NEDSATT_ARBEIDSEVNE,
        Innsatsgruppe.JOBBE_DELVIS,
        Innsatsgruppe.LITEN_MULIGHET_TIL_A_JOBBE,
    }
)


@dataclass(frozen=True, slots=True)
class Datogrunnlag:
    """What the checks read besides the dates."""

    tiltakstype: Tiltakstype
    idag: date
    fodselsdato: date | None
    innsatsgruppe: Innsatsgruppe | None
    inngatt: bool = False
    etterregistrering: bool = False
    arbeidsgiver_ufordelt: bool = False
    """An arbeidsgiver saving an avtale without a veileder."""
    lagret: bool = False
    """Checking the stored values: errors point at "/"."""


def varighet_tekst(maneder: int) -> str:
    return f"Avtalens varighet er maksimalt {maneder} måneder"


def _p(g: Datogrunnlag, felt: str) -> str:
    return "/" if g.lagret else peker(felt)


def _felles(start: date | None, slutt: date | None, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    feil = []
    if start and slutt and start > slutt:
        feil.append(AvtaleFeltFeil(_p(g, "start_dato"), START_ETTER_SLUTT, "START_ETTER_SLUTT"))
    if slutt and slutt > MAKS_SLUTTDATO:
        feil.append(AvtaleFeltFeil(_p(g, "slutt_dato"), SLUTTDATO_GRENSE, "SLUTTDATO_GRENSE_NÅDD"))
    if start and not g.inngatt and not g.etterregistrering and start + dager(7) < g.idag:
        feil.append(AvtaleFeltFeil(_p(g, "start_dato"), FORTIDLIG_STARTDATO, "FORTIDLIG_STARTDATO"))
    if g.arbeidsgiver_ufordelt and any(d is not None and d < g.idag for d in (start, slutt)):
        feil.append(AvtaleFeltFeil(_p(g, "start_dato"), TILBAKE_I_TID, "VARIGHET_DATO_TILBAKE_I_TID"))
    return feil


def maks_varighet(g: Datogrunnlag) -> tuple[int, int] | None:
    """(months, days to subtract) of the type's longest duration, or None when unlimited."""
    t = g.tiltakstype
    if t == Tiltakstype.ARBEIDSTRENING:
        return 18, 1
    if t == Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD:
        kort = g.innsatsgruppe in (None, Innsatsgruppe.TRENGER_VEILEDNING)
        return (12 if kort else 24), 1
    if t == Tiltakstype.MENTOR:
        return (36 if g.innsatsgruppe in _LANG_MENTOR else 6), 1
    if t == Tiltakstype.INKLUDERINGSTILSKUDD:
        return 12, 0
    return None


def _varighet(start: date, slutt: date, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    grense = maks_varighet(g)
    if grense is None:
        return []
    maneder, minus = grense
    if slutt <= pluss_maneder(start, maneder) - dager(minus):
        return []
    kode = "VARIGHET_FOR_LANG_ARBEIDSTRENING" if g.tiltakstype == Tiltakstype.ARBEIDSTRENING else None
    return [AvtaleFeltFeil(_p(g, "slutt_dato"), varighet_tekst(maneder), kode)]


def _alder(start: date | None, slutt: date | None, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    f = g.fodselsdato
    if f is None:
        return []
    if g.tiltakstype == Tiltakstype.SOMMERJOBB:
        if start and pluss_ar(f, 30) < start:
            return [AvtaleFeltFeil(_p(g, "start_dato"), SOMMER_30_FOR_START)]
        return []
    ar, tekst, kode = (
        (67, UNDER_67, "DELTAKER_67_AAR") if g.tiltakstype == Tiltakstype.VTAO else (72, UNDER_72, "DELTAKER_72_AAR")
    )
    if slutt and har_fylt(f, ar, slutt):
        return [AvtaleFeltFeil(_p(g, "slutt_dato"), tekst, kode)]
    return []


def _sommer(start: date | None, slutt: date | None, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    feil = []
    for felt, d, siste in (("start_dato", start, (8, 31)), ("slutt_dato", slutt, (9, 27))):
        if d is None:
            continue
        if d < date(d.year, 6, 1):
            feil.append(AvtaleFeltFeil(_p(g, felt), SOMMER_FOR_TIDLIG))
        elif d > date(d.year, *siste):
            feil.append(AvtaleFeltFeil(_p(g, felt), SOMMER_FOR_SENT))
    if start and slutt and slutt > start + dager(27):
        feil.append(AvtaleFeltFeil(_p(g, "slutt_dato"), SOMMER_FOR_LANG))
    return feil


def _type(start: date | None, slutt: date | None, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    feil = _alder(start, slutt, g)
    if start and slutt and start <= slutt:
        feil += _varighet(start, slutt, g)
    if g.tiltakstype == Tiltakstype.SOMMERJOBB:
        feil += _sommer(start, slutt, g)
    if g.tiltakstype == Tiltakstype.VTAO and start and start < VTAO_GYLDIG_FRA:
        feil.append(AvtaleFeltFeil(_p(g, "start_dato"), "Startdato kan ikke være før 01.07.2025"))
    return feil


def sjekk_datoer(start: date | None, slutt: date | None, g: Datogrunnlag) -> list[AvtaleFeltFeil]:
    """§4.10 and the type's limits, all reported together."""
    return _felles(start, slutt, g) + _type(start, slutt, g)
