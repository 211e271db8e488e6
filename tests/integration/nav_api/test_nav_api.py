"""The Nav API through the HTTP function (domene.md §9.1): every route's happy path and its refusals with the exact
texts (wrong person, wrong role at the kostnadssted, wrong status, same person twice), stengt, korreksjon,
re-publish, and the Nav-audience token rules."""

from __future__ import annotations

from typing import Any

from shared.edge.http import dev_utsteder
from tests.integration.nav._hjelp import ATTESTANT, BESLUTTER, KOSTNADSSTED, SAKSBEHANDLER, vent_til
from tests.integration.nav_api.conftest import ANNET_STED, BEGGE, DRIFT, SAKSBEHANDLER_2, UTEN_ROLLER, NavApi

S, B, A = SAKSBEHANDLER.navident, BESLUTTER.navident, ATTESTANT.navident
TILSAGN = {"type": "TILSAGN", "periodeStart": "2025-07-01", "periodeSlutt": "2025-12-31",
           "kostnadssted": KOSTNADSSTED, "antallPlasser": 2}  # fmt: skip
ARSAK = {"aarsaker": ["ANNET"], "forklaring": "Feil antall plasser"}


def _feil(svar: Any, status: int) -> list[tuple[str, str]]:
    assert svar.status_code == status, svar.get_data(as_text=True)
    body = svar.get_json()
    return [(e["pointer"], e["detail"]) for e in body["errors"]] or [("", body["detail"])]


def _detail(svar: Any, status: int) -> str:
    assert svar.status_code == status, svar.get_data(as_text=True)
    return str(svar.get_json()["detail"])


def _tilsagn(api: NavApi, gid: str, av: str = S) -> dict[str, Any]:
    svar = api.kall("POST", "/tilsagn", av, TILSAGN | {"gjennomforingId": gid})
    assert svar.status_code == 201, svar.get_data(as_text=True)
    return dict(svar.get_json())


def _godkjent(api: NavApi, gid: str) -> dict[str, Any]:
    t = _tilsagn(api, gid)
    svar = api.kall("POST", f"/tilsagn/{t['id']}/godkjenn", B)
    assert svar.status_code == 200 and svar.get_json()["status"] == "GODKJENT"
    return dict(svar.get_json())


def test_tilsagn_opprett_og_godkjenn_med_to_personer(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    assert _detail(api.kall("POST", "/tilsagn", A, TILSAGN | {"gjennomforingId": gid}), 403) == (
        "Du kan ikke behandle tilsagnet fordi du ikke er saksbehandler økonomi"
    )
    t = _tilsagn(api, gid, av=BEGGE.navident)
    assert (t["status"], t["bestillingsnummer"], t["kostnadssted"]) == ("TIL_GODKJENNING", "A-2025/7-1", KOSTNADSSTED)
    assert t["totrinnskontroller"][0]["behandletAv"] == BEGGE.navident
    godkjenn = f"/tilsagn/{t['id']}/godkjenn"
    assert _detail(api.kall("POST", godkjenn, BEGGE.navident), 400) == "Du kan ikke beslutte noe du selv har behandlet"
    assert _detail(api.kall("POST", godkjenn, ANNET_STED.navident), 403) == (
        "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet ved tilsagnets kostnadssted "
        "(Nav Grünerløkka)"
    )
    ok = api.kall("POST", godkjenn, B)
    assert ok.status_code == 200 and ok.get_json()["status"] == "GODKJENT"
    assert ok.get_json()["totrinnskontroller"][0]["besluttetAv"] == B
    assert _detail(api.kall("POST", godkjenn, B), 400) == "Tilsagnet kan ikke godkjennes fordi det har status Godkjent"
    assert _detail(api.kall("PUT", f"/tilsagn/{t['id']}", S, TILSAGN | {"gjennomforingId": gid}), 400) == (
        "Tilsagnet kan ikke endres"
    )
    assert _detail(api.kall("DELETE", f"/tilsagn/{t['id']}", S), 400) == "Kan ikke slette tilsagn som er godkjent"
    assert _detail(api.kall("POST", "/tilsagn/ukjent/godkjenn", B), 404) == "Fant ikke tilsagn med id=ukjent"


def test_tilsagn_validering_og_retur_endre_slett(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    feil = _feil(api.kall("POST", "/tilsagn", S, {"gjennomforingId": gid, "type": "TILSAGN"}), 400)
    assert ("/periodeStart", "Periodestart må være satt") in feil and (
        "/periodeSlutt",
        "Periodeslutt må være satt",
    ) in feil
    t = _tilsagn(api, gid)
    returner = f"/tilsagn/{t['id']}/returner"
    assert _feil(api.kall("POST", returner, B, {"aarsaker": []}), 400) == [("/aarsaker", "Årsaker er påkrevd")]
    r = api.kall("POST", returner, B, ARSAK)
    assert r.status_code == 200 and r.get_json()["status"] == "RETURNERT"
    endret = api.kall("PUT", f"/tilsagn/{t['id']}", S, TILSAGN | {"gjennomforingId": gid, "antallPlasser": 3})
    assert endret.status_code == 200 and endret.get_json()["status"] == "TIL_GODKJENNING"
    assert endret.get_json()["bestillingsnummer"] == t["bestillingsnummer"] and endret.get_json()["belop"] > t["belop"]
    api.kall("POST", returner, B, ARSAK)
    assert api.kall("DELETE", f"/tilsagn/{t['id']}", S).status_code == 204


def test_annullering_og_oppgjor(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    t = _godkjent(api, gid)
    tid = t["id"]
    assert _detail(api.kall("POST", f"/tilsagn/{tid}/gjor-opp", S, ARSAK), 400) == (
        "Tilsagnet kan ikke gjøres opp fordi det ikke har blitt brukt i utbetalinger"
    )
    assert api.kall("POST", f"/tilsagn/{tid}/annuller", S, ARSAK).get_json()["status"] == "TIL_ANNULLERING"
    assert _detail(api.kall("POST", f"/tilsagn/{tid}/annullering/godkjenn", ANNET_STED.navident), 403).startswith(
        "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet"
    )
    assert _feil(api.kall("POST", f"/tilsagn/{tid}/annullering/avvis", B, {"aarsaker": []}), 400) == [
        ("/aarsaker", "Årsaker er påkrevd")
    ]
    assert api.kall("POST", f"/tilsagn/{tid}/annullering/avvis", B, ARSAK).get_json()["status"] == "GODKJENT"
    api.kall("POST", f"/tilsagn/{tid}/annuller", S, ARSAK)
    ok = api.kall("POST", f"/tilsagn/{tid}/annullering/godkjenn", B)
    assert ok.status_code == 200 and ok.get_json()["status"] == "ANNULLERT" and ok.get_json()["gjenstaendeBelop"] == 0
    assert api.m.historikk(tid)[-1] == "Tilsagn annullert"


def _til_attestering(api: NavApi, gid: str, tilsagn_id: str, av: str = S) -> dict[str, Any]:
    u = api.m.utbetaling(gid)
    linjer = {"utbetalingLinjer": [{"tilsagnId": tilsagn_id, "belop": u.belop}]}
    svar = api.kall("POST", f"/utbetaling/{u.id}/linjer", av, linjer)
    assert svar.status_code == 200, svar.get_data(as_text=True)
    return dict(svar.get_json())


def test_kontering_attestering_og_lesing(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    t = _godkjent(api, gid)
    u = api.m.utbetaling(gid)
    linjer = {"utbetalingLinjer": [{"tilsagnId": t["id"], "belop": u.belop}]}
    assert _detail(api.kall("POST", f"/utbetaling/{u.id}/linjer", A, linjer), 403) == (
        "Du kan ikke sende utbetaling til attestering"
    )
    for_mye = {"utbetalingLinjer": [{"tilsagnId": t["id"], "belop": u.belop + 1}]}
    assert ("/", "Kan ikke utbetale mer enn innsendt beløp") in _feil(
        api.kall("POST", f"/utbetaling/{u.id}/linjer", S, for_mye), 400
    ) or _detail(api.kall("POST", f"/utbetaling/{u.id}/linjer", S, for_mye), 400)
    svar = api.kall("POST", f"/utbetaling/{u.id}/linjer", BEGGE.navident, linjer)
    assert svar.status_code == 200 and svar.get_json()["status"] == "TIL_ATTESTERING"
    linje = svar.get_json()["linjer"][0]
    assert (linje["fakturanummer"], linje["status"]) == ("A-2025/7-1-1", "TIL_ATTESTERING")
    attester = f"/utbetalingslinje/{linje['id']}/attester"
    assert _detail(api.kall("POST", attester, BEGGE.navident), 400) == "Du kan ikke beslutte noe du selv har behandlet"
    assert _detail(api.kall("POST", attester, ANNET_STED.navident), 403) == (
        "Du kan ikke attestere utbetalingen fordi du ikke er attestant ved tilsagnets kostnadssted (Nav Grünerløkka)"
    )
    ferdig = api.kall("POST", attester, A)
    assert ferdig.status_code == 200 and ferdig.get_json()["status"] == "FERDIG_BEHANDLET"
    assert ferdig.get_json()["totrinnskontroller"][0]["besluttetAv"] == A
    assert _detail(api.kall("POST", attester, A), 400) in (
        "Utbetalingen kan ikke attesteres", "Totrinnskontrollen er allerede godkjent"
    )  # fmt: skip
    detalj = api.kall("GET", f"/utbetaling/{u.id}", A).get_json()
    assert detalj["linjer"][0]["status"] == "OVERFORT_TIL_UTBETALING" and detalj["belop"] == u.belop
    liste = api.kall("GET", f"/utbetaling?status=FERDIG_BEHANDLET&kostnadssted={KOSTNADSSTED}", B).get_json()
    assert [r["id"] for r in liste["data"]] == [u.id] and liste["pagination"]["totalCount"] == 1
    assert api.kall("GET", "/utbetaling?kostnadssted=0999", B).get_json()["data"] == []
    assert _detail(api.kall("GET", f"/utbetaling/{u.id}", UTEN_ROLLER), 403) == "Du mangler tilgang til utbetalinger"
    assert _detail(api.kall("GET", "/utbetaling/ukjent", A), 404) == "Fant ikke utbetaling med id=ukjent"


def test_returner_linje(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    t = _godkjent(api, gid)
    u = _til_attestering(api, gid, t["id"])
    returner = f"/utbetalingslinje/{u['linjer'][0]['id']}/returner"
    assert _detail(api.kall("POST", returner, ANNET_STED.navident, ARSAK | {"aarsaker": ["FEIL_BELOP"]}), 403) == (
        "Du kan ikke returnere utbetalingen fordi du mangler tilgang"
    )
    svar = api.kall("POST", returner, A, {"aarsaker": ["FEIL_BELOP"], "forklaring": "Feil beløp"})
    assert svar.status_code == 200 and svar.get_json()["status"] == "RETURNERT"
    assert svar.get_json()["linjer"][0]["status"] == "RETURNERT"


def test_avbrytelse_med_to_saksbehandlere(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    u = api.m.utbetaling(gid)
    avbryt = {"aarsaker": ["ANNET"], "forklaring": "Feil gjennomføring"}
    assert _detail(api.kall("POST", f"/utbetaling/{u.id}/avbrytelse", A, avbryt), 403) == (
        "Du kan ikke avbryte utbetalingen fordi du ikke er saksbehandler økonomi"
    )
    assert api.kall("POST", f"/utbetaling/{u.id}/avbrytelse", S, avbryt).get_json()["status"] == "TIL_AVBRYTELSE"
    godkjenn = f"/utbetaling/{u.id}/avbrytelse/godkjenn"
    assert _detail(api.kall("POST", godkjenn, S), 400) == "Du kan ikke beslutte noe du selv har behandlet"
    avvist = api.kall("POST", f"/utbetaling/{u.id}/avbrytelse/avvis", SAKSBEHANDLER_2.navident, ARSAK)
    assert avvist.status_code == 200 and avvist.get_json()["status"] == "TIL_BEHANDLING"
    api.kall("POST", f"/utbetaling/{u.id}/avbrytelse", S, avbryt)
    ok = api.kall("POST", godkjenn, SAKSBEHANDLER_2.navident)
    assert ok.status_code == 200 and ok.get_json()["status"] == "AVBRUTT"


def test_stengt_registreres_uten_overlapp_og_slettes(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    sti = f"/gjennomforing/{gid}/stengt"
    assert _feil(api.kall("POST", sti, S, {}), 400) == [
        ("/beskrivelse", "Du må legge inn en beskrivelse"),
        ("/periodeStart", "Du må legge inn start på perioden"),
        ("/periodeSlutt", "Du må legge inn slutt på perioden"),
    ]
    bak = {"periodeStart": "2025-11-10", "periodeSlutt": "2025-11-09", "beskrivelse": "Stengt"}
    assert _feil(api.kall("POST", sti, S, bak), 400) == [("/periodeStart", "Start må være før slutt")]
    ny = {"periodeStart": "2025-11-10", "periodeSlutt": "2025-11-14", "beskrivelse": "Vannlekkasje"}
    assert _detail(api.kall("POST", sti, A, ny), 403).startswith("Du kan ikke behandle")
    svar = api.kall("POST", sti, S, ny)
    assert svar.status_code == 201 and svar.get_json()["periodeSlutt"] == "2025-11-14"
    overlapp = ny | {"periodeStart": "2025-11-14", "periodeSlutt": "2025-11-20"}
    assert _feil(api.kall("POST", sti, S, overlapp), 400) == [
        ("/periodeStart", "Perioden kan ikke overlappe med andre perioder")
    ]
    etter = api.kall("POST", sti, S, ny | {"periodeStart": "2025-11-15", "periodeSlutt": "2025-11-15"})
    assert etter.status_code == 201  # a one-day period right after the first one
    lagret = api.m.db.collection("gjennomforinger").document(gid).get().to_dict() or {}
    assert [(s["start"], s["slutt"]) for s in lagret["stengt"]] == [("2025-11-10", "2025-11-15"),
                                                                    ("2025-11-15", "2025-11-16")]  # fmt: skip
    assert api.kall("DELETE", f"{sti}/{svar.get_json()['id']}", S).status_code == 204
    assert api.kall("DELETE", f"{sti}/ukjent", S).status_code == 404
    lagret = api.m.db.collection("gjennomforinger").document(gid).get().to_dict() or {}
    assert len(lagret["stengt"]) == 1


def _ferdig(api: NavApi, gid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    t = _godkjent(api, gid)
    u = _til_attestering(api, gid, t["id"])
    ferdig = api.kall("POST", f"/utbetalingslinje/{u['linjer'][0]['id']}/attester", A).get_json()
    assert ferdig["status"] == "FERDIG_BEHANDLET"
    return t, ferdig


def test_korreksjon_validering_opprett_endre_slett(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    _, ferdig = _ferdig(api, gid)
    assert _feil(api.kall("POST", "/korreksjon", S, {"gjelderUtbetalingId": "ukjent"}), 400) == [
        ("/gjelderUtbetalingId", "Utbetaling som skal korrigeres eksisterer ikke"),
        ("/periodeStart", "Periodestart må være satt"),
        ("/periodeSlutt", "Periodeslutt må være satt"),
        ("/belop", "Beløp må være positivt"),
        ("/begrunnelse", "Begrunnelse for korreksjon må være minst 10 tegn"),
    ]
    gyldig = {"gjelderUtbetalingId": ferdig["id"], "periodeStart": "2025-11-01", "periodeSlutt": "2025-11-30",
              "belop": 1200, "begrunnelse": "En deltaker manglet i beregningen"}  # fmt: skip
    feil = _feil(api.kall("POST", "/korreksjon", S, gyldig | {"periodeSlutt": "2025-12-01", "belop": 0,
                 "begrunnelse": "x" * 251, "kommentar": "kort", "kid": "2345674"}), 400)  # fmt: skip
    assert feil == [
        ("/periodeStart", "Perioden må ligge innenfor perioden til utbetalingen som korrigeres"),
        ("/belop", "Beløp må være positivt"),
        ("/begrunnelse", "Begrunnelse for korreksjon kan ikke være mer enn 250 tegn"),
        ("/kommentar", "Kommentar må være minst 10 tegn"),
        ("/kid", "Ugyldig kid"),
    ]
    assert _feil(
        api.kall(
            "POST",
            "/korreksjon",
            S,
            gyldig | {"periodeStart": "2025-11-20", "periodeSlutt": "2025-11-10", "kommentar": "k" * 251},
        ),
        400,
    ) == [  # fmt: skip
        ("/periodeSlutt", "Periodeslutt må være etter periodestart"),
        ("/kommentar", "Kommentar kan ikke være mer enn 250 tegn"),
    ]
    uferdig = api.m.utbetaling(gid)
    assert _feil(api.kall("POST", "/korreksjon", S, gyldig | {"gjelderUtbetalingId": uferdig.id}), 400) == [
        ("/gjelderUtbetalingId", "Utbetaling kan ikke korrigeres når den har status TIL_BEHANDLING")
    ]
    assert _detail(api.kall("POST", "/korreksjon", A, gyldig), 403).startswith("Du kan ikke behandle")
    svar = api.kall("POST", "/korreksjon", S, gyldig | {"kid": "2345676"})
    assert svar.status_code == 201, svar.get_data(as_text=True)
    k = svar.get_json()
    assert (k["status"], k["opprinnelse"], k["belop"], k["kid"]) == ("TIL_BEHANDLING", "KORREKSJON", 1200, "2345676")
    assert k["korreksjon"] == {"gjelderUtbetalingId": ferdig["id"], "begrunnelse": "En deltaker manglet i beregningen"}
    assert k["periode"] == {"start": "2025-11-01", "slutt": "2025-12-01"} and k["utbetalesTidligst"] is None
    arkivering = api.m.db.collection("arkiveringer").document(k["id"]).get().to_dict() or {}
    assert arkivering["innsendt_av"] == S and arkivering["utbetaling_id"] == k["id"]  # archived too (§11)
    endret = api.kall("PUT", f"/korreksjon/{k['id']}", S, gyldig | {"belop": 1500})
    assert endret.status_code == 200 and endret.get_json()["belop"] == 1500
    assert api.m.historikk(k["id"]) == ["Utbetaling opprettet", "Utbetaling redigert"]
    assert _detail(api.kall("PUT", f"/korreksjon/{ferdig['id']}", S, gyldig), 400) == "Utbetalingen kan ikke redigeres"
    avbryt = {"aarsaker": ["ANNET"], "forklaring": "Feil"}
    assert _detail(api.kall("POST", f"/utbetaling/{k['id']}/avbrytelse", S, avbryt), 400) == (
        "Utbetaling kan ikke settes til avbrytelse"
    )
    assert api.kall("DELETE", f"/korreksjon/{k['id']}", S).status_code == 204
    assert api.kall("GET", f"/utbetaling/{k['id']}", S).status_code == 404


def test_republiser_faktura_samme_fakturanummer(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    _, ferdig = _ferdig(api, gid)
    linje = ferdig["linjer"][0]
    vent_til(lambda: all(p["sendt"] for p in api.m.utsendinger()))
    sti = f"/utbetalingslinje/{linje['id']}/republiser-faktura"
    assert _detail(api.kall("POST", sti, S), 403) == "Du kan ikke republisere faktura fordi du ikke er i driftsgruppen"
    svar = api.kall("POST", sti, UTEN_ROLLER, grupper=(DRIFT,))
    assert svar.status_code == 202
    fakturaer = [p for p in api.m.utsendinger() if p["type"] == "FAKTURA"]
    assert [p["fakturanummer"] for p in fakturaer] == ["A-2025/7-1-1"]
    vent_til(lambda: all(p["sendt"] for p in api.m.utsendinger()))
    assert "Faktura A-2025/7-1-1 republisert" in api.m.historikk(ferdig["id"])


def test_nav_token(api: NavApi) -> None:
    sti = "/api/nav/utbetaling"
    assert api.klient.get(sti).status_code == 401
    feil_aud = dev_utsteder.lag_nav_token(S, audience=dev_utsteder.STANDARD_AUDIENCE)
    assert api.klient.get(sti, headers={"Authorization": f"Bearer {feil_aud}"}).status_code == 401
    uten = api.klient.get(sti, headers=api.auth(None))
    assert uten.status_code == 401 and uten.get_json()["detail"] == "Token mangler NAVident"
    arrangor = dev_utsteder.lag_token("01017012345")
    assert api.klient.get(sti, headers={"Authorization": f"Bearer {arrangor}"}).status_code == 401
    utlopt = dev_utsteder.lag_nav_token(S, levetid_s=-60)
    assert api.klient.get(sti, headers={"Authorization": f"Bearer {utlopt}"}).status_code == 401
    assert api.klient.get(sti, headers=api.auth(S)).status_code == 200
