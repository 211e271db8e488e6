"""Every endpoint of the route table × a user without rights to the orgnr → 403/404 and never data, also with a bad
body (access is checked before the body, §8.1); and concurrent godkjenn of one claim: exactly one wins (§8.3)."""

from __future__ import annotations

import io
import json
import re
import threading
from typing import Any

from shared.edge.arrangor.api import RUTER_LISTE
from tests.integration.arrangor_api.conftest import ANNEN_PID, ORGNR, PID, Api, deltaker, generer, gjennomforing

B = "/api/arrangorflate"
LISTER = {"/orgnr-tilganger", "/tilsagn", "/utbetaling", "/tiltaksoversikt"}


def test_kryssorganisasjon_hvert_endepunkt_med_og_uten_gyldig_kropp(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    tilsagn_id = api.get(f"{B}/tilsagn").json["data"][0]["id"]
    manuell = gjennomforing(api.db, tiltakskode="AVKLARING", prismodell="ANNEN_AVTALT_PRIS")
    api.deleger(ANNEN_PID, "999999999")
    sjekket = 0
    for rute in RUTER_LISTE:
        if rute.offentlig:
            continue
        sti = rute.sti.removeprefix(B)
        if sti in LISTER:
            svar = api.get(B + sti, pid=ANNEN_PID)
            assert svar.status_code == 200 and (svar.json == ["999999999"] or svar.json["data"] == []), sti
            sjekket += 1
            continue
        verdier = {"orgnr": ORGNR, "gjennomforingId": manuell if "opprett-krav" in sti else gid,
                   "id": tilsagn_id if sti.startswith("/tilsagn") else uid}  # fmt: skip
        url = B + re.sub(r"\{(\w+)\}", lambda m, v=verdier: v[m.group(1)], sti)
        if sti.endswith("/features"):
            url += "?feature=UKJENT"
        kropper: list[dict[str, Any]] = [{}]
        if rute.metode == "POST" and rute.kropp_type == "multipart/form-data":
            kropper = [{"data": {"belop": "x", "vedlegg": (io.BytesIO(b"ikke pdf"), "a.pdf")},
                        "content_type": "multipart/form-data"}]  # fmt: skip
        elif rute.metode == "POST":
            kropper = [{"data": b"{ikke json", "content_type": "application/json"},
                       {"json": {"updatedAt": 5, "ukjent": True}}]  # fmt: skip
        for kw in kropper:
            kall = api.get if rute.metode == "GET" else api.post
            svar = kall(url, pid=ANNEN_PID, **kw)
            assert svar.status_code in (403, 404), (rute.operasjon_id, svar.status_code, svar.data[:200])
            assert svar.content_type == "application/problem+json"
            tekst = json.dumps(svar.json, ensure_ascii=False)
            assert "Kari" not in tekst and "01810012345" not in tekst and uid not in tekst.replace(url, "")
            sjekket += 1
    assert sjekket >= len(RUTER_LISTE)


def test_samtidig_godkjenning_en_vinner_de_andre_far_400(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    updated_at = api.get(f"{B}/utbetaling/{uid}").json["updatedAt"]
    klienter = [api.klient.application.test_client() for _ in range(3)]
    svar: list[Any] = [None] * 3
    start = threading.Barrier(3)

    def send(i: int) -> None:
        start.wait()
        svar[i] = klienter[i].post(f"{B}/utbetaling/{uid}/godkjenn", headers=api.auth(PID),
                                   json={"updatedAt": updated_at, "kid": None})  # fmt: skip

    tradene = [threading.Thread(target=send, args=(i,)) for i in range(3)]
    for t in tradene:
        t.start()
    for t in tradene:
        t.join(timeout=120)
    koder = sorted(s.status_code for s in svar)
    assert koder == [200, 400, 400], [(s.status_code, s.json) for s in svar]
    for s in svar:
        if s.status_code == 400:
            assert s.json["errors"][0]["detail"] in (
                "Informasjonen i kravet har endret seg. Vennligst se over på nytt.",
                "Utbetaling er allerede godkjent",
            )
    historikk = [d.to_dict()["operasjon"] for d in api.db.collection("endringshistorikk").stream()]
    assert historikk.count("Utbetaling sendt inn") == 1
