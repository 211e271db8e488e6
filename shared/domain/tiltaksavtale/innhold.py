"""The content of one version of a tiltaksavtale (avtale.md §4.1–4.9): one model for every tiltakstype, as Nav's
AvtaleInnhold, with every field optional so an unfinished avtale can be saved (§4.1: missing fields only block
approval). Field names are snake_case in Python and camelCase on the wire (the pointers `/innhold/{field}`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from shared.domain.tiltaksavtale.kodeverk import (
    LonnstilskuddFormaal,
    Lonnstype,
    MaalKategori,
    Stillingstype,
    Utgiftstype,
)

_MODELL = ConfigDict(frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True)


def peker(felt: str, *deler: int | str) -> str:
    """The JSON pointer of a content field: `peker("slutt_dato")` = "/innhold/sluttDato"."""
    return "/".join(["/innhold", to_camel(felt), *(str(d) for d in deler)])


class Maal(BaseModel):
    """One goal of an arbeidstrening (§4.4)."""

    model_config = _MODELL
    kategori: MaalKategori | None = None
    beskrivelse: str | None = None


class Utgift(BaseModel):
    """One covered cost of an inkluderingstilskudd (§4.9)."""

    model_config = _MODELL
    type: Utgiftstype | None = None
    belop: int | None = None


class Kontaktperson(BaseModel):
    """`refusjonKontaktperson` (§4.1): all of the first three or none."""

    model_config = _MODELL
    fornavn: str | None = None
    etternavn: str | None = None
    tlf: str | None = None
    onsker_varsling: bool | None = None


class Fadder(BaseModel):
    """The VTA-O fadder (§4.3, avvik): a named person, or the workplace's kontaktperson."""

    model_config = _MODELL
    fornavn: str | None = None
    etternavn: str | None = None
    tlf: str | None = None
    samme_som_kontaktperson: bool | None = None


class Avtaleinnhold(BaseModel):
    """Every content field of every type; which ones a type requires is in `felter.py`."""

    model_config = _MODELL

    deltaker_fornavn: str | None = None
    deltaker_etternavn: str | None = None
    deltaker_tlf: str | None = None
    bedrift_navn: str | None = None
    arbeidsgiver_fornavn: str | None = None
    arbeidsgiver_etternavn: str | None = None
    arbeidsgiver_tlf: str | None = None
    veileder_fornavn: str | None = None
    veileder_etternavn: str | None = None
    veileder_tlf: str | None = None
    start_dato: date | None = None
    slutt_dato: date | None = None
    oppfolging: str | None = None
    tilrettelegging: str | None = None
    annen_bistand: str | None = None
    refusjon_kontaktperson: Kontaktperson | None = None

    stillingstittel: str | None = None
    stilling_styrk08: int | None = None
    stilling_konsept_id: int | None = None
    arbeidsoppgaver: str | None = None
    stillingprosent: Decimal | None = None
    antall_dager_per_uke: Decimal | None = None
    stillingstype: Stillingstype | None = None
    har_familietilknytning: bool | None = None
    familietilknytning_forklaring: str | None = None
    manedslonn: int | None = None
    fadder: Fadder | None = None

    opplaeringsplan: str | None = None
    maal: tuple[Maal, ...] = ()

    lonnstilskudd_formaal: LonnstilskuddFormaal | None = None
    lonnstilskudd_prosent: int | None = None
    feriepengesats: Decimal | None = None
    arbeidsgiveravgift: Decimal | None = None
    otp_sats: Decimal | None = None

    mentor_fornavn: str | None = None
    mentor_etternavn: str | None = None
    mentor_tlf: str | None = None
    mentor_oppgaver: str | None = None
    mentor_antall_timer: Decimal | None = None
    mentor_valgt_lonnstype: Lonnstype | None = None
    mentor_valgt_lonnstype_belop: int | None = None

    inkluderingstilskuddsutgifter: tuple[Utgift, ...] = ()
    inkluderingstilskudd_begrunnelse: str | None = None


def er_tom(verdi: object) -> bool:
    """Blank = missing (§4.1): None, an empty or whitespace string, an empty list."""
    if verdi is None:
        return True
    if isinstance(verdi, str):
        return not verdi.strip()
    if isinstance(verdi, tuple):
        return len(verdi) == 0
    return False
