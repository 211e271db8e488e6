"""Property-based run of the arrangør API against its own OpenAPI document (schemathesis, in-process WSGI): with a
valid dev token and seeded data, no generated request may give a 5xx (domene.md §8.1: no 500 for bad input).
Bounded: at most 15 examples per operation, the whole run well under 90 s."""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck

from tests.integration.arrangor_api.conftest import PID, Api, deltaker, generer, gjennomforing

B = "/api/arrangorflate"


def test_ingen_5xx_for_genererte_foresporsler(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    generer(api, gid)
    gjennomforing(api.db, tiltakskode="AVKLARING", prismodell="ANNEN_AVTALT_PRIS")
    app = api.klient.application
    schema = schemathesis.openapi.from_wsgi(f"{B}/openapi.json", app)
    feil: list[str] = []
    koder: list[int] = []
    innstillinger = hypothesis.settings(max_examples=15, deadline=None, database=None, derandomize=True,
                                        suppress_health_check=list(HealthCheck))  # fmt: skip

    def kjor_operasjon(operasjon: Any) -> None:
        @innstillinger
        @hypothesis.given(case=operasjon.as_strategy())
        def kjor(case: Any) -> None:
            svar = case.call(headers=Api.auth(PID))
            koder.append(svar.status_code)
            if svar.status_code >= 500:
                feil.append(f"{operasjon.method.upper()} {operasjon.path} -> {svar.status_code}: {svar.text[:200]}")

        kjor()

    for op in schema.get_all_operations():
        kjor_operasjon(op.ok())
    assert not feil, "\n".join(feil[:20])
    assert len(koder) > 5 * len(list(schema.get_all_operations())) and 200 in koder
