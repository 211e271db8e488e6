"""Who may reach an avtale (avtale.md §2.2–2.4), as pure checks over what the ports answered: the arbeidsgiver by
the Altinn resource of the tiltakstype, the deltaker and the mentor by fnr, Nav employees by person access with
the kode 6 stop and the innsatsgruppe rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.datoer import idag as dato_i_oslo
from shared.domain.tiltaksavtale.feil import AvtaleIkkeTilgang, regelbrudd
from shared.domain.tiltaksavtale.kodeverk import (
    ADRESSESPERRE_RESSURS,
    STRENGT_FORTROLIGE,
    TYPER,
    Adressebeskyttelse,
    Innsatsgruppe,
    Tiltakstype,
)

IKKE_TILGANG_TIL_AVTALE: Final = "Du har ikke tilgang til denne avtalen"
IKKE_TILGANG_ARBEIDSGIVER_DELTAKER: Final = (
    "Du har dessverre ikke tilgang til å opprette avtale på denne deltakeren. Ta kontakt med Nav."
)
PERSON_AVVIST: Final = "Dette er en avtale med {grad} opplysninger. Du har ikke tilgang til denne avtalen."
IKKE_TILGANG_TIL_DELTAKER: Final = "Du har ikke tilgang til deltaker"
KVALIFISERER_IKKE: Final = (
    "Deltaker kvalifiserer ikke til dette tiltaket. Ved endringer i innsatsbehovet kan det ta opptil 5 min før det "
    "er oppdatert."
)
ETTER_SLUTT: Final = timedelta(weeks=12)
"""The arbeidsgiver keeps access to an inngått avtale until sluttdato + 12 weeks, and 84 days after annulment."""

Rettigheter = Mapping[str, frozenset[str]]
"""The port AltinnRettigheter's answer: {ressurs: orgnr the person may act for}."""


def har_ressurs(rettigheter: Rettigheter, ressurs: str, orgnr: str) -> bool:
    return orgnr in rettigheter.get(ressurs, frozenset())


def er_beskyttet(gradering: Adressebeskyttelse) -> bool:
    return gradering != Adressebeskyttelse.UGRADERT


def _innenfor_tidsrom(a: Tiltaksavtale, idag: date) -> bool:
    if a.annullert_tidspunkt is not None:
        return idag <= dato_i_oslo(a.annullert_tidspunkt) + ETTER_SLUTT
    if a.er_inngatt and a.innhold.slutt_dato is not None:
        return idag <= a.innhold.slutt_dato + ETTER_SLUTT
    return True


def arbeidsgiver_kan_se(a: Tiltaksavtale, r: Rettigheter, gradering: Adressebeskyttelse, idag: date) -> bool:
    """§2.3 scope and §2.5 adressesperre; a feilregistrert avtale exists for nobody."""
    if a.feilregistrert or not har_ressurs(r, TYPER[a.tiltakstype].ressurs, a.bedrift_nr):
        return False
    if er_beskyttet(gradering) and not har_ressurs(r, ADRESSESPERRE_RESSURS, a.bedrift_nr):
        return False
    return _innenfor_tidsrom(a, idag)


def sjekk_arbeidsgiver(a: Tiltaksavtale, r: Rettigheter, gradering: Adressebeskyttelse, idag: date) -> None:
    if not arbeidsgiver_kan_se(a, r, gradering, idag):
        raise AvtaleIkkeTilgang(IKKE_TILGANG_TIL_AVTALE, "IKKE_TILGANG_TIL_AVTALE")


def sjekk_arbeidsgiver_kan_opprette(t: Tiltakstype, orgnr: str, r: Rettigheter, gradering: Adressebeskyttelse) -> None:
    info = TYPER[t]
    if not har_ressurs(r, info.ressurs, orgnr):
        tittel = info.tittel.removeprefix("Avtale om ")
        raise AvtaleIkkeTilgang(
            f"Du har ikke tilgang til å opprette avtale om {tittel} for virksomhet {orgnr}. "
            f"Enkeltrettigheten «{info.rettighet}» må delegeres i Altinn."
        )
    if er_beskyttet(gradering) and not har_ressurs(r, ADRESSESPERRE_RESSURS, orgnr):
        raise AvtaleIkkeTilgang(IKKE_TILGANG_ARBEIDSGIVER_DELTAKER, "IKKE_TILGANG_TIL_DELTAKER_ARBEIDSGIVER")


def deltaker_kan_se(a: Tiltaksavtale, pid: str) -> bool:
    return not a.feilregistrert and a.deltaker_fnr == pid


def mentor_kan_se(a: Tiltaksavtale, pid: str, *, krever_signatur: bool = True) -> bool:
    """The mentor reads only after signing the taushetserklæring; the signing route itself needs the fnr only."""
    if a.feilregistrert or a.mentor_fnr != pid:
        return False
    return not krever_signatur or a.godkjenninger.mentor_taushetserklaering is not None


class Avvisning(StrEnum):
    """Why person access was refused (port PersonTilgang, Nav: poao-tilgang)."""

    STRENGT_FORTROLIG = "STRENGT_FORTROLIG"
    FORTROLIG = "FORTROLIG"
    SKJERMET = "SKJERMET"
    ENHET = "ENHET"


@dataclass(frozen=True, slots=True)
class Person:
    """What the person port says about a deltaker (PDL) and the oppfølging register."""

    fnr: str
    fornavn: str
    etternavn: str
    fodselsdato: date
    adressebeskyttelse: Adressebeskyttelse = Adressebeskyttelse.UGRADERT
    skjermet: bool = False
    geografisk_enhet: str | None = None
    oppfolgingsenhet: str | None = None


@dataclass(frozen=True, slots=True)
class NavAnsattInfo:
    """Port NavAnsattEnheter: the employee's enheter and groups (`fortrolig`, `strengt_fortrolig`, `skjermet`)."""

    navident: str
    enheter: frozenset[str]
    grupper: frozenset[str] = frozenset()


def lokal_persontilgang(ansatt: NavAnsattInfo, person: Person) -> Avvisning | None:
    """§2.4 local rule: None = allowed."""
    b = person.adressebeskyttelse
    if b in STRENGT_FORTROLIGE and "strengt_fortrolig" not in ansatt.grupper:
        return Avvisning.STRENGT_FORTROLIG
    if b == Adressebeskyttelse.FORTROLIG and "fortrolig" not in ansatt.grupper:
        return Avvisning.FORTROLIG
    if person.skjermet and "skjermet" not in ansatt.grupper:
        return Avvisning.SKJERMET
    if not ({person.oppfolgingsenhet, person.geografisk_enhet} & ansatt.enheter):
        return Avvisning.ENHET
    return None


_AVVIST: Final[dict[Avvisning, tuple[str, str]]] = {
    Avvisning.STRENGT_FORTROLIG: (
        PERSON_AVVIST.format(grad="strengt fortrolige"),
        "IKKE_TILGANG_TIL_DELTAKER_STRENGT_FORTROLIG",
    ),
    Avvisning.FORTROLIG: (PERSON_AVVIST.format(grad="fortrolige"), "IKKE_TILGANG_TIL_DELTAKER_FORTROLIG"),
    Avvisning.SKJERMET: (PERSON_AVVIST.format(grad="skjermede"), "IKKE_TILGANG_TIL_DELTAKER_SKJERMET"),
    Avvisning.ENHET: (IKKE_TILGANG_TIL_DELTAKER, "IKKE_TILGANG_TIL_DELTAKER"),
}


def persontilgang_feil(avvisning: Avvisning) -> AvtaleIkkeTilgang:
    tekst, kode = _AVVIST[avvisning]
    return AvtaleIkkeTilgang(tekst, kode)


def sjekk_persontilgang(avvisning: Avvisning | None) -> None:
    if avvisning is not None:
        raise persontilgang_feil(avvisning)


def sjekk_kode6(person: Person) -> None:
    """Kode 6 stop (Nav's toggle `kode6Sperre`, always on): no veileder creates or approves for a strengt
    fortrolig deltaker."""
    if person.adressebeskyttelse in STRENGT_FORTROLIGE:
        raise persontilgang_feil(Avvisning.STRENGT_FORTROLIG)


_VARIG_GRUPPER: Final = frozenset({Innsatsgruppe.JOBBE_DELVIS, Innsatsgruppe.LITEN_MULIGHET_TIL_A_JOBBE})


def gyldig_innsatsgruppe(t: Tiltakstype, gruppe: Innsatsgruppe | None) -> bool:
    """§2.4: never checked for SOMMERJOBB."""
    if t == Tiltakstype.SOMMERJOBB:
        return True
    if t in (Tiltakstype.VTAO, Tiltakstype.VARIG_LONNSTILSKUDD):
        return gruppe in _VARIG_GRUPPER
    return gruppe is not None and gruppe != Innsatsgruppe.GODE_MULIGHETER


def sjekk_innsatsgruppe(t: Tiltakstype, gruppe: Innsatsgruppe | None) -> None:
    if not gyldig_innsatsgruppe(t, gruppe):
        raise regelbrudd(KVALIFISERER_IKKE, f"INNSATSGRUPPE_{t.value}_FEIL")


class Enhetstype(StrEnum):
    UNDERENHET = "UNDERENHET"
    JURIDISK_ENHET = "JURIDISK_ENHET"
    ORGANISASJONSLEDD = "ORGANISASJONSLEDD"


@dataclass(frozen=True, slots=True)
class Virksomhet:
    """Port Enhetsregisteret's answer."""

    orgnr: str
    navn: str
    type: Enhetstype
    opphort: bool = False


def sjekk_virksomhet(v: Virksomhet | None) -> Virksomhet:
    """§2.3: an active underenhet, else the register's text at `/bedriftNr`."""
    if v is None:
        raise regelbrudd("Finnes ikke i Enhetsregisteret.", "ENHET_FINNES_IKKE", "/bedriftNr")
    if v.type == Enhetstype.JURIDISK_ENHET:
        raise regelbrudd(
            "Avtale må registreres på virksomhetens virksomhetsnummer, ikke den juridiske enheten.",
            "ENHET_ER_JURIDISK",
            "/bedriftNr",
        )
    if v.type == Enhetstype.ORGANISASJONSLEDD:
        raise regelbrudd(
            "Avtale må registreres på virksomhetens virksomhetsnummer, ikke organisasjonsleddet.",
            "ENHET_ER_ORGLEDD",
            "/bedriftNr",
        )
    if v.opphort:
        raise regelbrudd(
            "Virksomheten er ikke lenger aktiv. Dette kan skyldes at den har lagt ned eller blitt omorganisert.",
            "ENHET_ER_SLETTET",
            "/bedriftNr",
        )
    return v
