"""Access (§2.2–2.4) and what each party sees (§2.5), as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.domain.tiltaksavtale.datoer import gyldig_fodselsnummer, har_fylt, pluss_maneder
from shared.domain.tiltaksavtale.kodeverk import (
    ADRESSESPERRE_RESSURS,
    TYPER,
    Adressebeskyttelse,
    Innsatsgruppe,
    Lonnstype,
    Rolle,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.maskering import ADRESSEBESKYTTET, masker
from shared.domain.tiltaksavtale.tilgang import (
    Avvisning,
    NavAnsattInfo,
    Person,
    arbeidsgiver_kan_se,
    gyldig_innsatsgruppe,
    lokal_persontilgang,
    mentor_kan_se,
)
from tests.unit.tiltaksavtale.byggere import (
    BEDRIFT,
    DELTAKER_FNR,
    FODSELSDATO,
    MENTOR_FNR,
    NA,
    fullt_innhold,
    godkjent,
    lag_avtale,
    med_godkjenninger,
)

VTAO_RETT = {TYPER[Tiltakstype.VTAO].ressurs: frozenset({BEDRIFT})}
U = Adressebeskyttelse.UGRADERT


def test_maned_legges_til_med_klemming_til_manedsslutt() -> None:
    assert pluss_maneder(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert pluss_maneder(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert pluss_maneder(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert pluss_maneder(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_fyller_ar_pa_dagen() -> None:
    assert har_fylt(date(2000, 2, 29), 16, date(2016, 2, 29))
    assert not har_fylt(date(2000, 3, 1), 16, date(2016, 2, 29))


def test_fodselsnummer_mod11() -> None:
    assert gyldig_fodselsnummer(DELTAKER_FNR) and gyldig_fodselsnummer(MENTOR_FNR)
    assert not gyldig_fodselsnummer(DELTAKER_FNR[:-1] + str((int(DELTAKER_FNR[-1]) + 1) % 10))
    assert not gyldig_fodselsnummer("1234567890")


def test_arbeidsgiver_ser_avtalen_med_typens_ressurs_for_orgnr() -> None:
    a = lag_avtale()
    assert arbeidsgiver_kan_se(a, VTAO_RETT, U, date(2025, 9, 10))
    assert not arbeidsgiver_kan_se(a, {TYPER[Tiltakstype.MENTOR].ressurs: frozenset({BEDRIFT})}, U, date(2025, 9, 10))
    assert not arbeidsgiver_kan_se(a, {TYPER[Tiltakstype.VTAO].ressurs: frozenset({"999999999"})}, U, date(2025, 9, 10))


def test_arbeidsgiver_mister_tilgangen_12_uker_etter_slutt_og_etter_annullering() -> None:
    inngatt = lag_avtale(avtale_inngatt=NA)
    assert arbeidsgiver_kan_se(inngatt, VTAO_RETT, U, date(2027, 3, 25))
    assert not arbeidsgiver_kan_se(inngatt, VTAO_RETT, U, date(2027, 3, 26))
    annullert = lag_avtale(annullert_tidspunkt=datetime(2025, 10, 1, 10, tzinfo=UTC))
    assert arbeidsgiver_kan_se(annullert, VTAO_RETT, U, date(2025, 12, 24))
    assert not arbeidsgiver_kan_se(annullert, VTAO_RETT, U, date(2025, 12, 25))


def test_adressesperre_og_feilregistrering() -> None:
    a = lag_avtale()
    med_sperre = {**VTAO_RETT, ADRESSESPERRE_RESSURS: frozenset({BEDRIFT})}
    assert not arbeidsgiver_kan_se(a, VTAO_RETT, Adressebeskyttelse.FORTROLIG, date(2025, 9, 10))
    assert arbeidsgiver_kan_se(a, med_sperre, Adressebeskyttelse.STRENGT_FORTROLIG, date(2025, 9, 10))
    assert not arbeidsgiver_kan_se(lag_avtale(feilregistrert=True), VTAO_RETT, U, date(2025, 9, 10))


def test_mentor_leser_forst_etter_signering() -> None:
    a = lag_avtale(Tiltakstype.MENTOR)
    assert not mentor_kan_se(a, MENTOR_FNR)
    assert mentor_kan_se(a, MENTOR_FNR, krever_signatur=False)
    assert mentor_kan_se(med_godkjenninger(a, mentor_taushetserklaering=godkjent()), MENTOR_FNR)


@pytest.mark.parametrize(
    ("person", "grupper", "forventet"),
    [
        (Person(DELTAKER_FNR, "K", "N", FODSELSDATO, oppfolgingsenhet="0301"), set(), None),
        (Person(DELTAKER_FNR, "K", "N", FODSELSDATO, geografisk_enhet="0301"), set(), None),
        (Person(DELTAKER_FNR, "K", "N", FODSELSDATO, oppfolgingsenhet="0402"), set(), Avvisning.ENHET),
        (
            Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.FORTROLIG, oppfolgingsenhet="0301"),
            set(),
            Avvisning.FORTROLIG,
        ),
        (
            Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.FORTROLIG, oppfolgingsenhet="0301"),
            {"fortrolig"},
            None,
        ),
        (
            Person(DELTAKER_FNR, "K", "N", FODSELSDATO, Adressebeskyttelse.STRENGT_FORTROLIG_UTLAND),
            {"fortrolig"},
            Avvisning.STRENGT_FORTROLIG,
        ),
        (
            Person(DELTAKER_FNR, "K", "N", FODSELSDATO, skjermet=True, oppfolgingsenhet="0301"),
            set(),
            Avvisning.SKJERMET,
        ),
    ],
)
def test_lokal_persontilgangsregel(person: Person, grupper: set[str], forventet: Avvisning | None) -> None:
    ansatt = NavAnsattInfo("Z1", frozenset({"0301"}), frozenset(grupper))
    assert lokal_persontilgang(ansatt, person) == forventet


def test_gyldig_innsatsgruppe_per_type() -> None:
    assert gyldig_innsatsgruppe(Tiltakstype.VTAO, Innsatsgruppe.LITEN_MULIGHET_TIL_A_JOBBE)
    assert not gyldig_innsatsgruppe(Tiltakstype.VTAO, Innsatsgruppe.TRENGER_VEILEDNING)
    assert gyldig_innsatsgruppe(Tiltakstype.ARBEIDSTRENING, Innsatsgruppe.TRENGER_VEILEDNING)
    assert not gyldig_innsatsgruppe(Tiltakstype.ARBEIDSTRENING, Innsatsgruppe.GODE_MULIGHETER)
    assert gyldig_innsatsgruppe(Tiltakstype.SOMMERJOBB, None)


def test_mentor_ser_ikke_deltakers_fnr_eller_tilskudd() -> None:
    a = lag_avtale(Tiltakstype.MENTOR, innhold=fullt_innhold(Tiltakstype.MENTOR, manedslonn=30000))
    m = masker(a, Rolle.MENTOR)
    assert (m.deltaker_fnr, m.innsatsgruppe, m.kostnadssted, m.veileder_navident) == ("", None, None, None)
    assert m.innhold.manedslonn is None
    assert m.innhold.mentor_valgt_lonnstype == Lonnstype.TIMELONN, "mentor ser egne lønnsfelt"


def test_deltaker_ser_ikke_mentors_lonn_eller_navidenter() -> None:
    a = med_godkjenninger(lag_avtale(Tiltakstype.MENTOR), veileder=godkjent(navident="Z1"))
    d = masker(a, Rolle.DELTAKER)
    assert d.innhold.mentor_valgt_lonnstype is None and d.innhold.mentor_valgt_lonnstype_belop is None
    assert d.godkjenninger.veileder is not None and d.godkjenninger.veileder.navident is None
    assert (d.deltaker_fnr, d.innsatsgruppe) == (DELTAKER_FNR, Innsatsgruppe.JOBBE_DELVIS)
    assert d.innhold.veileder_fornavn == "Vera" and d.innhold.veileder_tlf == "48765432"


def test_arbeidsgiver_ser_fnr_men_ikke_innsatsgruppe_eller_annulleringsgrunn() -> None:
    a = lag_avtale(annullert_grunn="Syk")
    ag = masker(a, Rolle.ARBEIDSGIVER)
    assert (ag.deltaker_fnr, ag.innsatsgruppe, ag.annullert_grunn, ag.kostnadssted) == (DELTAKER_FNR, None, None, None)


def test_arbeidsgivers_dokument_har_ikke_fnr_og_skjuler_navn_pa_beskyttet_person() -> None:
    dok = masker(lag_avtale(), Rolle.ARBEIDSGIVER, beskyttet=True, dokument=True)
    assert dok.deltaker_fnr == "" and dok.innhold.deltaker_fornavn == ADRESSEBESKYTTET


def test_nav_ser_alt() -> None:
    a = lag_avtale()
    assert masker(a, Rolle.VEILEDER) == a and masker(a, Rolle.BESLUTTER) == a
