"""Rows 1 and 2 of §5.3: a veileder or an arbeidsgiver creates an avtale (PABEGYNT, version 1, name prefilled).
The service has asked the ports; this module checks their answers in the order of the spec."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from shared.domain.tiltaksavtale.avtale import AvtaleId, Enhet, Tiltaksavtale
from shared.domain.tiltaksavtale.datoer import gyldig_fodselsnummer, har_fylt
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, HendelseType, Utfall
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import Innsatsgruppe, Opphav, Rolle, Status, Tiltakstype
from shared.domain.tiltaksavtale.overgang import krev_rolle, utfall
from shared.domain.tiltaksavtale.status import utled_status
from shared.domain.tiltaksavtale.tilgang import (
    Avvisning,
    Person,
    Rettigheter,
    Virksomhet,
    sjekk_arbeidsgiver_kan_opprette,
    sjekk_innsatsgruppe,
    sjekk_kode6,
    sjekk_persontilgang,
    sjekk_virksomhet,
)
from shared.domain.tiltaksavtale.varsler import (
    OPPRETTET_AV_ARBEIDSGIVER_OPPGAVE,
    OPPRETTET_AV_VEILEDER_BESKJED,
    Kontekst,
    beskjed,
    kort_tittel,
    nav_oppgave,
    varsle,
)

UGYLDIG_FNR: Final = "Fødselsnummeret er ikke gyldig. Påse at det er skrevet inn riktig, og prøv igjen."
UNDER_16: Final = "Deltaker må være fylt 16 år"
SAMME_MENTOR: Final = "Deltaker og mentor kan ikke ha det samme fødselsnummeret"
SOMMER_UNDER_30: Final = "Deltaker må være under 30 år for dette tiltaket"
ENHET_MANGLER: Final = (
    "Oppfølgingsenhet mangler. Vennligst påse at deltaker er under oppfølging og har en gyldig oppfølgingsperiode."
)
INNSATSBEHOV_MANGLER: Final = "Innsatsbehov for deltakeren ble ikke funnet"
OPPRETTET_AV_VEILEDER: Final = "Avtale er opprettet av veileder"
OPPRETTET_AV_ARBEIDSGIVER: Final = "Avtale er opprettet av arbeidsgiver"


@dataclass(frozen=True, slots=True)
class NyAvtale:
    """The request `{deltakerFnr, bedriftNr, tiltakstype, mentorFnr?}`."""

    deltaker_fnr: str
    bedrift_nr: str
    tiltakstype: Tiltakstype
    mentor_fnr: str | None = None


@dataclass(frozen=True, slots=True)
class Oppfolgingsstatus:
    """Port Oppfolgingsregister: None fields when the register has none."""

    oppfolgingsenhet: Enhet | None
    innsatsgruppe: Innsatsgruppe | None


@dataclass(frozen=True, slots=True)
class Opprettelsesgrunnlag:
    """The new avtale's id and number (from the counter) and what the ports answered."""

    avtale_id: AvtaleId
    avtalenr: int
    person: Person
    virksomhet: Virksomhet | None
    oppfolging: Oppfolgingsstatus | None


def _sjekk_personer(ny: NyAvtale, person: Person, idag: date) -> None:
    """The §4.10 creation checks and the type-specific age checks."""
    if not gyldig_fodselsnummer(ny.deltaker_fnr):
        raise regelbrudd(UGYLDIG_FNR, pointer="/deltakerFnr")
    if ny.tiltakstype == Tiltakstype.MENTOR:
        if ny.mentor_fnr is None or not gyldig_fodselsnummer(ny.mentor_fnr):
            raise regelbrudd(UGYLDIG_FNR, pointer="/mentorFnr")
        if ny.mentor_fnr == ny.deltaker_fnr:
            raise regelbrudd(SAMME_MENTOR, pointer="/mentorFnr")
    if not har_fylt(person.fodselsdato, 16, idag):
        raise regelbrudd(UNDER_16, pointer="/deltakerFnr")
    if ny.tiltakstype == Tiltakstype.SOMMERJOBB and har_fylt(person.fodselsdato, 30, date(idag.year, 1, 1)):
        raise regelbrudd(SOMMER_UNDER_30, pointer="/deltakerFnr")


def _ny(ny: NyAvtale, g: Opprettelsesgrunnlag, aktor: Aktor, ktx: Kontekst, navn: str) -> Tiltaksavtale:
    veileder = aktor.ident if aktor.rolle == Rolle.VEILEDER else None
    o = g.oppfolging
    enhet_geo = Enhet(nr=g.person.geografisk_enhet) if g.person.geografisk_enhet else None
    a = Tiltaksavtale(
        id=g.avtale_id,
        avtalenr=g.avtalenr,
        tiltakstype=ny.tiltakstype,
        deltaker_fnr=ny.deltaker_fnr,
        deltaker_fodselsdato=g.person.fodselsdato,
        mentor_fnr=ny.mentor_fnr if ny.tiltakstype == Tiltakstype.MENTOR else None,
        bedrift_nr=ny.bedrift_nr,
        veileder_navident=veileder,
        opphav=Opphav.VEILEDER if veileder else Opphav.ARBEIDSGIVER,
        status=Status.PABEGYNT,
        opprettet=ktx.na,
        sist_endret=ktx.na,
        enhet_oppfolging=o.oppfolgingsenhet if o else None,
        enhet_geografisk=enhet_geo,
        innsatsgruppe=o.innsatsgruppe if o else None,
        innhold=Avtaleinnhold(
            deltaker_fornavn=g.person.fornavn, deltaker_etternavn=g.person.etternavn, bedrift_navn=navn
        ),
    )
    return a.model_copy(update={"status": utled_status(a, ktx.idag)})


def _sjekk_oppfolging(ny: NyAvtale, o: Oppfolgingsstatus | None) -> None:
    if o is None or o.oppfolgingsenhet is None:
        raise regelbrudd(ENHET_MANGLER, "ENHET_MANGLER")
    if o.innsatsgruppe is None and ny.tiltakstype != Tiltakstype.SOMMERJOBB:
        raise regelbrudd(INNSATSBEHOV_MANGLER, "FANT_IKKE_INNSATSBEHOV")
    sjekk_innsatsgruppe(ny.tiltakstype, o.innsatsgruppe)


def opprett_som_veileder(
    ny: NyAvtale, g: Opprettelsesgrunnlag, avvisning: Avvisning | None, aktor: Aktor, ktx: Kontekst
) -> Utfall:
    """Row 1: creation checks; person access; kode 6 stop; innsatsgruppe; Enhetsregisteret; age checks."""
    krev_rolle(aktor, Rolle.VEILEDER)
    if not gyldig_fodselsnummer(ny.deltaker_fnr):
        raise regelbrudd(UGYLDIG_FNR, pointer="/deltakerFnr")
    sjekk_persontilgang(avvisning)
    sjekk_kode6(g.person)
    _sjekk_oppfolging(ny, g.oppfolging)
    virksomhet = sjekk_virksomhet(g.virksomhet)
    _sjekk_personer(ny, g.person, ktx.idag)
    a = _ny(ny, g, aktor, ktx, virksomhet.navn)
    til = frozenset({Rolle.DELTAKER, Rolle.ARBEIDSGIVER})
    return utfall(
        a,
        aktor,
        ((HendelseType.OPPRETTET, OPPRETTET_AV_VEILEDER),),
        varsler=varsle(a, HendelseType.OPPRETTET, OPPRETTET_AV_VEILEDER, aktor, ktx.na, til),
        utsendinger=(beskjed(a, OPPRETTET_AV_VEILEDER_BESKJED, HendelseType.OPPRETTET, ktx.na),),
    )


def opprett_som_arbeidsgiver(
    ny: NyAvtale, g: Opprettelsesgrunnlag, rettigheter: Rettigheter, aktor: Aktor, ktx: Kontekst
) -> Utfall:
    """Row 2: Altinn resource; adressesperre; Enhetsregisteret; age checks. Ufordelt; the oppfølgingsstatus is
    stored when the register had one (the service continues without it on ENHET_MANGLER and
    FANT_IKKE_INNSATSBEHOV)."""
    krev_rolle(aktor, Rolle.ARBEIDSGIVER)
    sjekk_arbeidsgiver_kan_opprette(ny.tiltakstype, ny.bedrift_nr, rettigheter, g.person.adressebeskyttelse)
    virksomhet = sjekk_virksomhet(g.virksomhet)
    _sjekk_personer(ny, g.person, ktx.idag)
    a = _ny(ny, g, aktor, ktx, virksomhet.navn)
    enhet = a.enhet_oppfolging or a.enhet_geografisk
    oppgave = OPPRETTET_AV_ARBEIDSGIVER_OPPGAVE.format(tittel=kort_tittel(a.tiltakstype))
    t = HendelseType.OPPRETTET_AV_ARBEIDSGIVER
    return utfall(
        a,
        aktor,
        ((t, OPPRETTET_AV_ARBEIDSGIVER),),
        varsler=varsle(a, t, OPPRETTET_AV_ARBEIDSGIVER, aktor, ktx.na),
        utsendinger=(nav_oppgave(a, enhet.nr, oppgave, t, ktx.na),) if enhet else (),
    )
