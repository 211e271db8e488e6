"""Archiving (domene.md §11) on the emulators: a claim sent in through the arrangør API is journalført by the
`arkiver` function in the functions host (local archive in Firestore and Cloud Storage), with the participants in the
archive copy masked; and the function in-process under redelivery and after a crash between the archive call and the
write-back gives exactly one journalpost."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import functions_framework
import pypdf
from cloudevents.conversion import to_binary
from cloudevents.http import CloudEvent
from google.cloud import firestore, storage  # type: ignore[attr-defined]
from google.events.cloud.firestore import Document, DocumentEventData

from emulators.klargjoring import Prosjektoppsett
from shared import bootstrap, bootstrap_arkiv
from shared.adapters.arkiv.lokalt_arkiv import SAMLING
from shared.adapters.firestore import dokumenter as dok
from shared.config import settings
from shared.domain.arkiv.journalpost import lag_journalpost
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import ROT, Api, deltaker, generer, gjennomforing

B = "/api/arrangorflate"


def _vent(hva: Callable[[], Any], frist_s: float = 30) -> Any:
    slutt = time.monotonic() + frist_s
    while time.monotonic() < slutt:
        if verdi := hva():
            return verdi
        time.sleep(0.2)
    raise AssertionError("tidsfristen gikk ut")


def _journalpost_id(db: firestore.Client, uid: str) -> str | None:
    return (db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {}).get("journalpost_id")


def _bucket() -> Any:
    return storage.Client(project=settings().gcp_project).bucket(settings().vedlegg_bucket)


def test_innsendt_krav_journalfores_med_maskerte_deltakere(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    deltaker(api.db, gid, person={"norsk_ident": "02820012345", "fornavn": "Hemmelig",
                                  "adressebeskyttelse": "FORTROLIG"})  # fmt: skip
    deltaker(api.db, gid, person={"norsk_ident": "03830012345", "fornavn": "Skjult", "skjermet": True})
    api.repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/2"))
    uid = generer(api, gid)
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    ok = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": "2345676"})
    assert ok.status_code == 200, ok.json

    jid = _vent(lambda: _journalpost_id(api.db, uid))
    arkivering = api.db.collection(dok.ARKIVERINGER).document(uid).get().to_dict() or {}
    assert arkivering["status"] == "JOURNALFORT" and arkivering["journalpost_id"] == jid
    post = api.db.collection(SAMLING).document(uid).get().to_dict() or {}
    assert post["journalpost_id"] == jid and post["foresporsler"] == 1
    assert (post["tema"], post["kanal"], post["journalforende_enhet"], post["sak"]) == (
        "TIL",
        "NAV_NO",
        "9999",
        "2025/7",
    )
    pdf = _bucket().blob(post["dokumenter"][0]["objekt"]).download_as_bytes()
    tekst = "\n".join(s.extract_text() for s in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Kari Nordmann" in tekst and "01810012345" in tekst and "KID-nummer: 2345676" in tekst
    assert "Adressebeskyttet" in tekst and "Skjermet" in tekst
    assert "Hemmelig" not in tekst and "02820012345" not in tekst and "03830012345" not in tekst
    u = api.get(f"{B}/utbetaling/{uid}").json
    assert u["updatedAt"] > ok.json["updatedAt"]  # the write-back is a write (§6.1)


def _hendelse(uid: str) -> tuple[dict[str, str], bytes]:
    navn = f"projects/{settings().gcp_project}/databases/(default)/documents/{dok.ARKIVERINGER}/{uid}"
    data = DocumentEventData.serialize(DocumentEventData(value=Document(name=navn)))
    event = CloudEvent({"type": "google.cloud.firestore.document.v1.created", "datacontenttype": "application/protobuf",
                        "source": f"//firestore.googleapis.com/projects/{settings().gcp_project}/databases/(default)",
                        "subject": f"documents/{dok.ARKIVERINGER}/{uid}"}, data)  # fmt: skip
    return to_binary(event)  # type: ignore[no-any-return]


def _lever(klient: Any, uid: str) -> None:
    hoder, kropp = _hendelse(uid)
    svar = klient.post("/", headers=hoder, data=kropp)
    assert svar.status_code == 200, svar.data


def _klient() -> Any:
    kilde = str(Path(ROT) / "functions/arkiver/main.py")
    return functions_framework.create_app("arkiver", kilde, "cloudevent").test_client()  # type: ignore[no-untyped-call]


def _nytt_krav(db: firestore.Client, bestillingsnummer: str = "A-2025/1") -> str:
    """A claim and its arkivering written directly, in a project whose functions host runs nothing."""
    api = Api(None, db, bootstrap.repo())
    gid = gjennomforing(db)
    deltaker(db, gid)
    uid = generer(api, gid, bestillingsnummer=bestillingsnummer)
    na = datetime.now(UTC)
    db.collection(dok.ARKIVERINGER).document(uid).create({"utbetaling_id": uid, "opprettet": na, "status": "VENTER",
                                                            "vedlegg": []})  # fmt: skip
    return uid


def test_ny_levering_og_krasj_for_tilbakeskrivingen_gir_en_journalpost(lag_isolert_prosjekt: Any) -> None:
    oppsett: Prosjektoppsett = lag_isolert_prosjekt([])
    assert oppsett.prosjekt == settings().gcp_project
    db, klient = bootstrap.firestore_klient(), _klient()

    uid = _nytt_krav(db)
    _lever(klient, uid)
    jid = _journalpost_id(db, uid)
    _lever(klient, uid)
    post = db.collection(SAMLING).document(uid).get().to_dict() or {}
    assert jid and _journalpost_id(db, uid) == jid and post["journalpost_id"] == jid and post["foresporsler"] == 1

    # the archive call went through, then the process died before the write-back
    krasj = _nytt_krav(db, "A-2025/2")
    forste = bootstrap_arkiv.arkiv().arkiv.journalfor(
        lag_journalpost(krasj, "973123456", "Arrangør", "2025/7", datetime.now(UTC).date(), b"%PDF-", ())
    )
    assert _journalpost_id(db, krasj) is None
    _lever(klient, krasj)
    post = db.collection(SAMLING).document(krasj).get().to_dict() or {}
    assert _journalpost_id(db, krasj) == forste == post["journalpost_id"] and post["foresporsler"] == 2
    assert len(list(db.collection(SAMLING).stream())) == 2
