"""Nav's work views through the Nav API in-process (issue 16 §3): every list filter, paging and sorting, the claim
detail with the arrangør's calculation pieces, candidate tilsagn and the caller's actions, the change logs, the
oppgaveoversikt before and after each step, access by kostnadssted, the read-only role refused on every write route
(the matrix is the route table) and the access-log entry written before participant data leaves."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from google.cloud import firestore

from shared import bootstrap
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.tilgangslogg import SAMLING
from shared.adapters.nav.tilganger import FirestoreNavAnsattTilganger
from shared.config import settings
from shared.domain.nav.tilgang import ALLE, KUN_LESETILGANG, NavAnsatt, Rolle
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.edge.http.problem import PROBLEM_JSON
from shared.edge.nav import api as nav_api
from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import deltaker
from tests.integration.arrangor_api.conftest import gjennomforing as arrangor_gjennomforing
from tests.integration.nav._hjelp import ATTESTANT, BESLUTTER, KOSTNADSSTED, SAKSBEHANDLER
from tests.integration.nav_api.conftest import ANNET_STED, SAKSBEHANDLER_2, NavApi

S, B, A, ANNEN = SAKSBEHANDLER.navident, BESLUTTER.navident, ATTESTANT.navident, ANNET_STED.navident
LESER = NavAnsatt("L600006", {Rolle.OKONOMI_LES: ALLE})
LESER_0999 = NavAnsatt("L700007", {Rolle.OKONOMI_LES: frozenset({"0999"})})
TILSAGN = {"type": "TILSAGN", "periodeStart": "2025-07-01", "periodeSlutt": "2025-12-31",
           "kostnadssted": KOSTNADSSTED, "antallPlasser": 2}  # fmt: skip


@pytest.fixture
def nav(api: NavApi) -> NavApi:
    for a in (LESER, LESER_0999):
        FirestoreNavAnsattTilganger(api.m.db).lagre(a)
    return api


def _ok(svar: Any, status: int = 200) -> Any:
    assert svar.status_code == status, svar.get_data(as_text=True)
    return svar.get_json()


def _detail(svar: Any, status: int) -> str:
    assert svar.status_code == status, svar.get_data(as_text=True)
    assert svar.content_type == PROBLEM_JSON
    return str(svar.get_json()["detail"])


def _tilsagn(api: NavApi, gid: str, godkjenn: bool = True, **felt: Any) -> dict[str, Any]:
    t = _ok(api.kall("POST", "/tilsagn", S, TILSAGN | {"gjennomforingId": gid} | felt), 201)
    if godkjenn:
        t = _ok(api.kall("POST", f"/tilsagn/{t['id']}/godkjenn", SAKSBEHANDLER_2.navident if felt.get(
            "kostnadssted") == "0999" else B))  # fmt: skip
    return dict(t)


def _krav(api: NavApi, gid: str, **felt: Any) -> Utbetaling:
    """A claim written as the Nav helper writes it, with its grunnlagsindeks entry (as every claim writer does)."""
    u = api.m.utbetaling(gid, **felt)
    batch = api.m.db.batch()
    gi.indekser_utbetaling(batch, api.m.db, u)
    batch.commit()
    return u


def _ider(side: dict[str, Any]) -> list[str]:
    return [r["id"] for r in side["data"]]


def test_tilsagn_liste_med_filtre_sortering_paging_og_detalj(nav: NavApi) -> None:
    g1, g2 = nav.m.gjennomforing(), nav.m.gjennomforing(lopenummer="2025/8")
    FirestoreNavAnsattTilganger(nav.m.db).lagre(NavAnsatt(SAKSBEHANDLER_2.navident, {
        Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.BESLUTTER_TILSAGN: frozenset({"0999"})}))  # fmt: skip
    t1 = _tilsagn(nav, g1)
    t2 = _tilsagn(nav, g1, godkjenn=False)
    t3 = _tilsagn(nav, g2, kostnadssted="0999")

    alle = _ok(nav.kall("GET", "/tilsagn?orderBy=TILSAGN&direction=ASC", S))
    assert _ider(alle) == [t1["id"], t2["id"], t3["id"]] and alle["pagination"]["totalCount"] == 3
    assert set(_ider(_ok(nav.kall("GET", f"/tilsagn?gjennomforingId={g1}", S)))) == {t1["id"], t2["id"]}
    assert _ider(_ok(nav.kall("GET", f"/tilsagn?gjennomforingId={g1}&status=GODKJENT", S))) == [t1["id"]]
    assert _ider(_ok(nav.kall("GET", "/tilsagn?status=TIL_GODKJENNING", S))) == [t2["id"]]
    assert _ider(_ok(nav.kall("GET", "/tilsagn?kostnadssted=0999", S))) == [t3["id"]]
    assert _ider(_ok(nav.kall("GET", f"/tilsagn?kostnadssted={KOSTNADSSTED}&status=GODKJENT", B))) == [t1["id"]]
    side = _ok(nav.kall("GET", "/tilsagn?orderBy=TILSAGN&direction=DESC&size=2&page=2", S))
    assert _ider(side) == [t1["id"]] and side["pagination"] == {"totalCount": 3, "pageSize": 2, "totalPages": 2}
    assert _ok(nav.kall("GET", "/tilsagn?page=3&size=2", S))["data"] == []
    assert _detail(nav.kall("GET", "/tilsagn?size=101", S), 400)

    # a beslutter at 0387 sees only 0387; another kostnadssted is refused, as a filter and as a detail
    assert set(_ider(_ok(nav.kall("GET", "/tilsagn", B)))) == {t1["id"], t2["id"]}
    assert _detail(nav.kall("GET", "/tilsagn?kostnadssted=0999", B), 403) == "Du mangler tilgang til kostnadssted 0999"
    assert (
        _detail(nav.kall("GET", f"/tilsagn/{t1['id']}", ANNEN), 403) == "Du mangler tilgang til tilsagnets kostnadssted"
    )
    assert _ider(_ok(nav.kall("GET", "/tilsagn", LESER_0999.navident))) == [t3["id"]]
    assert _detail(nav.kall("GET", "/tilsagn/ukjent", S), 404) == "Fant ikke tilsagn med id=ukjent"

    # the detail says what the caller may do now
    assert _ok(nav.kall("GET", f"/tilsagn/{t2['id']}", B))["handlinger"] == ["GODKJENN", "RETURNER"]
    assert _ok(nav.kall("GET", f"/tilsagn/{t1['id']}", S))["handlinger"] == ["ANNULLER"]
    detalj = _ok(nav.kall("GET", f"/tilsagn/{t1['id']}", LESER.navident))
    assert detalj["handlinger"] == [] and detalj["bestillingsnummer"] == t1["bestillingsnummer"]
    assert detalj["gjenstaendeBelop"] == t1["belop"]

    historikk = _ok(nav.kall("GET", f"/tilsagn/{t1['id']}/endringshistorikk", LESER.navident))
    assert [(h["operasjon"], h["utfortAv"], h["status"]) for h in historikk] == [
        ("Sendt til godkjenning", S, "TIL_GODKJENNING"), ("Tilsagn godkjent", B, "GODKJENT")]  # fmt: skip
    assert _detail(nav.kall("GET", f"/tilsagn/{t1['id']}/endringshistorikk", ANNEN), 403)


def test_utbetalinger_per_gjennomforing_og_kostnadssted_med_statusfilter(nav: NavApi) -> None:
    g1, g2 = nav.m.gjennomforing(), nav.m.gjennomforing(lopenummer="2025/8")
    uten = nav.m.gjennomforing(lopenummer="2025/9")
    _tilsagn(nav, g1)
    FirestoreNavAnsattTilganger(nav.m.db).lagre(NavAnsatt(SAKSBEHANDLER_2.navident, {
        Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.BESLUTTER_TILSAGN: frozenset({"0999"})}))  # fmt: skip
    _tilsagn(nav, g2, kostnadssted="0999")
    u1 = _krav(nav, g1)
    u2 = _krav(nav, g1, status="FERDIG_BEHANDLET", belop=100)
    u3 = _krav(nav, g2)
    u4 = _krav(nav, uten)

    side = _ok(nav.kall("GET", f"/gjennomforing/{g1}/utbetaling?orderBy=BELOP&direction=ASC", S))
    assert _ider(side) == [u2.id, u1.id] and side["data"][0]["kostnadssteder"] == [KOSTNADSSTED]
    assert _ider(_ok(nav.kall("GET", f"/gjennomforing/{g1}/utbetaling?status=TIL_BEHANDLING", S))) == [u1.id]
    begge = _ok(nav.kall("GET", f"/gjennomforing/{g1}/utbetaling?status=TIL_BEHANDLING&status=FERDIG_BEHANDLET", A))
    assert len(begge["data"]) == 2
    assert _ok(nav.kall("GET", f"/gjennomforing/{g1}/utbetaling?size=1&page=2&orderBy=BELOP", S))["data"][0]["id"] \
        == u2.id  # fmt: skip
    assert _ok(nav.kall("GET", f"/gjennomforing/{g1}/utbetaling", ANNEN))["data"] == []

    assert set(_ider(_ok(nav.kall("GET", f"/kostnadssted/{KOSTNADSSTED}/utbetaling", B)))) == {u1.id, u2.id}
    ferdig = _ok(nav.kall("GET", f"/kostnadssted/{KOSTNADSSTED}/utbetaling?status=FERDIG_BEHANDLET", LESER.navident))
    assert _ider(ferdig) == [u2.id]
    assert _ider(_ok(nav.kall("GET", "/kostnadssted/0999/utbetaling", S))) == [u3.id]
    assert (
        _detail(nav.kall("GET", "/kostnadssted/0999/utbetaling", B), 403) == "Du mangler tilgang til kostnadssted 0999"
    )
    # a claim no tilsagn covers: only an employee at ALLE sees it
    assert _ider(_ok(nav.kall("GET", f"/gjennomforing/{uten}/utbetaling", S))) == [u4.id]
    assert _ok(nav.kall("GET", f"/gjennomforing/{uten}/utbetaling", B))["data"] == []


def _tilgangslogg() -> list[dict[str, Any]]:
    db = firestore.Client(project=settings().gcp_project, database=settings().tilgangslogg_database)
    return [s.to_dict() or {} for s in db.collection(SAMLING).stream()]


def test_detalj_med_beregning_kandidater_og_handlinger_skriver_tilgangsloggen(nav: NavApi) -> None:
    db = bootstrap.firestore_klient()
    gid = arrangor_gjennomforing(db)
    deltaker(db, gid)
    repo = bootstrap.repo()
    repo.lagre_kontonummer("973123456", "12345678901")
    t = lag_tilsagn(gid, kostnadssted=KOSTNADSSTED, bestillingsnummer="A-2025/7-1")
    repo.lagre_tilsagn(t)
    avh = Avhengigheter(repo=repo, omberegning=repo, kontoregister=bootstrap.kontoregister(),
                        klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=600)  # fmt: skip
    uid = generer_utbetalinger([gid], "2025-09", avh).resultater[0].utbetaling_id
    assert uid
    sti = f"/utbetaling/{uid}/detaljer"

    assert _detail(nav.kall("GET", sti, ANNEN), 403) == "Du mangler tilgang til kostnadsstedet for denne utbetalingen"
    avvist = _tilgangslogg()
    assert [(x["navident"], x["utfall"], x["deltaker_identer"], x["dokument_id"]) for x in avvist] == [
        (ANNEN, "AVVIST", [], uid)]  # fmt: skip

    detalj = _ok(nav.kall("GET", sti, S))
    logg = [x for x in _tilgangslogg() if x["utfall"] == "VIST"]
    assert [(x["navident"], x["pid"], x["deltaker_identer"], x["orgnr"]) for x in logg] == [
        (S, None, ["01810012345"], "973123456")]  # fmt: skip
    assert logg[0]["endepunkt"] == "GET /api/nav/utbetaling/{id}/detaljer"
    assert detalj["utbetaling"]["status"] == "GENERERT" and detalj["kostnadssteder"] == [KOSTNADSSTED]
    assert detalj["kanViseBeregning"] is True and detalj["blokkeringer"] == [] and detalj["advarsler"] == []
    rader = detalj["beregning"]["deltakelser"]["rows"]
    assert [(r["cells"]["navn"]["value"], r["cells"]["norskIdent"]["value"]) for r in rader] == [
        ("Kari Nordmann", "01810012345")]  # fmt: skip
    assert [k["id"] for k in detalj["kandidatTilsagn"]] == [t.id] and detalj["linjer"] == []
    assert detalj["handlinger"] == ["SEND_TIL_AVBRYTELSE"]
    assert _ok(nav.kall("GET", sti, LESER.navident))["handlinger"] == []
    assert _detail(nav.kall("GET", "/utbetaling/ukjent/detaljer", S), 404) == "Fant ikke utbetaling med id=ukjent"


def _oppgaver(api: NavApi, navident: str) -> list[tuple[str, str]]:
    return [(o["type"], o["dokumentId"]) for o in _ok(api.kall("GET", "/oppgaver", navident))["data"]]


def test_oppgaveoversikt_for_og_etter_hvert_steg_og_endringshistorikken(nav: NavApi) -> None:
    from datetime import UTC, datetime

    gid = nav.m.gjennomforing()
    t = _tilsagn(nav, gid, godkjenn=False)
    assert _oppgaver(nav, B) == [("TILSAGN_TIL_GODKJENNING", t["id"])]
    assert _oppgaver(nav, ANNEN) == [] and _oppgaver(nav, S) == []
    _ok(nav.kall("POST", f"/tilsagn/{t['id']}/godkjenn", B))
    assert _oppgaver(nav, B) == []

    nyere = _krav(nav, gid, innsendt_tidspunkt=datetime(2025, 12, 8, 9, tzinfo=UTC))
    eldre = _krav(nav, gid, innsendt_tidspunkt=datetime(2025, 12, 7, 9, tzinfo=UTC))
    assert _oppgaver(nav, S) == [("UTBETALING_TIL_BEHANDLING", eldre.id), ("UTBETALING_TIL_BEHANDLING", nyere.id)]
    assert _oppgaver(nav, A) == []

    linjer = {"utbetalingLinjer": [{"tilsagnId": t["id"], "belop": eldre.belop}]}
    u = _ok(nav.kall("POST", f"/utbetaling/{eldre.id}/linjer", S, linjer))
    linje_id = u["linjer"][0]["id"]
    assert _oppgaver(nav, S) == [("UTBETALING_TIL_BEHANDLING", nyere.id)]
    assert _oppgaver(nav, A) == [("UTBETALING_TIL_ATTESTERING", eldre.id)]
    assert _oppgaver(nav, ANNEN) == []
    # oldest first: the other claim waits since it was sent in, the attestation since the line was made (now)
    assert _oppgaver(nav, LESER.navident) == [("UTBETALING_TIL_BEHANDLING", nyere.id),
                                              ("UTBETALING_TIL_ATTESTERING", eldre.id)]  # fmt: skip

    detalj = _ok(nav.kall("GET", f"/utbetaling/{eldre.id}/detaljer", A))
    assert [(x["linje"]["id"], x["tilsagn"]["id"], x["kandidatTilsagnIder"], x["handlinger"]) for x in
            detalj["linjer"]] == [(linje_id, t["id"], [t["id"]], ["ATTESTER", "RETURNER"])]  # fmt: skip
    assert _ok(nav.kall("GET", f"/utbetaling/{eldre.id}/detaljer", S))["linjer"][0]["handlinger"] == ["RETURNER"]

    _ok(nav.kall("POST", f"/utbetalingslinje/{linje_id}/attester", A))
    assert _oppgaver(nav, A) == []
    assert _oppgaver(nav, LESER.navident) == [("UTBETALING_TIL_BEHANDLING", nyere.id)]

    historikk = _ok(nav.kall("GET", f"/utbetaling/{eldre.id}/endringshistorikk", LESER.navident))
    rader = [(h["operasjon"], h["utfortAv"]) for h in historikk]
    assert rader[0] == ("Utbetaling sendt til attestering", S)
    # the last attestation and the completion share one instant (one transaction) and keep their written order
    assert rader[1:] == [("Utbetalingslinje attestert", A), ("Overført til utbetaling", A)]
    assert historikk[-1]["status"] == "FERDIG_BEHANDLET"
    assert _detail(nav.kall("GET", f"/utbetaling/{eldre.id}/endringshistorikk", ANNEN), 403)
    assert _detail(nav.kall("GET", "/oppgaver", "Z500005"), 403) == "Du mangler tilgang til utbetalinger"


SKRIVERUTER = [r for r in nav_api.RUTER_LISTE if r.metode != "GET"]


def test_skriverutene_er_hentet_fra_rutetabellen() -> None:
    assert len(SKRIVERUTER) >= 20 and {r.metode for r in SKRIVERUTER} == {"POST", "PUT", "DELETE"}


@pytest.mark.parametrize("rute", SKRIVERUTER, ids=lambda r: f"{r.metode} {r.sti}")
def test_lesetilgang_avvises_pa_hver_skriverute(nav: NavApi, rute: Any) -> None:
    sti = re.sub(r"\{\w+\}", str(uuid.uuid4()), rute.sti.removeprefix("/api/nav"))  # a valid id that is not there
    svar = nav.kall(rute.metode, sti, LESER.navident, {"aarsaker": ["ANNET"], "forklaring": "x"})
    assert _detail(svar, 403) == KUN_LESETILGANG
    assert svar.get_json()["status"] == 403 and svar.get_json()["type"].endswith("forbidden")
