"""Use cases of the tiltaksavtale with in-memory fakes of our ports: whole flows, the optimistic lock, access per
role with the access log first, masking on read, the outbox written once, and the daily job."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest

from shared.domain.tiltaksavtale.avtale import Enhet, PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.feil import AvtaleIkkeTilgang, AvtaleTjenesteNede, SamtidigeEndringer
from shared.domain.tiltaksavtale.godkjenn import InnsatsbehovEndret
from shared.domain.tiltaksavtale.hendelser import Kanal
from shared.domain.tiltaksavtale.kodeverk import (
    TYPER,
    Adressebeskyttelse,
    Innsatsgruppe,
    Part,
    Rolle,
    Status,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.opprett import NyAvtale, Oppfolgingsstatus
from shared.domain.tiltaksavtale.tilgang import Enhetstype, NavAnsattInfo, Person, Virksomhet
from shared.service.tiltaksavtale import handlinger as h
from shared.service.tiltaksavtale.daglig import kjor_daglig_jobb
from shared.service.tiltaksavtale.felles import Avhengigheter
from shared.service.tiltaksavtale.les import hent_avtale, hent_versjoner, list_avtaler
from shared.service.tiltaksavtale.opprett import opprett_avtale_som_arbeidsgiver, opprett_avtale_som_veileder
from shared.service.tiltaksavtale.ports import Avtalefilter
from tests.unit.tiltaksavtale.byggere import (
    ARBEIDSGIVER_PID,
    BEDRIFT,
    BESLUTTER,
    DELTAKER_FNR,
    FODSELSDATO,
    MENTOR_FNR,
    VEILEDER,
    arbeidsgiver,
    beslutter,
    deltaker,
    fullt_innhold,
    mentor,
    veileder,
)
from tests.unit.tiltaksavtale.fakes import (
    FakeAltinn,
    FakeEnheter,
    FakeKlokke,
    FakeNav,
    FakeOppfolging,
    FakePersoner,
    FakeTilgangslogg,
    FakeTiltaksavtaleRepo,
)


@dataclass
class Oppsett:
    avh: Avhengigheter
    repo: FakeTiltaksavtaleRepo
    klokke: FakeKlokke
    logg: FakeTilgangslogg
    personer: FakePersoner


def lag_oppsett(gradering: Adressebeskyttelse = Adressebeskyttelse.UGRADERT) -> Oppsett:
    repo, klokke, logg = FakeTiltaksavtaleRepo(), FakeKlokke(), FakeTilgangslogg()
    personer = FakePersoner(Person(DELTAKER_FNR, "Kari", "Nordmann", FODSELSDATO, gradering, oppfolgingsenhet="0301"))
    ansatte = [NavAnsattInfo(VEILEDER, frozenset({"0301"})), NavAnsattInfo(BESLUTTER, frozenset({"0301"}))]
    ressurser = {TYPER[t].ressurs: frozenset({BEDRIFT}) for t in (Tiltakstype.VTAO, Tiltakstype.ARBEIDSTRENING)}
    avh = Avhengigheter(
        repo=repo,
        klokke=klokke,
        altinn=FakeAltinn({ARBEIDSGIVER_PID: ressurser}),
        personer=personer,
        oppfolging=FakeOppfolging({DELTAKER_FNR: Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.JOBBE_DELVIS)}),
        nav=FakeNav(personer, ansatte, {BESLUTTER}),
        enheter=FakeEnheter(Virksomhet(BEDRIFT, "Snekkeri AS", Enhetstype.UNDERENHET)),
        tilgangslogg=logg,
        lenke="https://arbeidsgiver.test",
        intern_lenke="https://nav.test",
    )
    return Oppsett(avh, repo, klokke, logg, personer)


@pytest.fixture
def o() -> Oppsett:
    return lag_oppsett()


def ny(t: Tiltakstype = Tiltakstype.VTAO) -> NyAvtale:
    return NyAvtale(DELTAKER_FNR, BEDRIFT, t)


def utfylt(o: Oppsett, t: Tiltakstype = Tiltakstype.VTAO) -> Tiltaksavtale:
    a = opprett_avtale_som_veileder(o.avh, veileder(), ny(t))
    return h.endre(o.avh, veileder(), a.id, a.sist_endret, fullt_innhold(t))


def test_vtao_fra_arbeidsgiver_til_inngatt(o: Oppsett) -> None:
    a = opprett_avtale_som_arbeidsgiver(o.avh, arbeidsgiver(), ny())
    assert a.avtalenr == 1 and a.er_ufordelt
    a = h.overta(o.avh, veileder(), a.id, a.sist_endret)
    a = h.endre(o.avh, arbeidsgiver(), a.id, a.sist_endret, fullt_innhold(Tiltakstype.VTAO))
    assert a.status == Status.MANGLER_GODKJENNING
    a = h.godkjenn(o.avh, deltaker(), a.id, a.sist_endret, True)
    a = h.godkjenn(o.avh, arbeidsgiver(), a.id, a.sist_endret, True)
    a = h.godkjenn(o.avh, veileder(), a.id, a.sist_endret, True)
    assert not a.er_inngatt and a.tilskudd_beslutning is not None
    a = h.godkjenn_tilskudd(o.avh, beslutter(), a.id, a.sist_endret)
    assert a.er_inngatt and a.status == Status.KLAR_FOR_OPPSTART
    assert [v.versjon for v in o.repo.versjoner(a.id)] == [1]
    tekster = sorted(x.tekst for x in o.repo.hendelser.values())
    assert "Avtale godkjent av Nav" in tekster and "Avtale tildelt veileder" in tekster


def test_arbeidstrening_godkjent_pa_vegne_av_deltaker(o: Oppsett) -> None:
    a = utfylt(o, Tiltakstype.ARBEIDSTRENING)
    a = h.godkjenn(o.avh, arbeidsgiver(), a.id, a.sist_endret, True)
    o.avh.oppfolging.status[DELTAKER_FNR] = Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.TRENGER_VEILEDNING)  # type: ignore[attr-defined]
    a = h.godkjenn_pa_vegne_av(o.avh, veileder(), a.id, a.sist_endret, True, PaVegneAv(digital_kompetanse=True))
    assert a.er_inngatt


def test_foreldet_sist_endret_gir_konflikt_og_skriver_ingenting(o: Oppsett) -> None:
    a = utfylt(o)
    gammel = a.sist_endret
    h.godkjenn(o.avh, deltaker(), a.id, gammel, True)
    for_ = dict(o.repo.avtaler), len(o.repo.hendelser)
    with pytest.raises(SamtidigeEndringer) as e:
        h.godkjenn(o.avh, arbeidsgiver(), a.id, gammel, True)
    assert e.value.detail.startswith("Du må oppdatere siden før du kan lagre")
    assert (dict(o.repo.avtaler), len(o.repo.hendelser)) == for_


def test_samtidige_godkjenninger_bare_en_vinner(o: Oppsett) -> None:
    a = utfylt(o)
    o.repo.for_commit = lambda: h.godkjenn(o.avh, arbeidsgiver(), a.id, a.sist_endret, True)
    with pytest.raises(SamtidigeEndringer):
        h.godkjenn(o.avh, deltaker(), a.id, a.sist_endret, True)
    lagret = o.repo.avtaler[a.id]
    assert lagret.godkjenninger.arbeidsgiver is not None and lagret.godkjenninger.deltaker is None


def test_hendelse_melding_uten_personopplysninger(o: Oppsett) -> None:
    a = utfylt(o)
    meldinger = [u for u in o.repo.utsendinger.values() if u.kanal == Kanal.PUBSUB]
    assert len(meldinger) == 2 and all(m.topic == "avtale-hendelse" and m.ordering_key == a.id for m in meldinger)
    for m in meldinger:
        assert DELTAKER_FNR not in m.innhold and "Kari" not in m.innhold
        assert set(json.loads(m.innhold)) == {
            "avtaleId", "avtalenr", "tiltakstype", "hendelse", "status", "versjon", "utfortAvRolle", "tidspunkt",
            "bedriftNr", "enhetOppfolging",
        }  # fmt: skip


def test_utsending_skrives_en_gang_ved_gjentatt_transaksjon(o: Oppsett) -> None:
    a = utfylt(o)
    o.repo.for_commit = lambda: None  # forces one retry of the same transaction
    a = h.del_med(o.avh, veileder(), a.id, a.sist_endret, Part.DELTAKER)
    sms = [u for u in o.repo.utsendinger.values() if u.kanal == Kanal.SMS]
    assert len(sms) == 1 and sms[0].mottaker == "41234567"


def test_arbeidsgiver_uten_rett_til_orgnr_far_403(o: Oppsett) -> None:
    a = utfylt(o)
    o.avh.altinn.delegeringer[ARBEIDSGIVER_PID] = {}  # type: ignore[attr-defined]
    with pytest.raises(AvtaleIkkeTilgang) as e:
        hent_avtale(o.avh, arbeidsgiver(), a.id)
    assert (e.value.detail, e.value.feilkode) == ("Du har ikke tilgang til denne avtalen", "IKKE_TILGANG_TIL_AVTALE")
    assert list_avtaler(o.avh, arbeidsgiver(), Avtalefilter()) == []


def test_altinn_nede_gir_503(o: Oppsett) -> None:
    a = utfylt(o)
    o.avh.altinn.nede = True  # type: ignore[attr-defined]
    with pytest.raises(AvtaleTjenesteNede) as e:
        hent_avtale(o.avh, arbeidsgiver(), a.id)
    assert e.value.detail == "Klarte ikke få kontakt med Altinn. Vennligst prøv igjen senere"


def test_annen_deltaker_ser_ikke_avtalen(o: Oppsett) -> None:
    a = utfylt(o)
    with pytest.raises(AvtaleIkkeTilgang):
        hent_avtale(o.avh, replace(deltaker(), ident="01017000000"), a.id)


def test_nav_ansattes_oppslag_logges_for_data_gis_ut(o: Oppsett) -> None:
    a = utfylt(o)
    o.logg.poster.clear()
    hent_avtale(o.avh, veileder(), a.id)
    (post,) = o.logg.poster
    assert (post.navident, post.avtale_id, post.deltaker_ident, post.hendelsestype, post.tillatt) == (
        VEILEDER, a.id, DELTAKER_FNR, "READ", True,
    )  # fmt: skip
    o.logg.nede = True
    with pytest.raises(AvtaleTjenesteNede):
        hent_avtale(o.avh, veileder(), a.id)


def test_avvist_oppslag_logges_med_tillatt_false(o: Oppsett) -> None:
    a = utfylt(o)
    o.logg.poster.clear()
    annen = replace(veileder(), ident="Z999999")
    with pytest.raises(AvtaleIkkeTilgang) as e:
        hent_avtale(o.avh, annen, a.id)
    assert e.value.detail == "Du har ikke tilgang til deltaker"
    assert [(p.navident, p.tillatt) for p in o.logg.poster] == [("Z999999", False)]


def test_deltaker_og_arbeidsgiver_ser_ikke_navidenter_eller_innsatsgruppe(o: Oppsett) -> None:
    a = utfylt(o)
    a = h.godkjenn(o.avh, deltaker(), a.id, a.sist_endret, True)
    a = h.godkjenn(o.avh, arbeidsgiver(), a.id, a.sist_endret, True)
    a = h.godkjenn(o.avh, veileder(), a.id, a.sist_endret, True)
    som_ag = hent_avtale(o.avh, arbeidsgiver(), a.id)
    assert (som_ag.veileder_navident, som_ag.innsatsgruppe, som_ag.kostnadssted) == (None, None, None)
    assert som_ag.godkjenninger.veileder is not None and som_ag.godkjenninger.veileder.navident is None
    assert som_ag.deltaker_fnr == DELTAKER_FNR
    som_deltaker = hent_avtale(o.avh, deltaker(), a.id)
    assert som_deltaker.innsatsgruppe == Innsatsgruppe.JOBBE_DELVIS and som_deltaker.tilskudd_beslutning is None
    assert hent_avtale(o.avh, veileder(), a.id).veileder_navident == VEILEDER


def test_feilregistrert_avtale_finnes_for_ingen(o: Oppsett) -> None:
    a = utfylt(o)
    h.annuller(o.avh, veileder(), a.id, a.sist_endret, "Feilregistrering")
    assert list_avtaler(o.avh, deltaker(), Avtalefilter()) == []
    assert list_avtaler(o.avh, veileder(), Avtalefilter()) == []
    with pytest.raises(AvtaleIkkeTilgang):
        hent_avtale(o.avh, deltaker(), a.id)


def test_lister_filtrerer_pa_egen_rolle(o: Oppsett) -> None:
    a = utfylt(o)
    assert [x.id for x in list_avtaler(o.avh, deltaker(), Avtalefilter())] == [a.id]
    assert [x.id for x in list_avtaler(o.avh, arbeidsgiver(), Avtalefilter())] == [a.id]
    assert list_avtaler(o.avh, replace(veileder(), ident="Z999999"), Avtalefilter()) == []


def test_beskyttet_deltaker_krever_adressesperre_for_arbeidsgiver() -> None:
    o = lag_oppsett(Adressebeskyttelse.FORTROLIG)
    o.avh.nav.ansatte[VEILEDER] = NavAnsattInfo(VEILEDER, frozenset({"0301"}), frozenset({"fortrolig"}))  # type: ignore[attr-defined]
    a = utfylt(o)
    with pytest.raises(AvtaleIkkeTilgang):
        hent_avtale(o.avh, arbeidsgiver(), a.id)


def test_endret_innsatsgruppe_lagres_for_400(o: Oppsett) -> None:
    t = Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD
    o.avh.altinn.delegeringer[ARBEIDSGIVER_PID][TYPER[t].ressurs] = frozenset({BEDRIFT})  # type: ignore[attr-defined]
    o.avh.oppfolging.status[DELTAKER_FNR] = Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.TRENGER_VEILEDNING)  # type: ignore[attr-defined]
    a = utfylt(o, t)
    a = h.godkjenn(o.avh, deltaker(), a.id, a.sist_endret, True)
    a = h.godkjenn(o.avh, arbeidsgiver(), a.id, a.sist_endret, True)
    o.avh.oppfolging.status[DELTAKER_FNR] = Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.JOBBE_DELVIS)  # type: ignore[attr-defined]
    with pytest.raises(InnsatsbehovEndret):
        h.godkjenn(o.avh, veileder(), a.id, a.sist_endret, True)
    lagret = o.repo.avtaler[a.id]
    assert lagret.innsatsgruppe == Innsatsgruppe.JOBBE_DELVIS and not lagret.godkjenninger.noen_godkjent


def test_versjoner_etter_endring(o: Oppsett) -> None:
    a = utfylt(o, Tiltakstype.ARBEIDSTRENING)
    o.avh.oppfolging.status[DELTAKER_FNR] = Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.TRENGER_VEILEDNING)  # type: ignore[attr-defined]
    for aktor in (deltaker(), arbeidsgiver(), veileder()):
        a = h.godkjenn(o.avh, aktor, a.id, a.sist_endret, True)
    a = h.forleng(o.avh, veileder(), a.id, a.sist_endret, a.innhold.slutt_dato + timedelta(days=30))  # type: ignore[operator]
    assert [v.versjon for v in hent_versjoner(o.avh, deltaker(), a.id)] == [1, 2]


def test_daglig_jobb_lar_uferdig_avtale_utlope_en_gang(o: Oppsett) -> None:
    a = opprett_avtale_som_veileder(o.avh, veileder(), ny())
    o.klokke.frem(weeks=12)
    resultat = kjor_daglig_jobb(o.avh)
    assert resultat.endret == [a.id] and resultat.feilet == []
    lagret = o.repo.avtaler[a.id]
    assert (lagret.status, lagret.annullert_grunn, lagret.feilregistrert) == (Status.ANNULLERT, "Utløpt", True)
    assert kjor_daglig_jobb(o.avh).endret == []


def test_daglig_jobb_skriver_ikke_uendrede_avtaler(o: Oppsett) -> None:
    utfylt(o)
    for_ = o.repo.transaksjoner
    assert kjor_daglig_jobb(o.avh).endret == []
    assert o.repo.transaksjoner == for_ + 1


def test_bare_veileder_kan_overta(o: Oppsett) -> None:
    a = utfylt(o)
    with pytest.raises(AvtaleIkkeTilgang) as e:
        h.overta(o.avh, arbeidsgiver(), a.id, a.sist_endret)
    assert e.value.feilkode == "ROLLE_HAR_IKKE_TILGANG"


def test_mentor_far_ikke_se_versjoner(o: Oppsett) -> None:
    a = utfylt(o)
    with pytest.raises(AvtaleIkkeTilgang):
        hent_versjoner(o.avh, replace(deltaker(), rolle=Rolle.MENTOR), a.id)


def test_mentor_signerer_for_den_kan_lese(o: Oppsett) -> None:
    t = Tiltakstype.MENTOR
    a = opprett_avtale_som_veileder(o.avh, veileder(), NyAvtale(DELTAKER_FNR, BEDRIFT, t, MENTOR_FNR))
    with pytest.raises(AvtaleIkkeTilgang):
        hent_avtale(o.avh, mentor(), a.id)
    a = h.signer(o.avh, mentor(), a.id, a.sist_endret)
    sett = hent_avtale(o.avh, mentor(), a.id)
    assert sett.deltaker_fnr == "" and sett.godkjenninger.mentor_taushetserklaering is not None
