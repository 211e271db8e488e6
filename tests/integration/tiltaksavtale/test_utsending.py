"""The tiltaksavtale outbox on the emulators: a whole VTA-O flow's notices reach `varsling_stub/{ekstern_id}` and
its messages `avtale-hendelse` / `avtale-inngatt` (with the attribute `eksternId`), every record is marked sent, and
a second run (a redelivered tick) sends nothing again."""

from __future__ import annotations

import json

from google.cloud import pubsub_v1

from shared.adapters.tiltaksavtale import dokumenter as dok
from shared.adapters.tiltaksavtale.utsending import (
    VARSLING_STUB,
    FirestoreAvtaleUtsendinger,
    FirestoreVarsling,
    PubSubAvtalePublisher,
    ordnet_klient,
)
from shared.bootstrap import SystemKlokke
from shared.domain.tiltaksavtale.kodeverk import Part
from shared.service.tiltaksavtale import handlinger as h
from shared.service.tiltaksavtale.utsending import Utsender, send_avtale_utsendinger
from tests.integration.tiltaksavtale.conftest import Miljo
from tests.integration.tiltaksavtale.test_repo import ARBEIDSGIVER, BESLUTTER_, DELTAKER, VEILEDER_, _utfylt
from tests.unit.tiltaksavtale.byggere import DELTAKER_FNR


def _topics(prosjekt: str) -> dict[str, str]:
    pub, sub = pubsub_v1.PublisherClient(), pubsub_v1.SubscriberClient()
    abonnementer = {}
    for topic in ("avtale-hendelse", "avtale-inngatt"):
        sti = pub.create_topic(name=pub.topic_path(prosjekt, topic)).name
        abonnement = sub.subscription_path(prosjekt, f"{topic}-test")
        sub.create_subscription(request={"name": abonnement, "topic": sti, "enable_message_ordering": True})
        abonnementer[topic] = abonnement
    return abonnementer


def _hent(abonnement: str) -> list[pubsub_v1.types.PubsubMessage]:
    sub = pubsub_v1.SubscriberClient()
    svar = sub.pull(subscription=abonnement, max_messages=100, timeout=10)
    if svar.received_messages:
        sub.acknowledge(subscription=abonnement, ack_ids=[m.ack_id for m in svar.received_messages])
    return [m.message for m in svar.received_messages]


def test_utboksen_sendes_en_gang_til_varsling_og_pubsub(miljo: Miljo) -> None:
    m = miljo
    abonnementer = _topics(m.prosjekt)
    a = _utfylt(m)
    a = h.del_med(m.avh, VEILEDER_, a.id, a.sist_endret, Part.DELTAKER)
    for aktor in (DELTAKER, ARBEIDSGIVER, VEILEDER_):
        a = h.godkjenn(m.avh, aktor, a.id, a.sist_endret, True)
    a = h.godkjenn_tilskudd(m.avh, BESLUTTER_, a.id, a.sist_endret)
    assert a.er_inngatt
    utsender = Utsender(FirestoreAvtaleUtsendinger(m.db), FirestoreVarsling(m.db),
                        PubSubAvtalePublisher(ordnet_klient(), m.prosjekt), SystemKlokke())  # fmt: skip

    forste = send_avtale_utsendinger(utsender)
    poster = {s.id: s.to_dict() or {} for s in m.db.collection(dok.UTSENDINGER).stream()}
    assert sorted(forste.sendt) == sorted(poster) and not forste.feilet
    assert all(p["sendt"] is not None for p in poster.values())
    assert send_avtale_utsendinger(utsender).sendt == [], "a second run sends nothing"

    varsler = {s.id: s.to_dict() or {} for s in m.db.collection(VARSLING_STUB).stream()}
    assert set(varsler) == {i for i, p in poster.items() if p["kanal"] != "PUBSUB"}
    assert any(v["kanal"] == "SMS" and v["mottaker"] == "41234567" for v in varsler.values())
    hendelser = _hent(abonnementer["avtale-hendelse"])
    inngatt = _hent(abonnementer["avtale-inngatt"])
    assert len(inngatt) == 1 and json.loads(inngatt[0].data)["avtaleId"] == a.id
    assert len(hendelser) == len([p for p in poster.values() if p["topic"] == "avtale-hendelse"])
    assert all(x.ordering_key == a.id and x.attributes["eksternId"] in poster for x in hendelser + inngatt)
    assert all(DELTAKER_FNR.encode() not in x.data for x in hendelser)


def test_daglig_jobb_via_kanten_annullerer_utlopte_avtaler(miljo: Miljo) -> None:
    import os

    from shared.config import nullstill_settings
    from shared.domain.tiltaksavtale.kodeverk import Status
    from shared.edge.tiltaksavtale import hendelser
    from tests.unit.tiltaksavtale.byggere import lag_avtale

    os.environ["GOOGLE_CLOUD_PROJECT"] = miljo.prosjekt
    nullstill_settings()
    gammel = lag_avtale(fullt=False)  # sist_endret 2025-09-10: more than 12 weeks ago
    miljo.avh.repo.i_transaksjon(lambda tx: tx.lagre(gammel, ny=True))
    r = hendelser.daglig()
    lagret = miljo.avh.repo.hent(gammel.id)
    assert r.endret == [gammel.id] and lagret is not None
    assert lagret.status == Status.ANNULLERT and lagret.feilregistrert and lagret.annullert_grunn == "Utløpt"
    assert hendelser.daglig().endret == [], "an annulled avtale is not looked at again"
