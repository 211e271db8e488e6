"""Race losers on Nav's routes answer a 400 problem+json at once, never a 500 after a minute (issue 17 item 1): 20
parallel send-to-attestation, attestation, cancellation and tilsagn approval, each with one winner and one effect."""

from __future__ import annotations

from typing import Any

from tests.integration.nav._hjelp import ATTESTANT, BESLUTTER, SAKSBEHANDLER
from tests.integration.nav_api.conftest import NavApi
from tests.integration.nav_api.test_nav_api import TILSAGN
from tests.integration.samtidig import en_vinner, samtidig

S, B, A = SAKSBEHANDLER.navident, BESLUTTER.navident, ATTESTANT.navident


def _post(api: NavApi, sti: str, navident: str, body: Any = None) -> Any:
    return api.klient.application.test_client().post(f"/api/nav{sti}", json=body, headers=api.auth(navident))


def _utsendinger(api: NavApi, type_: str) -> int:
    return sum(1 for s in api.m.db.collection("utsendinger").stream() if (s.to_dict() or {}).get("type") == type_)


def test_tjue_samtidige_pa_tilsagn_kontering_attestering_og_avbrytelse(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    t = api.kall("POST", "/tilsagn", S, TILSAGN | {"gjennomforingId": gid}).get_json()
    vant, _ = en_vinner(samtidig(lambda i: _post(api, f"/tilsagn/{t['id']}/godkjenn", B), navn="tilsagn godkjenn"))
    assert vant.json["status"] == "GODKJENT" and _utsendinger(api, "BESTILLING") == 1

    u = api.m.utbetaling(gid)
    linjer = {"utbetalingLinjer": [{"tilsagnId": t["id"], "belop": u.belop}]}
    vant, tapte = en_vinner(samtidig(lambda i: _post(api, f"/utbetaling/{u.id}/linjer", S, linjer),
                                     navn="send til attestering"))  # fmt: skip
    assert vant.json["status"] == "TIL_ATTESTERING" and len(api.m.linjer(u.id)) == 1
    linje_id = vant.json["linjer"][0]["id"]

    vant, tapte = en_vinner(samtidig(lambda i: _post(api, f"/utbetalingslinje/{linje_id}/attester", A),
                                     navn="attestering"))  # fmt: skip
    assert vant.json["status"] == "FERDIG_BEHANDLET" and _utsendinger(api, "FAKTURA") == 1

    annen = api.m.utbetaling(gid)
    avbryt = {"aarsaker": ["ANNET"], "forklaring": "Feil gjennomføring"}
    vant, tapte = en_vinner(samtidig(lambda i: _post(api, f"/utbetaling/{annen.id}/avbrytelse", S, avbryt),
                                     navn="avbrytelse"))  # fmt: skip
    assert vant.json["status"] == "TIL_AVBRYTELSE"
    assert api.m.historikk(annen.id).count("Sendt til avbrytelse") <= 1
    assert list(api.m.db.collection("skrivekrav").stream()) == []
