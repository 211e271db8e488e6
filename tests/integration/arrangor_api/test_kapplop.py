"""Race losers on one claim answer a 400 problem+json at once, never a 500 after a minute (issue 17 item 1):
20 parallel godkjenn (the AFT automatic-payment path), timepris opprett-krav and avbryt, each with one winner and
the change written once."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from shared.adapters.firestore import dokumenter as dok
from shared.domain.utbetaling.innsending import ENDRET_TEKST
from tests.integration.arrangor_api.conftest import PID, Api, deltaker, generer, gjennomforing
from tests.integration.arrangor_api.test_manuelle_krav import krav_i, krav_sti, lag_pdf, skjema, timepris
from tests.integration.samtidig import en_vinner, samtidig

B = "/api/arrangorflate"


def _historikk(api: Api, dokument_id: str) -> list[str]:
    return [str((d.to_dict() or {}).get("operasjon")) for d in api.db.collection("endringshistorikk").stream()
            if (d.to_dict() or {}).get("dokument_id") == dokument_id]  # fmt: skip


def test_tjue_samtidige_godkjenn_med_automatisk_utbetaling_en_vinner(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    updated_at = api.get(f"{B}/utbetaling/{uid}").json["updatedAt"]

    def kall(i: int) -> Any:
        return api.klient.application.test_client().post(
            f"{B}/utbetaling/{uid}/godkjenn", headers=api.auth(PID), json={"updatedAt": updated_at, "kid": None}
        )

    vant, tapte = en_vinner(samtidig(kall, navn="godkjenn (automatisk utbetaling)"))
    assert vant.json["status"] == "OVERFORT_TIL_UTBETALING"
    for s in tapte:
        assert s.json["detail"] == "Utbetalingen kan ikke godkjennes"
        assert (s.json["errors"][0]["pointer"], s.json["errors"][0]["detail"]) in (
            ("/updatedAt", ENDRET_TEKST), ("/", "Utbetaling er allerede godkjent"), ("/", "Noen andre endret dette "
             "samtidig. Hent det på nytt og prøv igjen."))  # fmt: skip
    assert _historikk(api, uid).count("Utbetaling sendt inn") == 1
    fakturaer = [s for s in api.db.collection("utsendinger").stream() if (s.to_dict() or {}).get("type") == "FAKTURA"]
    assert len(fakturaer) == 1
    assert list(api.db.collection("skrivekrav").stream()) == []


def test_tjue_samtidige_timepris_krav_og_avbryt_en_vinner(api: Api) -> None:
    api.repo.lagre_kontonummer("973123456", "12345678901")
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-01")
    pdf = lag_pdf()

    def opprett(i: int) -> Any:
        data = skjema(date(2026, 10, 1), date(2026, 10, 31), 12000) | {"vedlegg": [(io.BytesIO(pdf), "timer.pdf")]}
        return api.klient.application.test_client().post(
            krav_sti(tp), headers=api.auth(PID), data=data, content_type="multipart/form-data"
        )

    vant, tapte = en_vinner(samtidig(opprett, navn="timepris opprett-krav"))
    for s in tapte:
        assert s.json["errors"][0]["detail"] in (
            "Det finnes allerede et krav om utbetaling for denne perioden",
            "Noen andre endret dette samtidig. Hent det på nytt og prøv igjen.",
        ), s.json
    assert len(krav_i(api.db, tp)) == 1
    uid = vant.json["id"]

    def avbryt(i: int) -> Any:
        return api.klient.application.test_client().post(
            f"{B}/utbetaling/{uid}/avbryt", headers=api.auth(PID), json={"begrunnelse": f"Feil nummer {i}"}
        )

    vant, tapte = en_vinner(samtidig(avbryt, navn="avbryt"))
    assert vant.json["status"] == "AVBRUTT_AV_ARRANGOR"
    lagret = api.db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {}
    assert lagret["status"] == "AVBRUTT" and _historikk(api, uid).count("Utbetaling avbrutt") == 1
    assert list(api.db.collection("skrivekrav").stream()) == []
