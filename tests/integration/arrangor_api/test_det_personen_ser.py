"""What a person sees in Nav's arrangør front end, pinned at the HTTP edge (issue 13 A–E, G; domene.md §8.1–§8.4,
§11): display periods and dates are inclusive, «Se deltakelser» never opens empty, the timepris participant query is
half-open, `maksSluttdato` is the exclusive limit, `/orgnr-tilganger` answers `[]`, and the gjennomføring is named
on the Detaljer page and in the PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pypdf

from shared.domain.grunnlag.gjennomforing import StengtPeriode
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import ANNEN_PID, Api, deltaker, generer, gjennomforing
from tests.integration.arrangor_api.test_manuelle_krav import (
    avtalt_pris,
    dagen,
    krav_sti,
    lag_pdf,
    post_krav,
    skjema,
    timepris,
)

B = "/api/arrangorflate"
FOR_TIDLIG = "Du kan ikke sende inn for valgt periode før perioden er passert"


def _element(entries: list[dict[str, Any]], label: str) -> dict[str, Any]:
    return next(e["value"] for e in entries if e["label"] == label)


def _pdf_tekst(api: Api, uid: str) -> str:
    svar = api.get(f"{B}/utbetaling/{uid}/pdf")
    assert svar.status_code == 200 and svar.content_type == "application/pdf"
    return "\n".join(side.extract_text() for side in pypdf.PdfReader(io.BytesIO(svar.data)).pages)


def test_a_tilsagnsperioden_vises_med_siste_dag(api: Api) -> None:
    gid = gjennomforing(api.db)
    t = lag_tilsagn(gid, periode_start=date(2026, 1, 1), periode_slutt=date(2027, 1, 1), antall_plasser=12)
    api.repo.lagre_tilsagn(t)
    detalj = api.get(f"{B}/tilsagn/{t.id}").json
    assert _element(detalj["beregning"]["entries"], "Tilsagnsperiode") == {
        "type": "DATA_ELEMENT_PERIODE", "start": "2026-01-01", "slutt": "2026-12-31"}  # fmt: skip
    assert _element(detalj["beregning"]["entries"], "Antall plasser")["value"] == "12"
    assert detalj["periode"] == {"start": "2026-01-01", "slutt": "2027-01-01"}  # the data model stays half-open


def test_a_satsperioden_og_pdf_en_viser_siste_dag_og_norske_datoer(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    uid = generer(api, gid)
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    assert _element(detalj["beregning"]["satsDetaljer"][0]["entries"], "Periode") == {
        "type": "DATA_ELEMENT_PERIODE", "start": "2025-09-01", "slutt": "2025-09-30"}  # fmt: skip
    ok = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": None})
    assert ok.status_code == 200, ok.json
    tekst = _pdf_tekst(api, uid)
    assert "Utbetalingsperiode: 01.09.2025 - 30.09.2025" in tekst
    assert "Periode: 01.09.2025 - 30.09.2025" in tekst
    assert f"Dato innsendt av arrangør: {dagen():%d.%m.%Y}" in tekst
    assert "2025-09" not in tekst and dagen().isoformat() not in tekst


def test_a_stengt_i_pdf_en_vises_med_siste_dag(api: Api) -> None:
    gid = gjennomforing(api.db)
    deltaker(api.db, gid)
    api.repo.lagre_stengt(gid, [StengtPeriode(id="s1", start=date(2025, 9, 15), slutt=date(2025, 9, 17),
                                              beskrivelse="Vannlekkasje")])  # fmt: skip
    uid = generer(api, gid)
    assert api.get(f"{B}/utbetaling/{uid}").json["beregning"]["stengt"] == [
        {"periode": {"start": "2025-09-15", "slutt": "2025-09-17"}, "beskrivelse": "Vannlekkasje"}]  # fmt: skip
    assert "15.09.2025 - 16.09.2025 Vannlekkasje" in _pdf_tekst(api, uid)


def test_b_uten_deltakelser_er_kan_vise_beregning_false_med_modellen_som_ble_brukt(api: Api) -> None:
    api.repo.lagre_kontonummer("973123456", "12345678901")
    aft = gjennomforing(api.db)
    api.repo.lagre_stengt(aft, [StengtPeriode(id="s1", start=date(2026, 10, 5), slutt=date(2026, 10, 7),
                                              beskrivelse="Stengt")])  # fmt: skip
    inv = post_krav(api, aft, skjema(date(2026, 10, 1), date(2026, 10, 31), 18500), [(lag_pdf(), "f.pdf")])
    assert inv.status_code == 200, inv.json
    d = api.get(f"{B}/utbetaling/{inv.json['id']}").json
    assert (d["kanViseBeregning"], d["beregning"]["deltakelser"]) == (False, None)
    assert d["beregning"]["displayName"] == "Fri beregning" and d["beregning"]["stengt"] == []

    ap = avtalt_pris(api)
    svar = post_krav(api, ap, skjema(date(2026, 10, 1), date(2026, 10, 31)))
    d = api.get(f"{B}/utbetaling/{svar.json['id']}").json
    assert (d["kanViseBeregning"], d["beregning"]["displayName"]) == (False, "Annen avtalt pris")

    tp = timepris(api)
    svar = post_krav(api, tp, skjema(date(2026, 10, 1), date(2026, 10, 31)), [(lag_pdf(), "t.pdf")])
    d = api.get(f"{B}/utbetaling/{svar.json['id']}").json
    assert d["kanViseBeregning"] is False
    assert d["beregning"]["displayName"] == "Avtalt pris per time oppfølging per deltaker"

    deltaker(api.db, aft)
    generert = api.get(f"{B}/utbetaling/{generer(api, aft)}").json
    assert generert["kanViseBeregning"] is True and generert["beregning"]["deltakelser"]["rows"]
    assert generert["beregning"]["displayName"] == "Fast sats per benyttet tiltaksplass per måned"


def test_c_deltakere_for_timepris_leser_paret_halvapent(api: Api) -> None:
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-10")
    forslag = api.get(krav_sti(tp)).json["innsendingSteg"]["datoVelger"]["periodeForslag"]
    assert {"start": "2026-11-01", "slutt": "2026-12-01"} in forslag
    svar = api.get(krav_sti(tp) + "/deltakere?periodeStart=2026-11-01&periodeSlutt=2026-12-01")
    assert svar.status_code == 200, svar.json
    celler = svar.json["tabell"]["rows"][0]["cells"]
    assert celler["startDatoPeriode"] == {"type": "DATA_ELEMENT_TEXT", "value": "2026-11-01", "format": "date"}
    assert celler["sluttDatoPeriode"] == {"type": "DATA_ELEMENT_TEXT", "value": "2026-11-30", "format": "date"}
    assert _element(svar.json["tabellFooter"][0]["entries"], "Periode") == {
        "type": "DATA_ELEMENT_PERIODE", "start": "2026-11-01", "slutt": "2026-11-30"}  # fmt: skip


def test_d_maks_sluttdato_er_den_eksklusive_grensen_pa_begge_sider_av_grensedagen(api: Api) -> None:
    api.repo.lagre_kontonummer("973123456", "12345678901")
    ap = avtalt_pris(api)
    velger = api.get(krav_sti(ap)).json["innsendingSteg"]["datoVelger"]
    assert velger["maksSluttdato"] == "2027-01-01"
    siste = date.fromisoformat(velger["maksSluttdato"]) - timedelta(days=1)  # the last day the UI offers
    assert post_krav(api, ap, skjema(date(2026, 12, 1), siste)).status_code == 200
    for_langt = post_krav(api, ap, skjema(date(2026, 12, 1), siste + timedelta(days=1)))
    assert for_langt.json["errors"] == [{"pointer": "/periodeSlutt", "detail": FOR_TIDLIG}]

    aft = gjennomforing(api.db)
    velger = api.get(krav_sti(aft)).json["innsendingSteg"]["datoVelger"]
    assert velger["maksSluttdato"] == dagen().isoformat()
    pdf = [(lag_pdf(), "f.pdf")]
    assert post_krav(api, aft, skjema(dagen() - timedelta(days=7), dagen() - timedelta(days=1)), pdf).status_code == 200
    assert post_krav(api, aft, skjema(dagen() - timedelta(days=7), dagen()), pdf).status_code == 400


def test_e_orgnr_tilganger_uten_delegering_er_tom_liste_andre_lister_403(api: Api) -> None:
    svar = api.get(f"{B}/orgnr-tilganger", pid=ANNEN_PID)
    assert (svar.status_code, svar.json) == (200, [])
    for sti in ("/utbetaling", "/tilsagn", "/tiltaksoversikt"):
        svar = api.get(B + sti, pid=ANNEN_PID)
        assert svar.status_code == 403, sti
        assert svar.json["detail"].startswith("Du mangler tilgang til utbetalingsløsningen.")


def test_g_detaljer_og_pdf_navngir_gjennomforingen_og_viser_utbetalingsstatus(api: Api) -> None:
    gid = gjennomforing(api.db, navn="AFT Bergen", lopenummer="2025/7")
    deltaker(api.db, gid)
    uid = generer(api, gid)  # one covering tilsagn: the AFT automatic path pays it on godkjenn (§6.6)
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    assert {"type": "INLINE", "label": "Tiltaksnavn",
            "value": {"type": "DATA_ELEMENT_TEXT", "value": "AFT Bergen (2025/7)", "format": None}} in detalj[
        "innsendingsDetaljer"]  # fmt: skip
    ok = api.post(f"{B}/utbetaling/{uid}/godkjenn", json={"updatedAt": detalj["updatedAt"], "kid": None}).json
    assert ok["status"] == "OVERFORT_TIL_UTBETALING", ok["status"]
    status = {"type": "DATA_ELEMENT_STATUS", "value": "Overført til utbetaling", "variant": "info", "description": None}
    assert _element(ok["innsendingsDetaljer"], "Utbetalingsstatus") == status
    tekst = _pdf_tekst(api, uid)
    assert "Tiltaksnavn: AFT Bergen (2025/7)" in tekst and "Utbetalingsstatus: Overført til utbetaling" in tekst
    assert "Tiltaksperiode" not in tekst  # a generated claim (§11: manual claims only)
    # the line's status as a person reads it, not the enum (no «status endret» yet: it was just created)
    assert f"A-2025/1: {ok['beregning']['pris']['belop']} kr, Overført til utbetaling" in tekst.splitlines()


def test_g_manuelt_krav_viser_tiltaksperioden_med_siste_dag(api: Api) -> None:
    api.repo.lagre_kontonummer("973123456", "12345678901")
    ap = avtalt_pris(api, slutt_dato="2026-12-31", lopenummer="2025/12")
    uid = post_krav(api, ap, skjema(date(2026, 10, 1), date(2026, 10, 31))).json["id"]
    detaljer = api.get(f"{B}/utbetaling/{uid}").json["innsendingsDetaljer"]
    assert [e["label"] for e in detaljer] == ["Arrangør", "Tiltaksnavn", "Dato innsendt av arrangør", "Tiltakstype",
                                              "Tiltaksperiode", "Løpenummer"]  # fmt: skip
    assert _element(detaljer, "Tiltaksnavn")["value"] == "Avklaring Oslo (2025/12)"
    assert _element(detaljer, "Tiltaksperiode") == {
        "type": "DATA_ELEMENT_PERIODE", "start": "2025-10-01", "slutt": "2026-12-31"}  # fmt: skip
    tekst = _pdf_tekst(api, uid)
    assert "Tiltaksperiode: 01.10.2025 - 31.12.2026" in tekst and "Utbetalingsperiode: 01.10.2026 - 31.10.2026" in tekst
