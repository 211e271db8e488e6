"""The arrangør part of `make demo` (emulators/demo_arrangor.py) against an isolated project, so it cannot rot: the
demo data set is bulk-loaded with the ingest's documents, the month generated in-process, then `vis_arrangor` runs
through the functions host over HTTP."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from emulators import demo, eksempeldata
from emulators.demo_arrangor import api_base, vis_arrangor
from emulators.klargjoring import Prosjektoppsett
from shared import bootstrap, topics
from shared.adapters.firestore import dokumenter as dok
from shared.domain.generering.regler import OSLO, forrige_maned
from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger
from shared.service.grunnlag.ingest import SKJEMAER, tolk


def forste_og_siste_dag(maned: str) -> tuple[date, date]:
    start = date.fromisoformat(f"{maned}-01")
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def test_vis_arrangor_gjennom_http(isolert_prosjekt: Prosjektoppsett) -> None:
    maned = forrige_maned(datetime.now(OSLO))
    ds = eksempeldata.demo(maned)
    repo = bootstrap.repo()
    for topic, meldinger in ds.meldinger.items():
        repo.last_inn(SKJEMAER[topic].samling, [tolk(topic, json.dumps(m).encode()) for m in meldinger])
    demo.last_nav_data(ds)
    avh = Avhengigheter(repo=repo, omberegning=repo, kontoregister=bootstrap.kontoregister(),
                        klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=600)  # fmt: skip
    generer_utbetalinger([g["id"] for g in ds.meldinger[topics.GJENNOMFORING]], maned, avh)

    linjer: list[str] = []
    ider = vis_arrangor(ds, base=api_base(isolert_prosjekt.prosjekt), skriv=linjer.append)

    tekst = "\n".join(linjer)
    assert ider.aft_status == "OVERFORT_TIL_UTBETALING", tekst
    db = bootstrap.firestore_klient()
    aft = db.collection(dok.UTBETALINGER).document(ider.aft_utbetaling_id).get().to_dict() or {}
    inv = db.collection(dok.UTBETALINGER).document(ider.investering_utbetaling_id).get().to_dict() or {}
    assert aft["status"] == "FERDIG_BEHANDLET" and inv["tilskuddstype"] == "TILTAK_INVESTERINGER"
    assert "GET /orgnr-tilganger → 3 organisasjoner" in tekst and "første linje" in tekst
    # every «Opprett krav» flow of the front end can be tried, each with a tilsagn to charge (issue 13)
    assert ider.manuelle == {"investering": 1, "annen avtalt pris": 1, "timepris": 1}, tekst
    assert "0 deltakere" not in tekst
    start, slutt = forste_og_siste_dag(maned)
    assert f"sats: Periode: {start:%d.%m.%Y}–{slutt:%d.%m.%Y}" in tekst  # a display period is inclusive (§8.1)
    assert max(len(linje) for linje in linjer) <= 120
    for d in ds.meldinger[topics.DELTAKER]:
        assert d["person"]["norsk_ident"] not in tekst and d["person"]["etternavn"] not in tekst.split()
