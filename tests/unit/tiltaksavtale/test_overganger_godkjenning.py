"""Rows 3–12 of §5.3: edit, take over, share, sign, approve (any order for the parties, Nav last), inngå, lift.
Each row: the allowed actor succeeds with its hendelse text; each precondition fails with its text and pointer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.domain.tiltaksavtale.avtale import Enhet, PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.endre import del_med_avtalepart, endre, overta
from shared.domain.tiltaksavtale.godkjenn import (
    InnsatsbehovEndret,
    Navgrunnlag,
    godkjenn_pa_vegne_av_deltaker,
    godkjenn_som_arbeidsgiver,
    godkjenn_som_deltaker,
    godkjenn_som_veileder,
    signer_taushetserklaering,
)
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, Kanal
from shared.domain.tiltaksavtale.inngaelse import inngaa
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import (
    Adressebeskyttelse,
    BeslutningStatus,
    Innsatsgruppe,
    Part,
    Rolle,
    Status,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.opphev import opphev_godkjenninger
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.tilgang import Avvisning, Enhetstype, Person, Virksomhet
from tests.unit.tiltaksavtale.byggere import (
    BEDRIFT,
    DELTAKER_FNR,
    FODSELSDATO,
    NA,
    VEILEDER,
    arbeidsgiver,
    deltaker,
    fullt_innhold,
    godkjent,
    ktx,
    lag_avtale,
    med_godkjenninger,
    mentor,
    veileder,
)
from tests.unit.tiltaksavtale.hjelp import avvist, rolle_avvist, tekster

PERSON = Person(DELTAKER_FNR, "Kari", "Nordmann", FODSELSDATO)
NAVGRUNNLAG = Navgrunnlag(
    bekreftet=True,
    person=PERSON,
    oppfolging=Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.JOBBE_DELVIS),
    virksomhet=Virksomhet(BEDRIFT, "Snekkeri AS (nytt navn)", Enhetstype.UNDERENHET),
)
ANNULLERT = "Kan ikke endre en annullert avtale"


def parter_godkjent(t: Tiltakstype = Tiltakstype.VTAO, **felt: object) -> Tiltaksavtale:
    a = med_godkjenninger(lag_avtale(t, **felt), deltaker=godkjent(), arbeidsgiver=godkjent())
    if t == Tiltakstype.MENTOR:
        a = med_godkjenninger(a, mentor_taushetserklaering=godkjent())
    return a


# Row 3
def test_rad3_arbeidsgiver_og_veileder_endrer_innholdet() -> None:
    a = lag_avtale(fullt=False)
    nytt = fullt_innhold(Tiltakstype.VTAO, bedrift_navn="Forsøk på endring")
    for aktor in (arbeidsgiver(), veileder()):
        u = endre(a, aktor, nytt, ktx())
        assert tekster(u) == ["Avtale endret"]
        assert u.avtale.status == Status.MANGLER_GODKJENNING
        assert u.avtale.innhold.bedrift_navn == a.innhold.bedrift_navn, "bedriftNavn kommer fra registeret"
        assert [s.innhold for s in u.utsendinger] == [
            "Avtale om varig tilrettelagt arbeid i ordinær virksomhet må godkjennes"
        ]
    rolle_avvist(lambda: endre(a, deltaker(), nytt, ktx()))
    rolle_avvist(lambda: endre(a, mentor(), nytt, ktx()))


def test_rad3_felt_som_ikke_sendes_blir_tomme() -> None:
    u = endre(lag_avtale(), veileder(), Avtaleinnhold(stillingstittel="Ny"), ktx())
    assert u.avtale.innhold.oppfolging is None and u.avtale.status == Status.PABEGYNT


def test_rad3_godkjent_avtale_kan_ikke_endres() -> None:
    a = med_godkjenninger(lag_avtale(), deltaker=godkjent())
    tekst = "Avtalen er godkjent av minst én part. Godkjenningene må oppheves før avtalen kan endres."
    assert avvist(lambda: endre(a, veileder(), a.innhold, ktx())) == (tekst, "/")


def test_rad3_annullert_avtale_kan_ikke_endres() -> None:
    a = lag_avtale(annullert_tidspunkt=NA)
    assert avvist(lambda: endre(a, veileder(), a.innhold, ktx())) == (ANNULLERT, "/")


@pytest.mark.parametrize(
    ("endring", "forventet"),
    [
        (
            {"start_dato": date(2025, 10, 1), "slutt_dato": date(2025, 9, 30)},
            ("Startdato er etter sluttdato", "/innhold/startDato"),
        ),
        (
            {"slutt_dato": date(2090, 1, 1)},
            ("Maksimal sluttdato er overskredet. Maksimal sluttdato er 31.12.2089.", "/innhold/sluttDato"),
        ),
        (
            {"start_dato": date(2025, 9, 2)},
            (
                "Startdatoen for avtalen er mer enn 7 dager tilbake i tid og må derfor åpnes av NAV",
                "/innhold/startDato",
            ),
        ),
        ({"oppfolging": "x" * 1001}, ("Kan ikke være lengre enn 1000 tegn", "/innhold/oppfolging")),
        ({"stillingprosent": 0}, ("Må være over 0 og høyst 100", "/innhold/stillingprosent")),
        ({"deltaker_tlf": "1234"}, ("Telefonnummeret må ha 8 siffer", "/innhold/deltakerTlf")),
        (
            {"slutt_dato": date(2052, 6, 15)},
            ("Deltaker må være under 67 år ved sluttdatoen av tiltaket", "/innhold/sluttDato"),
        ),
        (
            {"start_dato": date(2025, 6, 30)},
            (
                "Startdatoen for avtalen er mer enn 7 dager tilbake i tid og må derfor åpnes av NAV",
                "/innhold/startDato",
            ),
        ),
    ],
)
def test_rad3_grenser_og_datoer(endring: dict[str, object], forventet: tuple[str, str]) -> None:
    a = lag_avtale()
    assert avvist(lambda: endre(a, veileder(), fullt_innhold(Tiltakstype.VTAO, **endring), ktx())) == forventet


def test_rad3_vtao_kan_ikke_starte_for_gyldig_start_selv_med_etterregistrering() -> None:
    a = lag_avtale(godkjent_for_etterregistrering=True)
    nytt = fullt_innhold(Tiltakstype.VTAO, start_dato=date(2025, 6, 30))
    assert avvist(lambda: endre(a, veileder(), nytt, ktx())) == (
        "Startdato kan ikke være før 01.07.2025",
        "/innhold/startDato",
    )


def test_rad3_arbeidsgiver_pa_ufordelt_avtale_kan_ikke_velge_dato_tilbake_i_tid() -> None:
    a = lag_avtale(veileder_navident=None)
    nytt = fullt_innhold(Tiltakstype.VTAO, start_dato=date(2025, 9, 9))
    assert avvist(lambda: endre(a, arbeidsgiver(), nytt, ktx())) == (
        "Dato på varighet er tilbake i tid",
        "/innhold/startDato",
    )
    assert endre(a, veileder(), nytt, ktx()).avtale.innhold.start_dato == date(2025, 9, 9)


@pytest.mark.parametrize(
    ("t", "endring", "forventet"),
    [
        (
            Tiltakstype.ARBEIDSTRENING,
            {"slutt_dato": date(2027, 3, 15)},
            ("Avtalens varighet er maksimalt 18 måneder", "/innhold/sluttDato"),
        ),
        (
            Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD,
            {"slutt_dato": date(2027, 9, 15)},
            ("Avtalens varighet er maksimalt 24 måneder", "/innhold/sluttDato"),
        ),
        (
            Tiltakstype.MENTOR,
            {"slutt_dato": date(2028, 9, 15)},
            ("Avtalens varighet er maksimalt 36 måneder", "/innhold/sluttDato"),
        ),
        (
            Tiltakstype.INKLUDERINGSTILSKUDD,
            {"slutt_dato": date(2026, 9, 16)},
            ("Avtalens varighet er maksimalt 12 måneder", "/innhold/sluttDato"),
        ),
        (
            Tiltakstype.SOMMERJOBB,
            {"start_dato": date(2026, 5, 31)},
            ("Sommerjobb kan ikke starte før 01.06", "/innhold/startDato"),
        ),
        (
            Tiltakstype.SOMMERJOBB,
            {"start_dato": date(2026, 9, 1), "slutt_dato": date(2026, 9, 20)},
            ("Sommerjobb kan ikke starte etter 31.08", "/innhold/startDato"),
        ),
        (
            Tiltakstype.SOMMERJOBB,
            {"slutt_dato": date(2026, 7, 13)},
            ("Sommerjobb kan ikke vare lenger enn 4 uker", "/innhold/sluttDato"),
        ),
        (
            Tiltakstype.VARIG_LONNSTILSKUDD,
            {"lonnstilskudd_prosent": 76},
            ("Ugyldig lønnstilskudd prosent", "/innhold/lonnstilskuddProsent"),
        ),
        (
            Tiltakstype.SOMMERJOBB,
            {"lonnstilskudd_prosent": 60},
            ("Ugyldig lønnstilskudd prosent", "/innhold/lonnstilskuddProsent"),
        ),
        (
            Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD,
            {"otp_sats": "0.31"},
            ("Sats for obligatorisk tjenestepensjon må være mellom 0 og 30 %.", "/innhold/otpSats"),
        ),
        (
            Tiltakstype.ARBEIDSTRENING,
            {"maal": [{"kategori": "ANNET", "beskrivelse": "x" * 1001}]},
            ("Maks lengde for mål er 1000 tegn", "/innhold/maal/0/beskrivelse"),
        ),
        (
            Tiltakstype.INKLUDERINGSTILSKUDD,
            {"inkluderingstilskuddsutgifter": [{"type": "UTSTYR", "belop": 160_401}]},
            ("Totalbeløpet for tilskudd overstiger det maksimale beløpet", "/innhold/inkluderingstilskuddsutgifter"),
        ),
    ],
)
def test_rad3_typens_grenser(t: Tiltakstype, endring: dict[str, object], forventet: tuple[str, str]) -> None:
    a = lag_avtale(t)
    assert avvist(lambda: endre(a, veileder(), fullt_innhold(t, **endring), ktx())) == forventet


def test_rad3_arbeidstrening_til_grensen_er_lov() -> None:
    a = lag_avtale(Tiltakstype.ARBEIDSTRENING)
    nytt = fullt_innhold(Tiltakstype.ARBEIDSTRENING, slutt_dato=date(2027, 3, 14))
    assert endre(a, veileder(), nytt, ktx()).avtale.innhold.slutt_dato == date(2027, 3, 14)


def test_rad3_veileder_oppfrisker_oppfolgingsstatus() -> None:
    o = Oppfolgingsstatus(Enhet(nr="0402"), Innsatsgruppe.LITEN_MULIGHET_TIL_A_JOBBE)
    u = endre(lag_avtale(), veileder(), fullt_innhold(Tiltakstype.VTAO), ktx(), o)
    assert (u.avtale.enhet_oppfolging, u.avtale.innsatsgruppe) == (Enhet(nr="0402"), o.innsatsgruppe)


# Row 4
def test_rad4_veileder_overtar_ufordelt_og_fordelt_avtale() -> None:
    u = overta(lag_avtale(veileder_navident=None), veileder(), None, ktx())
    assert (tekster(u), u.avtale.veileder_navident) == (["Avtale tildelt veileder"], VEILEDER)
    u = overta(lag_avtale(), veileder("Z999999"), None, ktx())
    assert tekster(u) == ["Avtale tildelt ny veileder"]


def test_rad4_forutsetninger() -> None:
    rolle_avvist(lambda: overta(lag_avtale(), arbeidsgiver(), None, ktx()))
    assert avvist(lambda: overta(lag_avtale(), veileder(), None, ktx())) == (
        "Innlogget bruker er allerede veileder på denne avtalen",
        "/",
    )
    assert avvist(lambda: overta(lag_avtale(), veileder("Z9"), Avvisning.SKJERMET, ktx())) == (
        "Dette er en avtale med skjermede opplysninger. Du har ikke tilgang til denne avtalen.",
        "403",
    )
    assert avvist(lambda: overta(lag_avtale(annullert_tidspunkt=NA), veileder("Z9"), None, ktx())) == (ANNULLERT, "/")


# Row 5
@pytest.mark.parametrize(
    ("part", "tekst", "tlf"),
    [
        (Part.DELTAKER, "Avtale delt med deltaker", "41234567"),
        (Part.ARBEIDSGIVER, "Avtale delt med arbeidsgiver", "92345678"),
        (Part.MENTOR, "Avtale delt med mentor", "97654321"),
    ],
)
def test_rad5_deling_sender_sms_med_lenke(part: Part, tekst: str, tlf: str) -> None:
    a = lag_avtale(Tiltakstype.MENTOR)
    u = del_med_avtalepart(a, veileder(), part, ktx())
    assert tekster(u) == [tekst]
    (sms,) = u.utsendinger
    assert (sms.kanal, sms.mottaker) == (Kanal.SMS, tlf)
    assert sms.innhold == f"Du har mottatt et nytt varsel på https://arbeidsgiver.test/avtale/{a.id}"


def test_rad5_forutsetninger() -> None:
    a = lag_avtale(innhold=fullt_innhold(Tiltakstype.VTAO, deltaker_tlf="21234567"))
    assert avvist(lambda: del_med_avtalepart(a, veileder(), Part.DELTAKER, ktx())) == (
        "Telefonnummeret er ikke et gyldig mobilnummer",
        "/",
    )
    assert avvist(lambda: del_med_avtalepart(a, veileder(), Part.MENTOR, ktx())) == (
        "Denne handlingen er ikke tilgjengelig for denne avtaletypen",
        "/part",
    )
    rolle_avvist(lambda: del_med_avtalepart(a, arbeidsgiver(), Part.DELTAKER, ktx()))
    b = lag_avtale(annullert_tidspunkt=NA)
    assert avvist(lambda: del_med_avtalepart(b, veileder(), Part.DELTAKER, ktx())) == (ANNULLERT, "/")


# Row 6
def test_rad6_mentor_signerer_en_gang() -> None:
    a = lag_avtale(Tiltakstype.MENTOR)
    u = signer_taushetserklaering(a, mentor(), ktx())
    assert tekster(u) == ["Mentor har signert taushetserklæring"]
    assert avvist(lambda: signer_taushetserklaering(u.avtale, mentor(), ktx())) == (
        "Mentor har allerede signert taushetserklæringen",
        "/",
    )
    rolle_avvist(lambda: signer_taushetserklaering(a, deltaker(), ktx()))
    b = lag_avtale(Tiltakstype.MENTOR, annullert_tidspunkt=NA)
    assert avvist(lambda: signer_taushetserklaering(b, mentor(), ktx())) == (ANNULLERT, "/")


# Rows 7 and 8
@pytest.mark.parametrize(
    ("fn", "aktor", "part"),
    [(godkjenn_som_deltaker, deltaker(), "Deltaker"), (godkjenn_som_arbeidsgiver, arbeidsgiver(), "Arbeidsgiver")],
)
def test_rad7_og_8_parten_godkjenner_og_veileder_varsles(fn: object, aktor: Aktor, part: str) -> None:
    assert callable(fn)
    u = fn(lag_avtale(), aktor, True, ktx())
    assert tekster(u) == [f"Avtale er godkjent av {part.lower()}"]
    assert [(v.mottaker_rolle, v.bjelle) for v in u.varsler] == [(Rolle.VEILEDER, True)]
    sms = [s for s in u.utsendinger if s.kanal == Kanal.SMS]
    assert sms[0].mottaker == "48765432" and "https://nav.test/avtale/" in sms[0].innhold
    assert avvist(lambda: fn(u.avtale, aktor, True, ktx())) == (f"{part} har allerede godkjent avtalen", "/")


def test_rad7_og_8_i_vilkarlig_rekkefolge() -> None:
    a = godkjenn_som_arbeidsgiver(lag_avtale(), arbeidsgiver(), True, ktx()).avtale
    a = godkjenn_som_deltaker(a, deltaker(), True, ktx()).avtale
    b = godkjenn_som_deltaker(lag_avtale(), deltaker(), True, ktx()).avtale
    b = godkjenn_som_arbeidsgiver(b, arbeidsgiver(), True, ktx()).avtale
    assert a.godkjenninger.deltaker and a.godkjenninger.arbeidsgiver
    assert b.godkjenninger.deltaker and b.godkjenninger.arbeidsgiver


def test_felles_godkjenningssjekker_i_rekkefolge() -> None:
    d = deltaker()
    assert avvist(lambda: godkjenn_som_deltaker(lag_avtale(annullert_tidspunkt=NA), d, True, ktx())) == (ANNULLERT, "/")
    mangler = lag_avtale(innhold=fullt_innhold(Tiltakstype.VTAO, oppfolging=None, fadder=None))
    with pytest.raises(Exception) as e:
        godkjenn_som_deltaker(mangler, d, True, ktx())
    assert [(f.pointer, f.detail) for f in e.value.feil] == [  # type: ignore[attr-defined]
        ("/innhold/oppfolging", "Alt må være fylt ut før du kan godkjenne"),
        ("/innhold/fadder", "Alt må være fylt ut før du kan godkjenne"),
    ]
    assert avvist(lambda: godkjenn_som_deltaker(lag_avtale(veileder_navident=None), d, True, ktx())) == (
        "Avtalen trenger en veileder før du kan godkjenne",
        "/",
    )
    assert avvist(lambda: godkjenn_som_deltaker(lag_avtale(), d, False, ktx())) == (
        "Du må bekrefte at opplysningene er riktige",
        "/bekreftet",
    )
    rolle_avvist(lambda: godkjenn_som_deltaker(lag_avtale(), arbeidsgiver(), True, ktx()))
    rolle_avvist(lambda: godkjenn_som_arbeidsgiver(lag_avtale(), deltaker(), True, ktx()))


def test_lonnstilskudd_krever_beregning_for_godkjenning() -> None:
    t = Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD
    a = lag_avtale(t, innhold=fullt_innhold(t, manedslonn=None))
    assert a.status == Status.PABEGYNT
    with pytest.raises(Exception) as e:
        godkjenn_som_arbeidsgiver(a, arbeidsgiver(), True, ktx())
    assert e.value.feil[0].pointer == "/innhold/manedslonn"  # type: ignore[attr-defined]


# Row 9 and 11
def test_rad9_veileder_godkjenner_sist_og_vtao_gar_til_beslutter() -> None:
    u = godkjenn_som_veileder(parter_godkjent(), veileder(), NAVGRUNNLAG, ktx())
    a = u.avtale
    assert tekster(u) == ["Avtale er godkjent av veileder"]
    assert a.godkjenninger.veileder is not None and a.godkjenninger.veileder.navident == VEILEDER
    assert a.tilskudd_beslutning is not None and a.tilskudd_beslutning.status == BeslutningStatus.TIL_BESLUTNING
    assert a.tilskudd_beslutning.behandlet_av == VEILEDER
    assert [e.type for e in u.effekter] == [Effekttype.TILSKUDD_TIL_BESLUTNING]
    assert (a.kostnadssted, a.innhold.bedrift_navn) == ("0301", "Snekkeri AS (nytt navn)")
    assert not a.er_inngatt


@pytest.mark.parametrize("t", [Tiltakstype.ARBEIDSTRENING, Tiltakstype.INKLUDERINGSTILSKUDD])
def test_rad9_og_11_typer_uten_tilskudd_inngas_med_en_gang(t: Tiltakstype) -> None:
    g = Navgrunnlag(
        True, PERSON, Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.TRENGER_VEILEDNING), NAVGRUNNLAG.virksomhet
    )
    u = godkjenn_som_veileder(parter_godkjent(t), veileder(), g, ktx())
    assert tekster(u) == ["Avtale er godkjent av veileder", "Avtale godkjent av Nav"]
    assert u.avtale.avtale_inngatt == NA and u.avtale.status == Status.KLAR_FOR_OPPSTART
    assert u.ny_versjon is not None and u.ny_versjon.versjon == 1
    assert u.hendelser[1].utfort_av_rolle == Rolle.SYSTEM
    assert "Avtale om arbeidstiltak godkjent." in [s.innhold for s in u.utsendinger]
    assert Effekttype.AVTALE_INNGATT in [e.type for e in u.effekter]


def test_rad9_forutsetninger_i_rekkefolge() -> None:
    v, g = veileder(), NAVGRUNNLAG
    assert avvist(lambda: godkjenn_som_veileder(lag_avtale(veileder_navident=None), v, g, ktx())) == (
        "Avtalen er ikke fordelt til en veileder",
        "/",
    )
    bare_deltaker = med_godkjenninger(lag_avtale(), deltaker=godkjent())
    assert avvist(lambda: godkjenn_som_veileder(bare_deltaker, v, g, ktx())) == (
        "Veileder må godkjenne avtalen etter deltaker og arbeidsgiver.",
        "/",
    )
    mentor_usignert = med_godkjenninger(lag_avtale(Tiltakstype.MENTOR), deltaker=godkjent(), arbeidsgiver=godkjent())
    assert avvist(lambda: godkjenn_som_veileder(mentor_usignert, v, g, ktx())) == (
        "Veileder må godkjenne avtalen etter deltaker, mentor og arbeidsgiver.",
        "/",
    )
    gammel = parter_godkjent(innhold=fullt_innhold(Tiltakstype.VTAO, start_dato=date(2025, 9, 1)))
    assert avvist(lambda: godkjenn_som_veileder(gammel, v, g, ktx())) == (
        "Startdatoen for avtalen er mer enn 7 dager tilbake i tid og må derfor åpnes av NAV",
        "/",
    )
    feil_gruppe = Navgrunnlag(
        True, PERSON, Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.GODE_MULIGHETER), g.virksomhet
    )
    assert avvist(lambda: godkjenn_som_veileder(parter_godkjent(), v, feil_gruppe, ktx()))[0].startswith(
        "Deltaker kvalifiserer ikke til dette tiltaket."
    )
    uten_virksomhet = Navgrunnlag(True, PERSON, g.oppfolging, None)
    assert avvist(lambda: godkjenn_som_veileder(parter_godkjent(), v, uten_virksomhet, ktx())) == (
        "Finnes ikke i Enhetsregisteret.",
        "/bedriftNr",
    )
    kode6 = Navgrunnlag(
        True,
        Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.STRENGT_FORTROLIG_UTLAND),
        g.oppfolging,
        g.virksomhet,
    )
    assert avvist(lambda: godkjenn_som_veileder(parter_godkjent(), v, kode6, ktx()))[1] == "403"
    feil_sted = Navgrunnlag(True, PERSON, g.oppfolging, g.virksomhet, kostnadssted="301")
    assert avvist(lambda: godkjenn_som_veileder(parter_godkjent(), v, feil_sted, ktx())) == (
        "Enheten må oppgis som et firesifret tall",
        "/kostnadssted",
    )
    alt_godkjent = med_godkjenninger(parter_godkjent(), veileder=godkjent(navident=VEILEDER))
    assert avvist(lambda: godkjenn_som_veileder(alt_godkjent, v, g, ktx())) == (
        "Veileder har allerede godkjent avtalen",
        "/",
    )
    rolle_avvist(lambda: godkjenn_som_veileder(parter_godkjent(), arbeidsgiver(), g, ktx()))


def test_rad9_endret_innsatsgruppe_opphever_godkjenninger_og_avvises() -> None:
    t = Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD
    a = parter_godkjent(t, innsatsgruppe=Innsatsgruppe.TRENGER_VEILEDNING)
    g = Navgrunnlag(
        True, PERSON, Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.JOBBE_DELVIS), NAVGRUNNLAG.virksomhet
    )
    with pytest.raises(InnsatsbehovEndret) as e:
        godkjenn_som_veileder(a, veileder(), g, ktx())
    assert e.value.tekst == (
        "Deltakers innsatsbehov har endret seg, og avtalen må derfor signeres på nytt av alle parter."
    )
    lagres = e.value.utfall.avtale
    assert lagres.innsatsgruppe == Innsatsgruppe.JOBBE_DELVIS and not lagres.godkjenninger.noen_godkjent


# Row 10
def test_rad10_pa_vegne_av_deltaker() -> None:
    a = med_godkjenninger(lag_avtale(), arbeidsgiver=godkjent())
    grunn = PaVegneAv(reservert=True)
    u = godkjenn_pa_vegne_av_deltaker(a, veileder(), NAVGRUNNLAG, grunn, ktx())
    assert tekster(u) == ["Veileder godkjente avtalen på vegne av seg selv og deltaker"]
    assert u.avtale.godkjenninger.deltaker is not None and u.avtale.godkjenninger.deltaker.pa_vegne_av == grunn
    assert u.avtale.godkjenninger.veileder is not None


def test_rad10_forutsetninger() -> None:
    v, g, grunn = veileder(), NAVGRUNNLAG, PaVegneAv(ikke_bank_id=True)
    assert avvist(lambda: godkjenn_pa_vegne_av_deltaker(parter_godkjent(), v, g, grunn, ktx())) == (
        "Deltaker har allerede godkjent avtalen",
        "/",
    )
    assert avvist(lambda: godkjenn_pa_vegne_av_deltaker(lag_avtale(), v, g, grunn, ktx())) == (
        "Arbeidsgiver må godkjenne avtalen før veileder kan godkjenne",
        "/",
    )
    ag = med_godkjenninger(lag_avtale(), arbeidsgiver=godkjent())
    assert avvist(lambda: godkjenn_pa_vegne_av_deltaker(ag, v, g, PaVegneAv(), ktx())) == (
        "Du må velge minst én grunn",
        "/grunn",
    )
    rolle_avvist(lambda: godkjenn_pa_vegne_av_deltaker(ag, deltaker(), g, grunn, ktx()))


# Row 11
def test_rad11_inngaaelse_en_gang_og_vtao_far_oppfolging() -> None:
    a = lag_avtale()
    u = inngaa(a, Aktor.system(), ktx())
    assert tekster(u) == ["Avtale godkjent av Nav"]
    assert u.avtale.oppfolging is not None
    assert (u.avtale.oppfolging.frist, u.avtale.oppfolging.varsel_fra) == (date(2026, 3, 31), date(2026, 2, 1))
    oppgave = [s for s in u.utsendinger if s.kanal == Kanal.NAV_OPPGAVE]
    assert oppgave[0].innhold == (
        "Brukeren har fått innvilget tiltaksplass og har startet på varig tilrettelagt arbeid i ordinær virksomhet "
        "15.09.2025."
    )
    assert avvist(lambda: inngaa(u.avtale, Aktor.system(), ktx())) == ("Avtalen er allerede inngått", "/")
    rolle_avvist(lambda: inngaa(a, veileder(), ktx()))


# Row 12
def test_rad12_veileder_opphever_alle_godkjenninger_men_ikke_mentors_signatur() -> None:
    a = med_godkjenninger(parter_godkjent(Tiltakstype.MENTOR), veileder=godkjent(navident=VEILEDER))
    u = opphev_godkjenninger(a, veileder(), ktx())
    assert tekster(u) == [
        "Avtalens godkjenninger er opphevet av veileder",
        "Deltakers godkjenning opphevet av veileder",
        "Arbeidsgivers godkjenning opphevet av veileder",
    ]
    g = u.avtale.godkjenninger
    assert (g.deltaker, g.arbeidsgiver, g.veileder) == (None, None, None)
    assert g.mentor_taushetserklaering is not None
    assert "Avtalen må godkjennes på nytt." in [s.innhold for s in u.utsendinger]
    assert {v.tekst for v in u.varsler} == {"Avtalen må godkjennes på nytt."}


def test_rad12_arbeidsgiver_opphever_for_veileders_godkjenning() -> None:
    u = opphev_godkjenninger(parter_godkjent(), arbeidsgiver(), ktx())
    assert tekster(u) == [
        "Avtalens godkjenninger er opphevet av arbeidsgiver",
        "Deltakers godkjenning opphevet av arbeidsgiver",
    ]


def test_rad12_forutsetninger() -> None:
    tekst = (
        "Kan ikke oppheve godkjenninger i avtalen. Det er gjort endringer i avtalen som du ikke har sett. "
        "Oppfrisk siden og prøv igjen."
    )
    assert avvist(lambda: opphev_godkjenninger(lag_avtale(), veileder(), ktx())) == (tekst, "/")
    nav_godkjent = med_godkjenninger(parter_godkjent(), veileder=godkjent(navident=VEILEDER))
    assert avvist(lambda: opphev_godkjenninger(nav_godkjent, arbeidsgiver(), ktx())) == (tekst, "/")
    inngatt = parter_godkjent(avtale_inngatt=NA)
    assert avvist(lambda: opphev_godkjenninger(inngatt, veileder(), ktx())) == (
        "Avtalen er inngått. Godkjenninger kan derfor ikke oppheves. Forsøk å oppfrisk siden.",
        "/",
    )
    rolle_avvist(lambda: opphev_godkjenninger(parter_godkjent(), deltaker(), ktx()))


def test_sist_endret_flyttes_ved_hver_skriving() -> None:
    senere = ktx(NA + timedelta(hours=1))
    u = godkjenn_som_deltaker(lag_avtale(), deltaker(), True, senere)
    assert u.avtale.sist_endret == senere.na and u.hendelser[0].tidspunkt == senere.na
