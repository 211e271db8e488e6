"""Rows 1 and 2 of §5.3: creation by a veileder and by an arbeidsgiver, each check with its exact text."""

from __future__ import annotations

from datetime import date

import pytest

from shared.domain.tiltaksavtale.avtale import AvtaleId, Enhet
from shared.domain.tiltaksavtale.hendelser import Kanal
from shared.domain.tiltaksavtale.kodeverk import (
    ADRESSESPERRE_RESSURS,
    TYPER,
    Adressebeskyttelse,
    Innsatsgruppe,
    Opphav,
    Rolle,
    Status,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.opprett import (
    NyAvtale,
    Oppfolgingsstatus,
    Opprettelsesgrunnlag,
    opprett_som_arbeidsgiver,
    opprett_som_veileder,
)
from shared.domain.tiltaksavtale.tilgang import Avvisning, Enhetstype, Person, Virksomhet
from tests.unit.tiltaksavtale.byggere import (
    BEDRIFT,
    DELTAKER_FNR,
    FODSELSDATO,
    MENTOR_FNR,
    VEILEDER,
    arbeidsgiver,
    deltaker,
    ktx,
    veileder,
)
from tests.unit.tiltaksavtale.hjelp import avvist, rolle_avvist, tekster

ID = AvtaleId("6f1c5b0e-0a4b-4bb0-9d0c-2b1d3f4e5a6b")
PERSON = Person(DELTAKER_FNR, "Kari", "Nordmann", FODSELSDATO, geografisk_enhet="0312", oppfolgingsenhet="0301")
VIRKSOMHET = Virksomhet(BEDRIFT, "Snekkeri AS", Enhetstype.UNDERENHET)
OPPFOLGING = Oppfolgingsstatus(Enhet(nr="0301", navn="Nav Oslo"), Innsatsgruppe.JOBBE_DELVIS)


def grunnlag(**endring: object) -> Opprettelsesgrunnlag:
    felt: dict[str, object] = {"person": PERSON, "virksomhet": VIRKSOMHET, "oppfolging": OPPFOLGING, **endring}
    return Opprettelsesgrunnlag(ID, 17, **felt)  # type: ignore[arg-type]


def ny(t: Tiltakstype = Tiltakstype.VTAO, **endring: str) -> NyAvtale:
    felt = {"deltaker_fnr": DELTAKER_FNR, "bedrift_nr": BEDRIFT, **endring}
    return NyAvtale(tiltakstype=t, **felt)


def rett(*ressurser: str) -> dict[str, frozenset[str]]:
    return {r: frozenset({BEDRIFT}) for r in ressurser}


VTAO_RETT = rett(TYPER[Tiltakstype.VTAO].ressurs)


def test_veileder_oppretter_pabegynt_avtale_med_seg_selv_som_veileder() -> None:
    u = opprett_som_veileder(ny(), grunnlag(), None, veileder(), ktx())
    a = u.avtale
    assert tekster(u) == ["Avtale er opprettet av veileder"]
    assert (a.status, a.opphav, a.veileder_navident, a.avtalenr) == (Status.PABEGYNT, Opphav.VEILEDER, VEILEDER, 17)
    assert (a.innhold.deltaker_fornavn, a.innhold.bedrift_navn) == ("Kari", "Snekkeri AS")
    assert a.innsatsgruppe == Innsatsgruppe.JOBBE_DELVIS
    assert {v.mottaker_rolle for v in u.varsler} == {Rolle.DELTAKER, Rolle.ARBEIDSGIVER}
    assert [s.innhold for s in u.utsendinger] == [
        "Ny avtale om arbeidstiltak opprettet. Åpne avtale og fyll ut innholdet."
    ]


@pytest.mark.parametrize(
    ("endring", "avvisning", "forventet"),
    [
        (
            {"ny": ny(deltaker_fnr="12345678901")},
            None,
            ("Fødselsnummeret er ikke gyldig. Påse at det er skrevet inn riktig, og prøv igjen.", "/deltakerFnr"),
        ),
        ({}, Avvisning.ENHET, ("Du har ikke tilgang til deltaker", "403")),
        (
            {"g": grunnlag(person=Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.STRENGT_FORTROLIG))},
            None,
            ("Dette er en avtale med strengt fortrolige opplysninger. Du har ikke tilgang til denne avtalen.", "403"),
        ),
        (
            {"g": grunnlag(oppfolging=Oppfolgingsstatus(None, Innsatsgruppe.JOBBE_DELVIS))},
            None,
            (
                "Oppfølgingsenhet mangler. Vennligst påse at deltaker er under oppfølging og har en gyldig "
                "oppfølgingsperiode.",
                "/",
            ),
        ),
        (
            {"g": grunnlag(oppfolging=Oppfolgingsstatus(Enhet(nr="0301"), None))},
            None,
            ("Innsatsbehov for deltakeren ble ikke funnet", "/"),
        ),
        (
            {"g": grunnlag(oppfolging=Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.TRENGER_VEILEDNING))},
            None,
            (
                "Deltaker kvalifiserer ikke til dette tiltaket. Ved endringer i innsatsbehovet kan det ta opptil 5 "
                "min før det er oppdatert.",
                "/",
            ),
        ),
        ({"g": grunnlag(virksomhet=None)}, None, ("Finnes ikke i Enhetsregisteret.", "/bedriftNr")),
        (
            {"g": grunnlag(virksomhet=Virksomhet(BEDRIFT, "X", Enhetstype.JURIDISK_ENHET))},
            None,
            ("Avtale må registreres på virksomhetens virksomhetsnummer, ikke den juridiske enheten.", "/bedriftNr"),
        ),
        (
            {"g": grunnlag(virksomhet=Virksomhet(BEDRIFT, "X", Enhetstype.ORGANISASJONSLEDD))},
            None,
            ("Avtale må registreres på virksomhetens virksomhetsnummer, ikke organisasjonsleddet.", "/bedriftNr"),
        ),
        (
            {"g": grunnlag(virksomhet=Virksomhet(BEDRIFT, "X", Enhetstype.UNDERENHET, opphort=True))},
            None,
            (
                "Virksomheten er ikke lenger aktiv. Dette kan skyldes at den har lagt ned eller blitt omorganisert.",
                "/bedriftNr",
            ),
        ),
        (
            {"g": grunnlag(person=Person(DELTAKER_FNR, "K", "N", date(2010, 1, 1)))},
            None,
            ("Deltaker må være fylt 16 år", "/deltakerFnr"),
        ),
    ],
)
def test_veileders_opprettelse_avvises_med_noyaktig_tekst(
    endring: dict[str, object], avvisning: Avvisning | None, forventet: tuple[str, str]
) -> None:
    n = endring.get("ny", ny())
    g = endring.get("g", grunnlag())
    assert avvist(lambda: opprett_som_veileder(n, g, avvisning, veileder(), ktx())) == forventet  # type: ignore[arg-type]


def test_mentor_kan_ikke_vaere_deltakeren() -> None:
    n = ny(Tiltakstype.MENTOR, mentor_fnr=DELTAKER_FNR)
    tekst = "Deltaker og mentor kan ikke ha det samme fødselsnummeret"
    assert avvist(lambda: opprett_som_veileder(n, grunnlag(), None, veileder(), ktx())) == (tekst, "/mentorFnr")


def test_sommerjobb_krever_under_30_ved_nyttar() -> None:
    g = grunnlag(person=Person(DELTAKER_FNR, "K", "N", date(1995, 1, 1)))
    tekst = "Deltaker må være under 30 år for dette tiltaket"
    assert avvist(lambda: opprett_som_veileder(ny(Tiltakstype.SOMMERJOBB), g, None, veileder(), ktx())) == (
        tekst,
        "/deltakerFnr",
    )


def test_bare_veileder_og_arbeidsgiver_oppretter() -> None:
    rolle_avvist(lambda: opprett_som_veileder(ny(), grunnlag(), None, deltaker(), ktx()))
    rolle_avvist(lambda: opprett_som_arbeidsgiver(ny(), grunnlag(), VTAO_RETT, deltaker(), ktx()))


def test_arbeidsgiver_oppretter_ufordelt_avtale_og_nav_kontoret_far_oppgave() -> None:
    u = opprett_som_arbeidsgiver(ny(), grunnlag(), VTAO_RETT, arbeidsgiver(), ktx())
    assert tekster(u) == ["Avtale er opprettet av arbeidsgiver"]
    assert u.avtale.er_ufordelt and u.avtale.opphav == Opphav.ARBEIDSGIVER
    oppgave = u.utsendinger[0]
    assert (oppgave.kanal, oppgave.mottaker) == (Kanal.NAV_OPPGAVE, "0301")
    assert oppgave.innhold == (
        "Avtale er opprettet av arbeidsgiver på tiltak varig tilrettelagt arbeid i ordinær virksomhet. "
        "Se avtalen under «Ufordelte»."
    )
    assert u.hendelser[0].utfort_av_ident == BEDRIFT


def test_arbeidsgiver_uten_oppfolgingsstatus_oppretter_likevel_og_oppgaven_gar_til_geografisk_enhet() -> None:
    u = opprett_som_arbeidsgiver(ny(), grunnlag(oppfolging=None), VTAO_RETT, arbeidsgiver(), ktx())
    assert u.avtale.innsatsgruppe is None
    assert u.utsendinger[0].mottaker == "0312"


def test_arbeidsgiver_uten_altinn_ressurs_far_403_med_rettighetens_navn() -> None:
    rettigheter = rett(TYPER[Tiltakstype.ARBEIDSTRENING].ressurs)
    tekst = (
        f"Du har ikke tilgang til å opprette avtale om varig tilrettelagt arbeid i ordinær virksomhet for virksomhet "
        f"{BEDRIFT}. Enkeltrettigheten «Avtale om varig tilrettelagt arbeid i ordinær virksomhet» må delegeres i "
        "Altinn."
    )
    assert avvist(lambda: opprett_som_arbeidsgiver(ny(), grunnlag(), rettigheter, arbeidsgiver(), ktx())) == (
        tekst,
        "403",
    )


def test_arbeidsgiver_trenger_adressesperre_for_beskyttet_deltaker() -> None:
    g = grunnlag(person=Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.FORTROLIG))
    tekst = "Du har dessverre ikke tilgang til å opprette avtale på denne deltakeren. Ta kontakt med Nav."
    assert avvist(lambda: opprett_som_arbeidsgiver(ny(), g, VTAO_RETT, arbeidsgiver(), ktx())) == (tekst, "403")
    med_sperre = {**VTAO_RETT, **rett(ADRESSESPERRE_RESSURS)}
    assert opprett_som_arbeidsgiver(ny(), g, med_sperre, arbeidsgiver(), ktx()).avtale.avtalenr == 17


def test_mentoravtale_lagrer_mentors_fnr() -> None:
    u = opprett_som_veileder(ny(Tiltakstype.MENTOR, mentor_fnr=MENTOR_FNR), grunnlag(), None, veileder(), ktx())
    assert u.avtale.mentor_fnr == MENTOR_FNR
