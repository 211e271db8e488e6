"""Every id of the Nav API checked by its shape at the edge (issue 17 item 2): ids Firestore refuses, 5 000 digits
and a newline give a 404 problem+json on every id route, a bad `kostnadssted` or `status` on the list a 400 with its
pointer, and bad ids in a body the domain's own answer; never a 500, and nothing is written."""

from __future__ import annotations

import re
from typing import Any

from shared.edge.nav.api import RUTER_LISTE
from tests.integration.nav._hjelp import SAKSBEHANDLER
from tests.integration.nav_api.conftest import NavApi

S = SAKSBEHANDLER.navident
UGYLDIGE = ["__x__", ".", "..", "%2E%2E", "9" * 5000, "abc%0A", "ab%0Acd"]


def tell(api: NavApi) -> dict[str, int]:
    return {c: sum(1 for _ in api.m.db.collection(c).stream()) for c in
            ("utbetalinger", "tilsagn", "endringshistorikk", "utsendinger", "skrivekrav")}  # fmt: skip


def _problem(svar: Any, *koder: int) -> dict[str, Any]:
    assert svar.status_code in koder, (svar.status_code, svar.get_data(as_text=True)[:300])
    assert svar.content_type == "application/problem+json"
    body: dict[str, Any] = svar.get_json()
    assert body["status"] == svar.status_code
    return body


def test_hver_id_rute_med_ugyldig_id_gir_404_problem(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    api.m.utbetaling(gid)
    for_ = tell(api)
    sjekket = 0
    for rute in RUTER_LISTE:
        for param in re.findall(r"\{(\w+)\}", rute.sti):
            for ugyldig in UGYLDIGE:
                verdier = {"id": gid, "stengtId": "s1"} | {param: ugyldig}
                url = re.sub(r"\{(\w+)\}", lambda m, v=verdier: v[m.group(1)], rute.sti)  # type: ignore[misc]
                svar = api.klient.open(url, method=rute.metode, json={}, headers=api.auth(S))
                if param == "ar" and svar.status_code == 400:  # a year, not an id (the forecast budget): named
                    assert _problem(svar, 400)["errors"][0]["pointer"] == "/ar"
                else:
                    assert _problem(svar, 404)["detail"].startswith("Fant ikke")
                sjekket += 1
    assert sjekket >= 20 * len(UGYLDIGE)
    assert tell(api) == for_


def test_liste_med_ugyldig_kostnadssted_eller_status_gir_400(api: NavApi) -> None:
    for query, peker in (("kostnadssted=" + "9" * 5000, "/kostnadssted"), ("kostnadssted=__x__", "/kostnadssted"),
                         ("status=" + "X" * 5000, "/status")):  # fmt: skip
        body = _problem(api.kall("GET", f"/utbetaling?{query}", S), 400)
        assert body["errors"][0]["pointer"] == peker, body


def test_ugyldige_ider_i_kroppen_gir_domenets_svar(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    u = api.m.utbetaling(gid)
    for_ = tell(api)
    for ugyldig in ("__x__", "..", "9" * 5000):
        body = _problem(api.kall("POST", "/korreksjon", S, {"gjelderUtbetalingId": ugyldig}), 400)
        assert ("/gjelderUtbetalingId", "Utbetaling som skal korrigeres eksisterer ikke") in [
            (e["pointer"], e["detail"]) for e in body["errors"]
        ]
        linjer = {"utbetalingLinjer": [{"tilsagnId": ugyldig, "belop": 100}]}
        _problem(api.kall("POST", f"/utbetaling/{u.id}/linjer", S, linjer), 400, 404)
        tilsagn = {"gjennomforingId": ugyldig, "type": "TILSAGN", "periodeStart": "2025-07-01",
                   "periodeSlutt": "2025-12-31", "kostnadssted": "0315", "antallPlasser": 2}  # fmt: skip
        _problem(api.kall("POST", "/tilsagn", S, tilsagn), 400, 404)
    assert tell(api) == for_


def test_statusmeldinger_med_ider_firestore_avviser_er_permanente_feil(api: NavApi) -> None:
    """okonomi-inn: a permanent error (DomeneFeil) is dead-lettered at once by the glue, where a Firestore refusal
    of the id used to be retried five times (issue 17 item 7)."""
    import json

    import pytest

    from shared.domain.felles.feil import DomeneFeil
    from shared.service.utsending.motta_okonomistatus import motta_okonomistatus

    for_ = tell(api)
    for melding in ({"fakturanummer": "__x__", "status": "FULLT_BETALT", "fakturaStatusSistOppdatert":
                     "2025-12-01T10:00:00Z"}, {"fakturanummer": "9" * 5000, "status": "FULLT_BETALT",
                     "fakturaStatusSistOppdatert": "2025-12-01T10:00:00Z"}, {"bestillingsnummer": "..",
                     "status": "AKTIV"}):  # fmt: skip
        with pytest.raises(DomeneFeil):
            motta_okonomistatus(json.dumps(melding).encode(), repo=api.m.repo, klokke=api.m.avh.klokke)
    assert tell(api) == for_
