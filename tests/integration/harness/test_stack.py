"""The local stack delivers what Cloud Functions gen2 would, through the functions host (real emulators)."""

from __future__ import annotations

import json
import os
import signal
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from google.cloud import firestore, pubsub_v1, storage

from emulators.klargjoring import Prosjektoppsett
from emulators.konfig import StackKonfig
from emulators.venting import vent_til

HARNESS = Path(__file__).parent / "funksjoner" / "manifest.toml"


@pytest.fixture
def prosjekt(lag_isolert_prosjekt: Callable[..., Prosjektoppsett]) -> Prosjektoppsett:
    return lag_isolert_prosjekt(manifester=[HARNESS])


def mottatt(prosjekt: str, dokument_id: str, tidsfrist: float = 15.0) -> dict[str, Any]:
    dok = firestore.Client(project=prosjekt).collection("harness_mottatt").document(dokument_id)
    data: dict[str, Any] = vent_til(lambda: dok.get().to_dict(), tidsfrist, hva=f"harness_mottatt/{dokument_id}")
    return data


def publiser(prosjekt: str, topic: str, data: bytes, **attributter: str) -> str:
    publisher = pubsub_v1.PublisherClient()
    melding_id: str = publisher.publish(publisher.topic_path(prosjekt, topic), data, **attributter).result(10)
    return melding_id


def test_dokumentskriving_naar_funksjonen_med_dekodet_document_event_data(prosjekt: Prosjektoppsett) -> None:
    db = firestore.Client(project=prosjekt.prosjekt)
    tid = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    felt = {
        "versjon": 1,
        "navn": "Blåbær AS",
        "belop": 12345,
        "sats": 1.5,
        "aktiv": True,
        "ingen": None,
        "liste": ["a", 2],
        "kart": {"indre": "x"},
        "tid": tid,
    }
    db.collection("harness_inn").document("d1").set(felt)

    sett = mottatt(prosjekt.prosjekt, "fs-harness_inn_d1-1")
    assert sett["sti"] == "harness_inn/d1"
    assert sett["felt"] == felt
    assert sett["gamle_felt"] is None
    assert sett["type"] == "google.cloud.firestore.document.v1.written"
    assert sett["source"] == f"//firestore.googleapis.com/projects/{prosjekt.prosjekt}/databases/(default)"
    assert sett["subject"] == "documents/harness_inn/d1"
    assert sett["datacontenttype"] == "application/protobuf"
    assert sett["modul"] == "funksjoner.harness_firestore.main"

    db.collection("harness_inn").document("d1").update({"versjon": 2})
    endret = mottatt(prosjekt.prosjekt, "fs-harness_inn_d1-2")
    assert endret["gamle_felt"]["versjon"] == 1
    assert endret["felt"]["versjon"] == 2


def test_pubsub_melding_naar_funksjonen_som_eventarc_leverer_den(prosjekt: Prosjektoppsett) -> None:
    mid = uuid.uuid4().hex
    melding_id = publiser(prosjekt.prosjekt, "harness-inn", json.dumps({"id": mid}).encode(), kilde="test")

    sett = mottatt(prosjekt.prosjekt, f"ps-{mid}")
    assert sett["data"] == {"id": mid}
    assert sett["attributter"] == {"kilde": "test"}
    assert sett["forsok"] == 1
    assert sett["id"] == melding_id
    assert sett["type"] == "google.cloud.pubsub.topic.v1.messagePublished"
    assert sett["source"] == f"//pubsub.googleapis.com/projects/{prosjekt.prosjekt}/topics/harness-inn"
    assert sett["subscription"] == f"projects/{prosjekt.prosjekt}/subscriptions/harness_pubsub"
    assert sett["modul"] == "funksjoner.harness_pubsub.main"


def test_pubsub_leverer_mange_samtidig_som_eventarc(prosjekt: Prosjektoppsett, stack: StackKonfig) -> None:
    """The emulator's own push delivers at most 2 at a time; Eventarc (and the host, which pulls) fills every slot."""
    ider = [uuid.uuid4().hex for _ in range(8)]
    for mid in ider:
        publiser(prosjekt.prosjekt, "harness-inn", json.dumps({"id": mid, "sov_s": 2}).encode())

    tider = [mottatt(prosjekt.prosjekt, f"ps-{mid}", tidsfrist=30) for mid in ider]
    samtidige = max(sum(1 for t in tider if t["start"] <= s["start"] < t["slutt"]) for s in tider)
    assert samtidige >= min(8, stack.samtidighet_for("harness_pubsub")) - 2
    assert stack.prosesser_for("harness_pubsub") == 2
    assert len({t["pid"] for t in tider}) == 2  # two worker processes pulled the one subscription


def test_arbeidsprosessene_vises_i_helse_og_er_verten_sine(prosjekt: Prosjektoppsett, stack: StackKonfig) -> None:
    helse = requests.get(stack.url("funksjonsvert") + "/_vert/helse", timeout=5).json()
    arbeidere = helse["arbeidere"]["harness_pubsub"]
    assert len(arbeidere) == 2
    vert = int((stack.kjoremappe / "funksjonsvert.pid").read_text())
    for pid in arbeidere:
        stat = Path(f"/proc/{pid}/stat").read_text()
        assert int(stat[stat.rindex(")") + 2 :].split()[2]) == vert  # same process group: `stop` ends them too


def test_en_arbeidsprosess_som_dor_startes_igjen_og_faar_abonnementene(
    prosjekt: Prosjektoppsett, lag_isolert_prosjekt: Callable[..., Prosjektoppsett], stack: StackKonfig
) -> None:
    def arbeidere() -> list[int]:
        helse = requests.get(stack.url("funksjonsvert") + "/_vert/helse", timeout=5).json()
        return list(helse["arbeidere"]["harness_pubsub"])

    doende, overlevende = arbeidere()
    os.kill(doende, signal.SIGKILL)
    vent_til(lambda: arbeidere() == [overlevende], tidsfrist=10, hva="den drepte prosessen er borte")

    nytt = lag_isolert_prosjekt(manifester=[HARNESS])  # its subscription is handed out: the dead one is restarted
    (ny,) = set(arbeidere()) - {overlevende}
    assert len(arbeidere()) == 2 and ny != doende
    for p in (prosjekt.prosjekt, nytt.prosjekt):  # both projects' subscriptions are pulled, by both processes
        ider = [uuid.uuid4().hex for _ in range(12)]  # more than one process has slots for (5 each)
        for mid in ider:
            publiser(p, "harness-inn", json.dumps({"id": mid, "sov_s": 2}).encode())
        assert {mottatt(p, f"ps-{mid}", tidsfrist=30)["pid"] for mid in ider} == {ny, overlevende}


def test_pubsub_melding_naar_fram_etter_lang_stillhet(prosjekt: Prosjektoppsett) -> None:
    """A long-poll pull with a client timeout once left messages with abandoned pulls in the emulator; the
    subscription must deliver promptly however long it has been idle."""
    time.sleep(25)
    mid = uuid.uuid4().hex
    publiser(prosjekt.prosjekt, "harness-inn", json.dumps({"id": mid}).encode())

    assert mottatt(prosjekt.prosjekt, f"ps-{mid}", tidsfrist=5)["forsok"] == 1


def test_feilende_funksjon_gir_ny_levering(prosjekt: Prosjektoppsett) -> None:
    mid = uuid.uuid4().hex
    publiser(prosjekt.prosjekt, "harness-inn", json.dumps({"id": mid, "feil_ganger": 2}).encode())

    assert mottatt(prosjekt.prosjekt, f"ps-{mid}", tidsfrist=30)["forsok"] == 3


def test_melding_havner_i_dlq_etter_fem_leveringer(prosjekt: Prosjektoppsett, stack: StackKonfig) -> None:
    mid = uuid.uuid4().hex
    publiser(prosjekt.prosjekt, "harness-inn", json.dumps({"id": mid, "feil_ganger": 99}).encode())

    subscriber = pubsub_v1.SubscriberClient()
    dlq = subscriber.subscription_path(prosjekt.prosjekt, "harness-inn-dlq")

    def hent() -> list[Any]:
        svar = subscriber.pull(subscription=dlq, max_messages=10, timeout=5)
        return list(svar.received_messages)

    meldinger = vent_til(hent, tidsfrist=60, intervall=0.5, hva="melding på harness-inn-dlq")
    assert json.loads(meldinger[0].message.data) == {"id": mid, "feil_ganger": 99}
    forsok = firestore.Client(project=prosjekt.prosjekt).collection("harness_forsok").document(mid).get()
    assert forsok.get("antall") == stack.maks_leveringer


def test_opplasting_gir_finalize_hendelse_som_naar_funksjonen(prosjekt: Prosjektoppsett) -> None:
    bucket = storage.Client(project=prosjekt.prosjekt).bucket(prosjekt.buckets[0])
    bucket.blob("innsendinger/u1/faktura.pdf").upload_from_string(b"%PDF-1.4 liten", content_type="application/pdf")

    sett = mottatt(prosjekt.prosjekt, "gcs-innsendinger_u1_faktura.pdf")
    assert sett["bucket"] == prosjekt.buckets[0]
    assert sett["navn"] == "innsendinger/u1/faktura.pdf"
    assert sett["storrelse"] == len(b"%PDF-1.4 liten")
    assert sett["content_type"] == "application/pdf"
    assert sett["type"] == "google.cloud.storage.object.v1.finalized"
    assert sett["source"] == f"//storage.googleapis.com/projects/_/buckets/{prosjekt.buckets[0]}"
    assert sett["subject"] == "objects/innsendinger/u1/faktura.pdf"


def test_http_funksjon_ser_sin_egen_sti(prosjekt: Prosjektoppsett, stack: StackKonfig) -> None:
    svar = requests.get(f"{stack.url('funksjonsvert')}/_prosjekt/{prosjekt.prosjekt}/harness_http/a/b?x=1", timeout=5)

    assert svar.status_code == 200
    assert svar.json() == {
        "path": "/a/b",
        "prosjekt": prosjekt.prosjekt,
        "modul": "funksjoner.harness_http.main",
    }


def test_prosjekter_ser_ikke_hverandres_data(lag_isolert_prosjekt: Callable[..., Prosjektoppsett]) -> None:
    a = lag_isolert_prosjekt(manifester=[HARNESS])
    b = lag_isolert_prosjekt(manifester=[HARNESS])
    firestore.Client(project=a.prosjekt).collection("harness_inn").document("felles").set({"versjon": 7})

    assert mottatt(a.prosjekt, "fs-harness_inn_felles-7")["sti"] == "harness_inn/felles"
    assert (
        firestore.Client(project=b.prosjekt)
        .collection("harness_mottatt")
        .document("fs-harness_inn_felles-7")
        .get()
        .exists
        is False
    )
    assert a.buckets != b.buckets


def _planlagte(prosjekt: str) -> list[dict[str, Any]]:
    kolleksjon = firestore.Client(project=prosjekt).collection("harness_mottatt")
    return [d.to_dict() for d in kolleksjon.stream() if d.id.startswith("planlagt-")]


def test_planlegger_kommandoen_sender_meldingen_jobben_sender(prosjekt: Prosjektoppsett) -> None:
    from shared.cli.main import main

    assert main(["planlegger", "kjor", "generering-start"]) == 0

    sett = vent_til(lambda: _planlagte(prosjekt.prosjekt), hva="generering-start hos harness_planlagt")[0]
    assert sett["data"] == "{}"
    assert sett["json"] == {}
    assert sett["attributter"] == {}
    assert sett["source"] == f"//pubsub.googleapis.com/projects/{prosjekt.prosjekt}/topics/generering-start"

    assert main(["planlegger", "kjor", "generering-start", "--periode", "2026-02"]) == 0
    sett = vent_til(lambda: [p for p in _planlagte(prosjekt.prosjekt) if p["json"]], hva="--periode")[0]
    assert sett["json"] == {"periode": "2026-02"}
