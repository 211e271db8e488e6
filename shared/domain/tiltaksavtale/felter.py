"""Which content fields each tiltakstype requires before approval (avtale.md §4.1–4.9): `felter_som_mangler`
drives the status (§5.1) and the "Alt må være fylt ut" error, one pointer per missing field (§5.3)."""

from __future__ import annotations

from typing import Final

from shared.domain.tiltaksavtale.innhold import Avtaleinnhold, Fadder, er_tom
from shared.domain.tiltaksavtale.kodeverk import Lonnstype, Tiltakstype

FELLES: Final = (
    "deltaker_fornavn",
    "deltaker_etternavn",
    "deltaker_tlf",
    "bedrift_navn",
    "arbeidsgiver_fornavn",
    "arbeidsgiver_etternavn",
    "arbeidsgiver_tlf",
    "veileder_fornavn",
    "veileder_etternavn",
    "veileder_tlf",
    "start_dato",
    "slutt_dato",
    "oppfolging",
    "tilrettelegging",
)
"""§4.1 and §4.2: the kontaktpunkter, the dates and the mandatory tilrettelegging/oppfølging section."""

STILLING: Final = ("stillingstittel", "arbeidsoppgaver", "stillingprosent")
BEREGNING: Final = ("manedslonn", "feriepengesats", "arbeidsgiveravgift", "otp_sats")
"""The grant basis of §4.5; incomplete blocks approval ("Beregning av tilskudd må være utfylt")."""

PER_TYPE: Final[dict[Tiltakstype, tuple[str, ...]]] = {
    Tiltakstype.VTAO: (*STILLING, "stillingstype", "har_familietilknytning", "fadder"),
    Tiltakstype.ARBEIDSTRENING: (*STILLING, "antall_dager_per_uke", "opplaeringsplan", "maal"),
    Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD: (
        *STILLING,
        "antall_dager_per_uke",
        "stillingstype",
        "lonnstilskudd_formaal",
        "har_familietilknytning",
        *BEREGNING,
    ),
    Tiltakstype.VARIG_LONNSTILSKUDD: (
        *STILLING,
        "antall_dager_per_uke",
        "stillingstype",
        "lonnstilskudd_formaal",
        "har_familietilknytning",
        "lonnstilskudd_prosent",
        *BEREGNING,
    ),
    Tiltakstype.SOMMERJOBB: (
        *STILLING,
        "antall_dager_per_uke",
        "har_familietilknytning",
        "lonnstilskudd_prosent",
        *BEREGNING,
    ),
    Tiltakstype.MENTOR: (
        "mentor_fornavn",
        "mentor_etternavn",
        "mentor_tlf",
        "mentor_oppgaver",
        "mentor_antall_timer",
        "mentor_valgt_lonnstype",
        "mentor_valgt_lonnstype_belop",
        "feriepengesats",
        "otp_sats",
        "arbeidsgiveravgift",
        "har_familietilknytning",
    ),
    Tiltakstype.INKLUDERINGSTILSKUDD: (
        "inkluderingstilskuddsutgifter",
        "inkluderingstilskudd_begrunnelse",
        "har_familietilknytning",
    ),
}


def _fadder_mangler(fadder: Fadder | None) -> bool:
    if fadder is None:
        return True
    if fadder.samme_som_kontaktperson:
        return False
    return any(er_tom(v) for v in (fadder.fornavn, fadder.etternavn, fadder.tlf))


def _betingede(tiltakstype: Tiltakstype, innhold: Avtaleinnhold) -> list[str]:
    """Fields required only by another field's value."""
    felt: list[str] = []
    if innhold.har_familietilknytning and tiltakstype != Tiltakstype.INKLUDERINGSTILSKUDD:
        felt.append("familietilknytning_forklaring")
    if tiltakstype == Tiltakstype.MENTOR and innhold.mentor_valgt_lonnstype not in (None, Lonnstype.TIMELONN):
        felt.append("stillingprosent")
    return felt


def pakrevde_felter(tiltakstype: Tiltakstype, innhold: Avtaleinnhold) -> tuple[str, ...]:
    return (*FELLES, *PER_TYPE[tiltakstype], *_betingede(tiltakstype, innhold))


def felter_som_mangler(tiltakstype: Tiltakstype, innhold: Avtaleinnhold) -> tuple[str, ...]:
    """The required fields that are blank, in the order of the form."""
    mangler: list[str] = []
    for felt in pakrevde_felter(tiltakstype, innhold):
        verdi = getattr(innhold, felt)
        tom = _fadder_mangler(verdi) if felt == "fadder" else er_tom(verdi)
        if tom:
            mangler.append(felt)
    return tuple(mangler)


def beregning_mangler(tiltakstype: Tiltakstype, innhold: Avtaleinnhold) -> bool:
    """The §4.5 grant basis is incomplete (lønnstilskudd and sommerjobb only)."""
    if tiltakstype not in (
        Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD,
        Tiltakstype.VARIG_LONNSTILSKUDD,
        Tiltakstype.SOMMERJOBB,
    ):
        return False
    return any(er_tom(getattr(innhold, f)) for f in BEREGNING)
