"""No personal data in logs (domene.md §11, STYLE.md §4): the whole demo data set goes through the real ingest
functions, a malformed participant message is dead-lettered, and the month is generated; afterwards no
fødselsnummer and no full name of any participant appears in what the functions host logged."""

from __future__ import annotations

import json

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient

from emulators import eksempeldata, prosesser
from emulators.klargjoring import Prosjektoppsett
from emulators.konfig import StackKonfig
from emulators.venting import vent_til
from shared import topics
from shared.adapters.firestore import dokumenter as dok

MANED = "2026-11"


def _antall(db: firestore.Client, samling: str) -> int:
    return int(db.collection(samling).count().get()[0][0].value)


def test_ingen_fodselsnummer_eller_navn_i_loggene(stack: StackKonfig, isolert_prosjekt: Prosjektoppsett) -> None:
    prosjekt = isolert_prosjekt.prosjekt
    logg = prosesser.loggfil(stack, "funksjonsvert")
    start = logg.stat().st_size if logg.exists() else 0
    ds = eksempeldata.demo(MANED)
    personer = [m["person"] for m in ds.meldinger[topics.DELTAKER]]
    ugyldig = dict(ds.meldinger[topics.DELTAKER][0], id="7d1f1c51-0000-4000-8000-000000000001", status="PA_MANEN")

    publisher = PublisherClient()
    ventende = [
        publisher.publish(publisher.topic_path(prosjekt, topic), json.dumps(m).encode())
        for topic, m in [*ds.alle_meldinger(), (topics.DELTAKER, ugyldig)]
    ]
    for f in ventende:
        f.result(timeout=30)
    db = firestore.Client(project=prosjekt)
    vent_til(
        lambda: _antall(db, dok.DELTAKELSER) >= len(personer) and _antall(db, dok.FORSLAG) >= 1,
        tidsfrist=90,
        hva="ingest av demodataene",
    )
    melding = json.dumps({"periode": MANED}).encode()
    publisher.publish(publisher.topic_path(prosjekt, topics.GENERERING_START), melding).result(timeout=30)
    vent_til(lambda: _antall(db, dok.UTBETALINGER) >= 5, tidsfrist=90, hva="generering")

    with logg.open(encoding="utf-8", errors="replace") as f:
        f.seek(start)
        tekst = f.read()
    assert prosjekt in tekst, "the host log should show this test's project (is the log file the right one?)"
    for person in personer:
        assert person["norsk_ident"] not in tekst
        assert f"{person['fornavn']} {person['etternavn']}" not in tekst
        assert f'"etternavn": "{person["etternavn"]}"' not in tekst
