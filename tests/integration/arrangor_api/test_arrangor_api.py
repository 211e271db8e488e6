"""The arrangør API end to end in-process against the emulators (domene.md §8): reads, godkjenn checks, access."""

from __future__ import annotations

import io

import pypdf

from shared.adapters.firestore.tilgangslogg import SAMLING
from shared.config import settings
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import ANNEN_PID, ORGNR, PID, Api, deltaker, generer, gjennomforing

B = "/api/arrangorflate"


def test_uten_token_401_og_uten_tilgang_403(api: Api) -> None:
    assert api.klient.get(f"{B}/utbetaling").status_code == 401
    assert api.get(f"{B}/orgnr-tilganger", pid=ANNEN_PID).json == []  # §8.1: the front end's «Mangler tilgang»
    svar = api.get(f"{B}/utbetaling", pid=ANNEN_PID)
    assert svar.status_code == 403 and svar.content_type == "application/problem+json"
    assert svar.json["detail"].startswith("Du mangler tilgang til utbetalingsløsningen.")
    assert api.get(f"{B}/orgnr-tilganger").json == [ORGNR]


def test_liste_detalj_kvittering_og_godkjenn(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    # two covering tilsagn: the AFT automatic path does not apply (§6.6), so the claim stays with Nav
    api.repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/2"))
    uid = generer(api, gid)
    liste = api.get(f"{B}/utbetaling").json
    assert liste["pagination"]["totalCount"] == 1
    assert liste["data"][0]["utbetalingId"] == uid and liste["data"][0]["status"] == "KLAR_FOR_GODKJENNING"
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    assert detalj["beregning"]["deltakelser"]["rows"][0]["cells"]["navn"]["value"] == "Kari Nordmann"
    assert detalj["kanAvbrytes"] == "HIDDEN" and detalj["betalingsinformasjon"]["kontonummer"] == "12345678901"
    logg = list(api.db.__class__(project=settings().gcp_project, database="tilgangslogg").collection(SAMLING).stream())
    assert logg and logg[0].to_dict()["deltaker_identer"] == ["01810012345"]
    assert api.get(f"{B}/utbetaling/{uid}/kvittering").status_code == 404

    feil = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": "2020-01-01T00:00:00Z", "kid": None})
    assert feil.status_code == 400 and feil.json["detail"] == "Utbetalingen kan ikke godkjennes"
    assert feil.json["errors"][0] == {
        "pointer": "/updatedAt",
        "detail": "Informasjonen i kravet har endret seg. Vennligst se over på nytt.",
    }
    feil = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": "2345674"})
    assert feil.json["errors"][0] == {"pointer": "/kid", "detail": "Ugyldig kid"}
    ok = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": "2345676"})
    assert ok.status_code == 200, ok.json
    assert ok.json["status"] == "BEHANDLES_AV_NAV" and ok.json["betalingsinformasjon"]["kid"] == "2345676"
    igjen = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": ok.json["updatedAt"], "kid": None})
    assert igjen.json["errors"][0]["detail"] == "Utbetaling er allerede godkjent"
    kv = api.get(f"{B}/utbetaling/{uid}/kvittering").json
    assert kv["kontonummer"] == "12345678901" and kv["mottattDato"]
    pdf = api.get(f"{B}/utbetaling/{uid}/pdf")
    assert pdf.content_type == "application/pdf"
    tekst = pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Innsending" in tekst and "12345678901" in tekst and "2345676" in tekst
    assert "Kari" not in tekst and "01810012345" not in tekst

    avbryt = api.post(f"{B}/utbetaling/{uid}/avbryt", json={"begrunnelse": ""})
    assert avbryt.json["errors"][0] == {"pointer": "/begrunnelse", "detail": "Begrunnelse må være satt"}
    avbrutt = api.post(f"{B}/utbetaling/{uid}/avbryt", json={"begrunnelse": "Feil periode"})
    assert avbrutt.json["status"] == "AVBRUTT_AV_ARRANGOR" and avbrutt.json["kanRegenereres"] is True
    ny = api.post(f"{B}/utbetaling/{uid}/regenerer", json={"begrunnelse": None})
    assert ny.status_code == 200, ny.json
    assert api.get(f"{B}/utbetaling/{ny.json['id']}").json["status"] == "KLAR_FOR_GODKJENNING"
    igjen = api.post(f"{B}/utbetaling/{uid}/regenerer", json={"begrunnelse": None})
    assert igjen.json["errors"][0]["detail"] == "Utbetalingen er allerede regenerert"


def test_godkjenn_uten_kontonummer_og_uten_tilsagn(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid, konto=None, tilsagn=False)
    u = api.get(f"{B}/utbetaling/{uid}").json
    assert u["status"] == "BLOKKERT_FOR_INNSENDING" and u["blokkeringer"] == ["MANGLER_TILSAGN"]
    svar = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": u["updatedAt"], "kid": None})
    assert svar.json["errors"][0]["detail"] == "Utbetalingen kan ikke godkjennes fordi kontonummer mangler."
    api.repo.lagre_kontonummer(ORGNR, "12345678901")
    assert api.get(f"{B}/utbetaling/{uid}/sync-kontonummer").json["kontonummer"] == "12345678901"
    u = api.get(f"{B}/utbetaling/{uid}").json
    svar = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": u["updatedAt"], "kid": None})
    assert svar.json["errors"][0]["detail"] == "Det mangler tilsagn for utbetalingsperioden."


def test_beskyttet_person_vises_som_adressebeskyttet(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid, person={"adressebeskyttelse": "STRENGT_FORTROLIG"})
    uid = generer(api, gid)
    celler = api.get(f"{B}/utbetaling/{uid}").json["beregning"]["deltakelser"]["rows"][0]["cells"]
    assert celler["navn"]["value"] == "Adressebeskyttet" and celler["norskIdent"]["value"] is None


def test_kryssorganisasjon_gir_403_eller_404_aldri_data(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    api.deleger(ANNEN_PID, "999999999")
    tilsagn = api.get(f"{B}/tilsagn").json["data"][0]["id"]
    for metode, sti in [
        ("GET", f"/utbetaling/{uid}"), ("GET", f"/utbetaling/{uid}/kvittering"), ("GET", f"/utbetaling/{uid}/pdf"),
        ("GET", f"/utbetaling/{uid}/tilsagn"), ("GET", f"/utbetaling/{uid}/sync-kontonummer"),
        ("POST", f"/utbetaling/{uid}/godkjenn"), ("POST", f"/utbetaling/{uid}/avbryt"),
        ("POST", f"/utbetaling/{uid}/regenerer"), ("GET", f"/tilsagn/{tilsagn}"),
        ("GET", f"/{ORGNR}/features?feature=TILTAKSADMINISTRASJON_ENKELTPLASS_FILTER"),
    ]:  # fmt: skip
        kall = api.get if metode == "GET" else api.post
        kropp = {"updatedAt": "x", "kid": None} if sti.endswith("godkjenn") else {"begrunnelse": "x"}
        svar = kall(B + sti, pid=ANNEN_PID, json=kropp)
        assert svar.status_code == 403, (sti, svar.status_code)
        assert svar.json["detail"] == f"Ikke tilgang til bedrift med organisasjonsnummer {ORGNR}"
    assert api.get(f"{B}/utbetaling", pid=ANNEN_PID).json["data"] == []
    assert api.get(f"{B}/utbetaling/{'0' * 8}-0000-0000-0000-{'0' * 12}").status_code == 404
    assert api.get(f"{B}/tilsagn/ukjent").json["detail"] == "Fant ikke tilsagn med id=ukjent"
    assert PID not in str(list(api.db.collection("altinn_delegeringer").stream())[0].id)
