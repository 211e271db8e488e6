"""godkjenn of an AFT/VTA claim runs the automatic payment in the same transaction (domene.md §6.6, §8.3 "On
success"): paid when exactly one approved tilsagn covers the period with enough left, else TIL_BEHANDLING."""

from __future__ import annotations

from typing import Any

from shared.adapters.firestore import dokumenter as dok
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import Api, deltaker, generer, gjennomforing

B = "/api/arrangorflate"


def _send_inn(api: Api, uid: str) -> Any:
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    svar = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": "2345676"})
    assert svar.status_code == 200, svar.json
    return svar.json


def _linjer(api: Api, uid: str) -> list[dict[str, Any]]:
    return [s.to_dict() or {} for s in api.db.collection("utbetalingslinjer").stream()
            if (s.to_dict() or {}).get("utbetaling_id") == uid]  # fmt: skip


def _fakturaer(api: Api) -> list[dict[str, Any]]:
    return [s.to_dict() or {} for s in api.db.collection("utsendinger").stream()
            if (s.to_dict() or {}).get("type") == "FAKTURA"]  # fmt: skip


def _lagret_status(api: Api, uid: str) -> str:
    return str((api.db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {})["status"])


def test_ett_dekkende_tilsagn_med_nok_igjen_utbetales_automatisk(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    tilsagn_id = next(s.id for s in api.db.collection(dok.TILSAGN).stream())
    svar = _send_inn(api, uid)
    assert svar["status"] == "OVERFORT_TIL_UTBETALING"
    assert _lagret_status(api, uid) == "FERDIG_BEHANDLET"
    belop = svar["beregning"]["pris"]["belop"]
    assert belop > 0 and svar["godkjentBelop"]["belop"] == belop
    linjer = _linjer(api, uid)
    assert [(linje["status"], linje["belop"], linje["tilsagn_id"]) for linje in linjer] == [
        ("OVERFORT_TIL_UTBETALING", belop, tilsagn_id)
    ]
    assert [(rad["status"], rad["tilsagn"]["bestillingsnummer"]) for rad in svar["linjer"]] == [
        ("OVERFORT_TIL_UTBETALING", "A-2025/1")
    ]
    tilsagn = api.db.collection(dok.TILSAGN).document(tilsagn_id).get().to_dict() or {}
    assert tilsagn["belop_brukt"] == belop
    fakturaer = _fakturaer(api)
    assert len(fakturaer) == 1 and fakturaer[0]["fakturanummer"] == linjer[0]["fakturanummer"]
    historikk = [d.to_dict()["operasjon"] for d in api.db.collection("endringshistorikk").stream()
                 if d.to_dict().get("dokument_id") == uid]  # fmt: skip
    assert "Utbetaling sendt inn" in historikk and "Overført til utbetaling" in historikk


def test_to_dekkende_tilsagn_gir_til_behandling(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    api.repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/2", type="EKSTRATILSAGN"))
    uid = generer(api, gid)
    svar = _send_inn(api, uid)
    assert svar["status"] == "BEHANDLES_AV_NAV" and _lagret_status(api, uid) == "TIL_BEHANDLING"
    assert _linjer(api, uid) == [] and _fakturaer(api) == []


def test_for_lite_igjen_pa_tilsagnet_gir_til_behandling(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    api.repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/1", belop=100_000, belop_brukt=99_000))
    uid = generer(api, gid, tilsagn=False)
    svar = _send_inn(api, uid)
    assert svar["status"] == "BEHANDLES_AV_NAV" and _lagret_status(api, uid) == "TIL_BEHANDLING"
    assert _linjer(api, uid) == [] and _fakturaer(api) == []
    tilsagn = next(s.to_dict() or {} for s in api.db.collection(dok.TILSAGN).stream())
    assert tilsagn["belop_brukt"] == 99_000
