"""The smaller things of issue 17 item 7 on the arrangør API: the PDF download access-logs nothing (it discloses no
participant data), a 405 says what is allowed, and the local scanner refuses a PDF with JavaScript and EICAR inside a
compressed stream; nothing is stored."""

from __future__ import annotations

import io
import zlib
from datetime import date

import pypdf
from google.cloud import firestore
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from shared.adapters.arrangor.virusskanning import EICAR
from shared.adapters.firestore.tilgangslogg import SAMLING
from shared.config import settings
from tests.integration.arrangor_api.conftest import ORGNR, Api, deltaker, generer, gjennomforing
from tests.integration.arrangor_api.test_manuelle_krav import (
    bucket_innhold,
    krav_i,
    lag_pdf,
    post_krav,
    skjema,
    timepris,
)

B = "/api/arrangorflate"


def _logg() -> list[dict[str, object]]:
    db = firestore.Client(project=settings().gcp_project, database="tilgangslogg")
    return [s.to_dict() or {} for s in db.collection(SAMLING).stream()]


def test_pdf_nedlasting_tilgangslogger_ingen_deltakere_og_405_har_allow(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    assert api.get(f"{B}/utbetaling/{uid}").status_code == 200
    for_ = _logg()
    assert for_ and for_[0]["deltaker_identer"] == ["01810012345"]
    pdf = api.get(f"{B}/utbetaling/{uid}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-") and b"01810012345" not in pdf.data
    assert _logg() == for_
    feil = api.klient.delete(f"{B}/utbetaling/{uid}", headers=api.auth("01017012345"))
    assert feil.status_code == 405 and feil.headers["Allow"] == "GET"
    assert feil.content_type == "application/problem+json"


def _med_javascript() -> bytes:
    skriver = pypdf.PdfWriter(clone_from=io.BytesIO(lag_pdf()))
    handling = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                 NameObject("/JS"): TextStringObject("app.alert('hei');")})  # fmt: skip
    skriver._root_object[NameObject("/OpenAction")] = handling
    ut = io.BytesIO()
    skriver.write(ut)
    return ut.getvalue()


def _med_komprimert_eicar() -> bytes:
    strom = zlib.compress(EICAR)
    return (
        lag_pdf() + b"\n9 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(strom) + strom + b"\nendstream"
    )


def test_pdf_med_javascript_eller_komprimert_eicar_avvises_og_lagres_ikke(api: Api) -> None:
    api.repo.lagre_kontonummer(ORGNR, "12345678901")
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-01")
    for_ = (krav_i(api.db, tp), bucket_innhold())
    for data in (_med_javascript(), _med_komprimert_eicar()):
        svar = post_krav(api, tp, skjema(date(2026, 10, 1), date(2026, 10, 31), 12000), [(data, "timer.pdf")])
        assert svar.status_code == 400 and svar.content_type == "application/problem+json", svar.json
        assert {"pointer": "/vedlegg", "detail": "Virus funnet i minst ett vedlegg"} in svar.json["errors"]
    assert (krav_i(api.db, tp), bucket_innhold()) == for_
