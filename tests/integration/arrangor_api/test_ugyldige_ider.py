"""Every id of the arrangør API checked by its shape at the edge (issue 17 item 2): ids Firestore refuses (`__x__`,
`.`, `..`), 5 000 digits and a newline give a 404 problem+json on every id route (never a 500, never Flask's HTML
404), and `vedleggIds` of the wrong shape a 400 with its pointer; nothing is written."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from shared.edge.arrangor.api import RUTER_LISTE
from tests.integration.arrangor_api.conftest import ORGNR, Api, deltaker, generer, gjennomforing
from tests.integration.arrangor_api.test_manuelle_krav import lag_pdf, post_krav, skjema, timepris

B = "/api/arrangorflate"
UGYLDIGE = ["__x__", ".", "..", "%2E%2E", "9" * 5000, "abc%0A", "ab%0Acd", "a%20b"]


def tell(api: Api) -> dict[str, int]:
    return {c: sum(1 for _ in api.db.collection(c).stream()) for c in
            ("utbetalinger", "vedlegg", "endringshistorikk", "utsendinger", "skrivekrav")}  # fmt: skip


def _problem(svar: Any, *koder: int) -> dict[str, Any]:
    assert svar.status_code in koder, (svar.status_code, svar.data[:300])
    assert svar.content_type == "application/problem+json", svar.data[:300]
    body: dict[str, Any] = svar.json
    assert body["status"] == svar.status_code and body["type"] in ("not-found", "validation-error")
    return body


def test_hver_id_rute_med_ugyldig_id_gir_404_problem(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    generer(api, gid)
    for_ = tell(api)
    sjekket = 0
    for rute in RUTER_LISTE:
        navn = re.findall(r"\{(\w+)\}", rute.sti)
        for param in navn:
            for ugyldig in UGYLDIGE:
                verdier = {"orgnr": ORGNR, "gjennomforingId": gid, "id": "00000000-0000-4000-8000-000000000000"}
                verdier[param] = ugyldig
                url = re.sub(r"\{(\w+)\}", lambda m, v=verdier: v[m.group(1)], rute.sti)  # type: ignore[misc]
                kall = api.get if rute.metode == "GET" else api.post
                body = _problem(kall(url, json={}), 404)
                assert body["detail"].startswith("Fant ikke"), body
                sjekket += 1
    assert sjekket >= 17 * len(UGYLDIGE)
    assert tell(api) == for_


def test_newline_i_stien_gir_problem_ikke_html(api: Api) -> None:
    for sti in (f"{B}/utbetaling/abc%0A", f"{B}/utbetaling/abc%0Adef/godkjenn", f"{B}/ukjent%0A/sti"):
        body = _problem(api.get(sti), 404)
        assert body["detail"].startswith("Fant ikke")


@pytest.mark.parametrize("ugyldig", ["__x__", "..", ".", "9" * 5000, "a\nb"])
def test_vedlegg_ider_med_feil_form_gir_400_med_peker(api: Api, ugyldig: str) -> None:
    api.repo.lagre_kontonummer(ORGNR, "12345678901")
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-01")
    for_ = tell(api)
    svar = post_krav(api, tp, skjema(date(2026, 10, 1), date(2026, 10, 31), 12000, vedleggIds=ugyldig),
                     [(lag_pdf(), "timer.pdf")])  # fmt: skip
    body = _problem(svar, 400)
    assert {"pointer": "/vedleggIds/0", "detail": "Vedlegget finnes ikke"} in body["errors"]
    assert tell(api) == for_
