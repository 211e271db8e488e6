"""Builders for the tiltaksavtale tests: real dates, a complete content per tiltakstype, defaults everywhere."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from shared.domain.tiltaksavtale.avtale import AvtaleId, Enhet, Godkjenning, Tiltaksavtale
from shared.domain.tiltaksavtale.hendelser import Aktor
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold, Fadder, Maal, Utgift
from shared.domain.tiltaksavtale.kodeverk import (
    Innsatsgruppe,
    LonnstilskuddFormaal,
    Lonnstype,
    MaalKategori,
    Opphav,
    Rolle,
    Status,
    Stillingstype,
    Tiltakstype,
    Utgiftstype,
)
from shared.domain.tiltaksavtale.status import utled_status
from shared.domain.tiltaksavtale.varsler import Kontekst

NA = datetime(2025, 9, 10, 8, 0, tzinfo=UTC)
IDAG = date(2025, 9, 10)
BEDRIFT = "910825526"
VEILEDER = "Z123456"
BESLUTTER = "B654321"
ARBEIDSGIVER_PID = "01017012345"


def _gyldig_fnr(fodselsdato: str, individ: str) -> str:
    """A MOD11-valid fødselsnummer for `ddmmyy` + 3-digit individnummer."""
    v1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    v2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    for siste in range(1000):
        grunn = fodselsdato + f"{(int(individ) + siste) % 1000:03d}"
        s = [int(c) for c in grunn]
        k1 = 11 - sum(a * b for a, b in zip(s, v1, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        s.append(k1)
        k2 = 11 - sum(a * b for a, b in zip(s, v2, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return grunn + str(k1) + str(k2)
    raise AssertionError("fant ikke gyldig fnr")


DELTAKER_FNR = _gyldig_fnr("150685", "123")
MENTOR_FNR = _gyldig_fnr("020280", "456")
FODSELSDATO = date(1985, 6, 15)
UNG = date(2005, 3, 1)
"""A sommerjobb deltaker must be under 30."""


def ktx(na: datetime = NA) -> Kontekst:
    return Kontekst(na=na, lenke="https://arbeidsgiver.test", intern_lenke="https://nav.test")


def veileder(ident: str = VEILEDER) -> Aktor:
    return Aktor(Rolle.VEILEDER, ident)


def arbeidsgiver() -> Aktor:
    return Aktor(Rolle.ARBEIDSGIVER, ARBEIDSGIVER_PID)


def deltaker() -> Aktor:
    return Aktor(Rolle.DELTAKER, DELTAKER_FNR)


def mentor() -> Aktor:
    return Aktor(Rolle.MENTOR, MENTOR_FNR)


def beslutter(ident: str = BESLUTTER) -> Aktor:
    return Aktor(Rolle.BESLUTTER, ident)


FELLES = {
    "deltaker_fornavn": "Kari",
    "deltaker_etternavn": "Nordmann",
    "deltaker_tlf": "41234567",
    "bedrift_navn": "Snekkeri AS",
    "arbeidsgiver_fornavn": "Per",
    "arbeidsgiver_etternavn": "Hansen",
    "arbeidsgiver_tlf": "92345678",
    "veileder_fornavn": "Vera",
    "veileder_etternavn": "Veileder",
    "veileder_tlf": "48765432",
    "start_dato": date(2025, 9, 15),
    "slutt_dato": date(2026, 12, 31),
    "oppfolging": "Samtale hver måned",
    "tilrettelegging": "Tilpasset arbeidstid",
}
STILLING = {"stillingstittel": "Snekker", "arbeidsoppgaver": "Bygge", "stillingprosent": Decimal(50)}
BEREGNING = {
    "manedslonn": 30000,
    "feriepengesats": Decimal("0.12"),
    "arbeidsgiveravgift": Decimal("0.141"),
    "otp_sats": Decimal("0.02"),
}
PER_TYPE: dict[Tiltakstype, dict[str, object]] = {
    Tiltakstype.VTAO: {
        **STILLING,
        "stillingstype": Stillingstype.FAST,
        "har_familietilknytning": False,
        "fadder": Fadder(samme_som_kontaktperson=True),
    },
    Tiltakstype.ARBEIDSTRENING: {
        **STILLING,
        "antall_dager_per_uke": Decimal(5),
        "opplaeringsplan": "Lære verktøy",
        "maal": (Maal(kategori=MaalKategori.ARBEIDSERFARING, beskrivelse="Få erfaring"),),
        "slutt_dato": date(2026, 3, 14),
    },
    Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD: {
        **STILLING,
        **BEREGNING,
        "antall_dager_per_uke": Decimal(5),
        "stillingstype": Stillingstype.FAST,
        "lonnstilskudd_formaal": LonnstilskuddFormaal.SKAFFE_ARBEID,
        "har_familietilknytning": False,
        "slutt_dato": date(2026, 9, 14),
    },
    Tiltakstype.VARIG_LONNSTILSKUDD: {
        **STILLING,
        **BEREGNING,
        "antall_dager_per_uke": Decimal(5),
        "stillingstype": Stillingstype.FAST,
        "lonnstilskudd_formaal": LonnstilskuddFormaal.BEHOLDE_ARBEID,
        "har_familietilknytning": False,
        "lonnstilskudd_prosent": 60,
    },
    Tiltakstype.SOMMERJOBB: {
        **STILLING,
        **BEREGNING,
        "antall_dager_per_uke": Decimal(5),
        "har_familietilknytning": False,
        "lonnstilskudd_prosent": 50,
        "start_dato": date(2026, 6, 15),
        "slutt_dato": date(2026, 7, 12),
    },
    Tiltakstype.MENTOR: {
        "mentor_fornavn": "Mona",
        "mentor_etternavn": "Mentor",
        "mentor_tlf": "97654321",
        "mentor_oppgaver": "Veilede",
        "mentor_antall_timer": Decimal(10),
        "mentor_valgt_lonnstype": Lonnstype.TIMELONN,
        "mentor_valgt_lonnstype_belop": 300,
        "feriepengesats": Decimal("0.12"),
        "otp_sats": Decimal("0.02"),
        "arbeidsgiveravgift": Decimal("0.141"),
        "har_familietilknytning": False,
        "slutt_dato": date(2026, 3, 14),
    },
    Tiltakstype.INKLUDERINGSTILSKUDD: {
        "inkluderingstilskuddsutgifter": (Utgift(type=Utgiftstype.UTSTYR, belop=20000),),
        "inkluderingstilskudd_begrunnelse": "Trenger utstyr",
        "har_familietilknytning": False,
        "slutt_dato": date(2026, 9, 14),
    },
}


def fullt_innhold(t: Tiltakstype, **endringer: object) -> Avtaleinnhold:
    return Avtaleinnhold.model_validate({**FELLES, **PER_TYPE[t], **endringer})


UFERDIG = Avtaleinnhold(deltaker_fornavn="Kari", bedrift_navn="Snekkeri AS")


def lag_avtale(
    t: Tiltakstype = Tiltakstype.VTAO,
    *,
    innhold: Avtaleinnhold | None = None,
    fullt: bool = True,
    idag: date = IDAG,
    **felt: object,
) -> Tiltaksavtale:
    """A saved avtale with a veileder; the status is derived unless `status` is given."""
    data: dict[str, object] = {
        "id": AvtaleId(str(uuid.uuid4())),
        "avtalenr": 1,
        "tiltakstype": t,
        "deltaker_fnr": DELTAKER_FNR,
        "deltaker_fodselsdato": UNG if t == Tiltakstype.SOMMERJOBB else FODSELSDATO,
        "mentor_fnr": MENTOR_FNR if t == Tiltakstype.MENTOR else None,
        "bedrift_nr": BEDRIFT,
        "veileder_navident": VEILEDER,
        "opphav": Opphav.VEILEDER,
        "status": Status.PABEGYNT,
        "opprettet": NA,
        "sist_endret": NA,
        "enhet_oppfolging": Enhet(nr="0301", navn="Nav Oslo"),
        "innsatsgruppe": Innsatsgruppe.JOBBE_DELVIS,
        "kostnadssted": "0301",
        "innhold": innhold
        or (fullt_innhold(t) if fullt else Avtaleinnhold(deltaker_fornavn="Kari", bedrift_navn="Snekkeri AS")),
        **felt,
    }
    a = Tiltaksavtale.model_validate(data)
    if "status" in felt:
        return a
    return a.model_copy(update={"status": utled_status(a, idag)})


def godkjent(tidspunkt: datetime = NA, navident: str | None = None) -> Godkjenning:
    return Godkjenning(tidspunkt=tidspunkt, navident=navident)


def med_godkjenninger(a: Tiltaksavtale, **g: Godkjenning | None) -> Tiltaksavtale:
    return a.model_copy(update={"godkjenninger": a.godkjenninger.model_copy(update=g)})
