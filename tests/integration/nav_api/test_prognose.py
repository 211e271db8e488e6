"""GET /api/nav/prognose and PUT /api/nav/prognose/budsjett/{ar} through the HTTP function on the emulators (issue 18
part 3): a tilsagn approved through the API, participants through the ingest path, and the forecast read back."""

from __future__ import annotations

from datetime import date

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore.repo import FirestoreRepo
from shared.domain.prognose.tilsagn import generert
from tests.bygg_generering import lag_deltakelse
from tests.integration.nav._hjelp import BESLUTTER, KOSTNADSSTED, SAKSBEHANDLER
from tests.integration.nav_api.conftest import BEGGE, UTEN_ROLLER, NavApi

SATS_2026 = 21_730


def test_prognose_for_et_ar_med_budsjett(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    repo = FirestoreRepo(api.m.db)
    for slutt in (None, date(2026, 6, 30)):
        d = lag_deltakelse(gid, start_dato=date(2026, 1, 1), slutt_dato=slutt,
                           status="DELTAR" if slutt is None else "FULLFORT")  # fmt: skip
        repo.lagre_hvis_nyere(dok.DELTAKELSER, d)
    tilsagn = {"gjennomforingId": gid, "type": "TILSAGN", "periodeStart": "2026-01-01", "periodeSlutt": "2026-12-31",
               "kostnadssted": KOSTNADSSTED, "antallPlasser": 2}  # fmt: skip
    t = api.kall("POST", "/tilsagn", SAKSBEHANDLER.navident, tilsagn).get_json()
    assert api.kall("POST", f"/tilsagn/{t['id']}/godkjenn", BESLUTTER.navident).status_code == 200

    assert api.kall("PUT", "/prognose/budsjett/2026", BESLUTTER.navident, {"belop": 1}).status_code == 403
    svar = api.kall("PUT", "/prognose/budsjett/2026", BEGGE.navident, {"belop": 300_000})
    assert svar.status_code == 200 and svar.get_json() == {"ar": 2026, "belop": 300_000}

    svar = api.kall("GET", "/prognose?ar=2026", SAKSBEHANDLER.navident)

    assert svar.status_code == 200, svar.get_data(as_text=True)
    p = svar.get_json()
    # the clock is the real one: the engine covers the months whose generation has not run by today (no claims exist)
    idag = date.fromisoformat(p["perDato"])
    apne = [m for m in range(1, 13) if not generert(f"2026-{m:02d}", idag)]
    forventet = sum((2 if m <= 6 else 1) * SATS_2026 for m in apne)
    (tp,) = [x for x in p["tilsagn"] if x["tilsagnId"] == t["id"]]
    assert (tp["belop"], tp["brukt"], tp["prognose"], tp["forventet"]) == (521_520, 0, forventet, forventet)
    assert [m["prognose"] for m in p["maneder"]] == [(2 if m <= 6 else 1) * SATS_2026 * (m in apne) for m in
                                                     range(1, 13)]  # fmt: skip
    assert tp["flagg"] == ["LITE_BRUKT"] and p["rader"][0]["liteBrukt"] == 1
    assert (p["budsjett"], p["overforbruk"]) == (300_000, forventet > 300_000)
    assert api.kall("GET", "/prognose?ar=26", SAKSBEHANDLER.navident).status_code == 400
    assert api.kall("GET", "/prognose", UTEN_ROLLER).status_code == 403
