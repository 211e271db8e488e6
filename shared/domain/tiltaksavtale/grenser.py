"""Field limits checked on every save (avtale.md §4.1–4.9). Nav leaves most of them to its front end; we check
them on the server (vårt valg, with our texts), except where Nav has a text, which is used exactly."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Final

from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold, er_tom, peker
from shared.domain.tiltaksavtale.kodeverk import Tiltakstype

NAVN: Final = (
    "deltaker_fornavn",
    "deltaker_etternavn",
    "arbeidsgiver_fornavn",
    "arbeidsgiver_etternavn",
    "veileder_fornavn",
    "veileder_etternavn",
    "mentor_fornavn",
    "mentor_etternavn",
)
TELEFON: Final = ("deltaker_tlf", "arbeidsgiver_tlf", "veileder_tlf", "mentor_tlf")
LENGDER: Final[dict[str, int]] = {
    **dict.fromkeys(NAVN, 100),
    "oppfolging": 1000,
    "tilrettelegging": 1000,
    "annen_bistand": 1000,
    "stillingstittel": 255,
    "arbeidsoppgaver": 1000,
    "familietilknytning_forklaring": 500,
    "opplaeringsplan": 1000,
    "mentor_oppgaver": 1000,
    "inkluderingstilskudd_begrunnelse": 1000,
}
OTP_SATS: Final = "Sats for obligatorisk tjenestepensjon må være mellom 0 og 30 %."
UGYLDIG_PROSENT: Final = "Ugyldig lønnstilskudd prosent"
MAKS_MAAL: Final = "Maks lengde for mål er 1000 tegn"
UTGIFT_UFULLSTENDIG: Final = "Inkluderingstilskudd må ha både beløp og type"
SUM_FOR_HOY: Final = "Totalbeløpet for tilskudd overstiger det maksimale beløpet"
KONTAKTPERSON_UFULLSTENDIG: Final = "Fornavn, etternavn og telefonnummer må fylles ut for kontaktpersonen"
TELEFON_UGYLDIG: Final = "Telefonnummeret må ha 8 siffer"


def _for_lang(n: int) -> str:
    return f"Kan ikke være lengre enn {n} tegn"


def _utenfor(tekst: str) -> str:
    return f"Må være {tekst}"


def _lengder(i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    feil = []
    for felt, maks in LENGDER.items():
        verdi = getattr(i, felt)
        if isinstance(verdi, str) and len(verdi) > maks:
            feil.append(AvtaleFeltFeil(peker(felt), _for_lang(maks)))
    return feil


def _telefoner(i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    def ugyldig(tlf: str | None) -> bool:
        return not er_tom(tlf) and not (tlf is not None and len(tlf) == 8 and tlf.isdigit())

    return [AvtaleFeltFeil(peker(f), TELEFON_UGYLDIG) for f in TELEFON if ugyldig(getattr(i, f))]


Intervall = Callable[[Decimal], bool]
INTERVALLER: Final[dict[str, tuple[Intervall, str]]] = {
    "stillingprosent": (lambda x: 0 < x <= 100, "over 0 og høyst 100"),
    "antall_dager_per_uke": (lambda x: 0 < x <= 7, "over 0 og høyst 7"),
    "manedslonn": (lambda x: x >= 0, "0 eller mer"),
    "feriepengesats": (lambda x: 0 <= x < 1, "minst 0 og under 1"),
    "arbeidsgiveravgift": (lambda x: 0 <= x < 1, "minst 0 og under 1"),
    "mentor_antall_timer": (lambda x: x > 0, "over 0"),
    "mentor_valgt_lonnstype_belop": (lambda x: x >= 0, "0 eller mer"),
}


def _intervaller(i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    feil = []
    for felt, (gyldig, tekst) in INTERVALLER.items():
        verdi = getattr(i, felt)
        if verdi is not None and not gyldig(Decimal(verdi)):
            feil.append(AvtaleFeltFeil(peker(felt), _utenfor(tekst)))
    if i.otp_sats is not None and not 0 <= i.otp_sats <= Decimal("0.30"):
        feil.append(AvtaleFeltFeil(peker("otp_sats"), OTP_SATS, "FEIL_OTP_SATS"))
    return feil


def _kontaktperson(t: Tiltakstype, i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    k = i.refusjon_kontaktperson
    if k is None:
        return []
    if t == Tiltakstype.MENTOR:
        return [AvtaleFeltFeil(peker("refusjon_kontaktperson"), "Kontaktperson for refusjon gjelder ikke mentor")]
    deler = (k.fornavn, k.etternavn, k.tlf)
    if any(not er_tom(d) for d in deler) and any(er_tom(d) for d in deler):
        return [AvtaleFeltFeil(peker("refusjon_kontaktperson"), KONTAKTPERSON_UFULLSTENDIG)]
    return []


def _prosent(t: Tiltakstype, i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    p = i.lonnstilskudd_prosent
    if p is None:
        return []
    gyldig = {Tiltakstype.VARIG_LONNSTILSKUDD: 0 <= p <= 75, Tiltakstype.SOMMERJOBB: p in (50, 75)}.get(t, True)
    return (
        []
        if gyldig
        else [AvtaleFeltFeil(peker("lonnstilskudd_prosent"), UGYLDIG_PROSENT, "LONNSTILSKUDD_PROSENT_ER_UGYLDIG")]
    )


def _maal(i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    return [
        AvtaleFeltFeil(peker("maal", n, "beskrivelse"), MAKS_MAAL)
        for n, m in enumerate(i.maal)
        if m.beskrivelse is not None and len(m.beskrivelse) > 1000
    ]


def inkluderingstilskudd_maks(ar: int | None) -> int:
    """The yearly maximum of the year of sluttDato (§4.9); any year (the latest) when it is missing."""
    if ar is None or ar >= 2026:
        return 160_400
    return {2025: 154_800, 2024: 149_100}.get(ar, 143_900)


def utgifter(i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    """Every line needs type and an amount > 0; the sum at most the year's maximum."""
    feil = [
        AvtaleFeltFeil(peker("inkluderingstilskuddsutgifter", n), UTGIFT_UFULLSTENDIG)
        for n, u in enumerate(i.inkluderingstilskuddsutgifter)
        if u.type is None or u.belop is None or u.belop <= 0
    ]
    total = sum(u.belop or 0 for u in i.inkluderingstilskuddsutgifter)
    if total > inkluderingstilskudd_maks(i.slutt_dato.year if i.slutt_dato else None):
        feil.append(
            AvtaleFeltFeil(peker("inkluderingstilskuddsutgifter"), SUM_FOR_HOY, "INKLUDERINGSTILSKUDD_SUM_FOR_HØY")
        )
    return feil


def sjekk_grenser(t: Tiltakstype, i: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    """Every limit of the content, all reported together."""
    feil = _lengder(i) + _telefoner(i) + _intervaller(i) + _kontaktperson(t, i) + _prosent(t, i) + _maal(i)
    if t == Tiltakstype.INKLUDERINGSTILSKUDD:
        feil += utgifter(i)
    return feil
