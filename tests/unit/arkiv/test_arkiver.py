"""Archiving a received claim (domene.md §11) with fakes of its ports: the archive copy's content read back from the
PDF with pypdf, masking, exactly one journalpost under redelivery and after a crash between the archive call and the
write-back, and permanent errors."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from shared.domain.arkiv.journalpost import KANAL, TEMA
from shared.domain.utbetaling.utbetaling import Opprinnelse, Tilskuddstype
from shared.service.arkiv.arkiver import Utfall, arkiver
from shared.service.arkiv.ports import ArkivAvvist, Arkivering, ArkivFeil
from tests.bygg_generering import ny_id
from tests.unit.arkiv.fakes import (
    FakeArkiv,
    FakeArkivRepo,
    FakeVedlegg,
    avh,
    lag_krav,
    personer,
)


def _oppsett(**felt: object) -> tuple[FakeArkivRepo, str]:
    gid = ny_id()
    deltakelser = personer(gid)
    u = lag_krav(gid, deltakelser, **felt)
    repo = FakeArkivRepo({u.id: u}, {u.id: Arkivering(u.id, "VENTER", u.vedlegg)}, {d.id: d for d in deltakelser})
    return repo, u.id


def _tekst(pdf: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf)).pages)


def test_arkivkopien_har_deltakerne_maskert_som_paragraf_11_sier() -> None:
    repo, uid = _oppsett()
    arkiv = FakeArkiv()
    r = arkiver(uid, avh(repo, arkiv))

    assert r.utfall is Utfall.JOURNALFORT and r.journalpost_id == repo.utbetalinger[uid].journalpost_id
    jid, jp = arkiv.journalposter[uid]
    assert (jp.tema, jp.kanal, jp.journalforende_enhet, jp.tittel) == (TEMA, KANAL, "9999", "Utbetaling")
    assert (jp.avsender_orgnr, jp.sak, jp.ekstern_referanse_id) == ("973123456", "2025/7", uid)
    tekst = _tekst(jp.dokumenter[0].innhold)
    assert "Innsendt krav om utbetaling" in tekst and "Innsending" in tekst
    assert "Kari Testesen" in tekst and "01810012345" in tekst
    assert tekst.count("Adressebeskyttet") == 1 and tekst.count("Skjermet") == 1
    assert "Hemmelig" not in tekst and "02820012345" not in tekst
    assert "Skjult" not in tekst and "03830012345" not in tekst
    for forventet in ("Fjordvik Arbeid AS (973123456)", "AFT Bergen (2025/7)", "01.09.2025 - 30.09.2025",
                      "12345678901", "2345676", "57 020 kr", "Mottatt: 08.10.2025 kl. 11:30:00",
                      "Utbetales tidligst: 07.10.2025", "Stengt hos arrangør: 15.09.2025 - 16.09.2025",
                      "Sats 22 870 kr: 2.5 månedsverk", "Månedsverk", "0.5", "40"):  # fmt: skip
        assert forventet in tekst, forventet


def test_ny_levering_etter_journalforing_sender_ingenting_nytt() -> None:
    repo, uid = _oppsett()
    arkiv = FakeArkiv()
    forste = arkiver(uid, avh(repo, arkiv))
    andre = arkiver(uid, avh(repo, arkiv))
    assert andre.utfall is Utfall.ALLEREDE_JOURNALFORT and andre.journalpost_id == forste.journalpost_id
    assert arkiv.kall == 1 and len(arkiv.journalposter) == 1


def test_krasj_mellom_arkivkallet_og_tilbakeskrivingen_gir_en_journalpost() -> None:
    repo, uid = _oppsett()
    repo.krasj_ved_tilbakeskriving = 1
    arkiv = FakeArkiv()
    with pytest.raises(ConnectionError):
        arkiver(uid, avh(repo, arkiv))
    assert repo.utbetalinger[uid].journalpost_id is None and len(arkiv.journalposter) == 1
    r = arkiver(uid, avh(repo, arkiv))
    assert r.utfall is Utfall.JOURNALFORT and arkiv.kall == 2 and len(arkiv.journalposter) == 1
    assert repo.utbetalinger[uid].journalpost_id == arkiv.journalposter[uid][0]


def test_forbigaende_feil_kastes_og_permanent_feil_markeres() -> None:
    repo, uid = _oppsett()
    arkiv = FakeArkiv(feil=[ArkivFeil("503")])
    with pytest.raises(ArkivFeil):
        arkiver(uid, avh(repo, arkiv))
    assert not repo.avvist
    arkiv.feil = [ArkivAvvist("DOKARKIV_HTTP_400")]
    r = arkiver(uid, avh(repo, arkiv))
    assert r.utfall is Utfall.AVVIST and repo.avvist == {uid: "DOKARKIV_HTTP_400"}
    assert arkiver("finnes-ikke", avh(repo, arkiv)).feil == "ARKIVERING_FINNES_IKKE"


def test_manuelt_krav_arkiveres_med_vedleggene_i_rekkefolge() -> None:
    repo, uid = _oppsett(vedlegg=("v1", "v2"), tilskuddstype=Tilskuddstype.TILTAK_INVESTERINGER,
                         opprinnelse=Opprinnelse.ARRANGOR, beregning_gz=None)  # fmt: skip
    repo.arkiveringer[uid] = Arkivering(uid, "VENTER", ("v1", "v2"))
    repo.filnavn = {"v1": "faktura.pdf", "v2": "kvittering.pdf"}
    vedlegg = FakeVedlegg({"v1": b"%PDF-1 en", "v2": b"%PDF-1 to"})
    arkiv = FakeArkiv()
    arkiver(uid, avh(repo, arkiv, vedlegg))
    _, jp = arkiv.journalposter[uid]
    assert [(d.filnavn, d.innhold) for d in jp.dokumenter[1:]] == [("faktura.pdf", b"%PDF-1 en"),
                                                                    ("kvittering.pdf", b"%PDF-1 to")]  # fmt: skip
    assert vedlegg.kopiert == [(uid, "v1"), (uid, "v2")]
    tekst = _tekst(jp.dokumenter[0].innhold)
    assert "Utbetaling for investering" in tekst and "Vedlegg 1: faktura.pdf" in tekst
    assert "ingen deltakerrader" in tekst
    del vedlegg.filer["v2"]
    repo.arkiveringer[uid] = Arkivering(uid, "VENTER", ("v1", "v2"))
    repo.utbetalinger[uid] = repo.utbetalinger[uid].model_copy(update={"journalpost_id": None})
    assert arkiver(uid, avh(repo, FakeArkiv(), vedlegg)).feil == "VEDLEGG_MANGLER"


def test_korreksjon_arkiveres_som_opprettet_av_nav() -> None:
    repo, uid = _oppsett(opprinnelse=Opprinnelse.KORREKSJON, beregning_gz=None,
                         korreksjon={"gjelder_utbetaling_id": "u-1", "begrunnelse": "Feil antall plasser"})  # fmt: skip
    repo.arkiveringer[uid] = Arkivering(uid, "VENTER", (), "Z990001")
    arkiv = FakeArkiv()
    assert arkiver(uid, avh(repo, arkiv)).utfall is Utfall.JOURNALFORT
    tekst = _tekst(arkiv.journalposter[uid][1].dokumenter[0].innhold)
    assert "Korrigering" in tekst and "Opprettet av: Nav-ansatt Z990001" in tekst
    assert "Dato opprettet hos Nav: 08.10.2025" in tekst and "Korrigerer utbetaling: u-1" in tekst
