"""Form and body limits (issue 17 item 5): more than 1 000 multipart parts, a text field over 500 kB and a JSON body
over the platform's 32 MiB are refused with a 413 problem+json, nothing stored; never a 500."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from tests.integration.arrangor_api.conftest import ORGNR, Api, deltaker, generer, gjennomforing
from tests.integration.arrangor_api.test_manuelle_krav import bucket_innhold, krav_i, krav_sti, skjema, timepris

B = "/api/arrangorflate"


def _413(svar: Any) -> None:
    assert svar.status_code == 413, (svar.status_code, svar.data[:300])
    assert svar.content_type == "application/problem+json"
    assert svar.json["type"] == "payload-too-large" and svar.json["status"] == 413


def test_for_mange_deler_og_for_stort_tekstfelt_gir_413_og_ingenting_lagres(api: Api) -> None:
    api.repo.lagre_kontonummer(ORGNR, "12345678901")
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-01")
    for_ = (krav_i(api.db, tp), bucket_innhold())
    mange = skjema(date(2026, 10, 1), date(2026, 10, 31), 12000) | {f"x{i}": "1" for i in range(1001)}
    _413(api.post(krav_sti(tp), data=mange, content_type="multipart/form-data"))
    stort = skjema(date(2026, 10, 1), date(2026, 10, 31), 12000) | {"kidNummer": "1" * 600_000}
    _413(api.post(krav_sti(tp), data=stort, content_type="multipart/form-data"))
    _413(api.post(krav_sti(tp) + "/vedlegg", data={f"x{i}": "1" for i in range(1001)} | {
        "vedlegg": (io.BytesIO(b"%PDF-1.4"), "a.pdf")}, content_type="multipart/form-data"))  # fmt: skip
    assert (krav_i(api.db, tp), bucket_innhold()) == for_


def test_json_over_32_mib_gir_413_for_kroppen_leses(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    for_ = api.db.collection("utbetalinger").document(uid).get().to_dict()
    kropp = b'{"updatedAt": "' + b"x" * (32 * 1024 * 1024) + b'"}'
    _413(api.post(f"{B}/utbetaling/{uid}/godkjenn", data=kropp, content_type="application/json"))
    assert api.db.collection("utbetalinger").document(uid).get().to_dict() == for_
