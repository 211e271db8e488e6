"""The outbox sender (shared/service/tiltaksavtale/utsending.py) with fakes of our ports, and the §9.2 message
schemas: every record is delivered once under redelivery, a failed key waits in order, `avtale-hendelse` carries no
personal data, and `avtale-inngatt` is queued once per inngått version."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from shared.domain.tiltaksavtale.hendelser import Kanal, Utsending
from shared.domain.tiltaksavtale.kodeverk import Tiltakstype
from shared.domain.tiltaksavtale.meldinger import AvtaleHendelseMelding
from shared.service.tiltaksavtale import handlinger as h
from shared.service.tiltaksavtale.ports import PortFeil
from shared.service.tiltaksavtale.utsending import Utsender, send_avtale_utsendinger, send_en
from tests.unit.tiltaksavtale.byggere import DELTAKER_FNR, arbeidsgiver, beslutter, deltaker, veileder
from tests.unit.tiltaksavtale.fakes import FakeKlokke
from tests.unit.tiltaksavtale.test_tjenester import lag_oppsett, utfylt


@dataclass
class FakeUtsendinger:
    poster: dict[str, Utsending]
    sendt: dict[str, datetime] = field(default_factory=dict)
    forsok: dict[str, int] = field(default_factory=dict)

    def forfalte(self, na: datetime, maks: int) -> list[Utsending]:
        klare = [u for i, u in self.poster.items() if i not in self.sendt and u.send_tidligst <= na]
        return sorted(klare, key=lambda u: u.send_tidligst)[:maks]

    def hent_usendt(self, ekstern_id: str) -> Utsending | None:
        return None if ekstern_id in self.sendt else self.poster.get(ekstern_id)

    def marker_sendt(self, ekstern_id: str, na: datetime) -> None:
        self.sendt[ekstern_id] = na

    def marker_feilet(self, ekstern_id: str) -> None:
        self.forsok[ekstern_id] = self.forsok.get(ekstern_id, 0) + 1


@dataclass
class FakeVarsling:
    mottatt: list[str] = field(default_factory=list)

    def send(self, u: Utsending) -> None:
        self.mottatt.append(u.ekstern_id)


@dataclass
class FakePublisher:
    meldinger: list[tuple[str, str, str]] = field(default_factory=list)
    feiler: set[str] = field(default_factory=set)

    def publiser(self, topic: str, data: bytes, ordering_key: str, attributter: Mapping[str, str]) -> None:
        if attributter["eksternId"] in self.feiler:
            raise PortFeil("nede")
        self.meldinger.append((topic, ordering_key, attributter["eksternId"]))


def _inngatt_oppsett() -> tuple[dict[str, Utsending], FakeKlokke]:
    o = lag_oppsett()
    a = utfylt(o)
    for aktor in (deltaker(), arbeidsgiver(), veileder()):
        a = h.godkjenn(o.avh, aktor, a.id, a.sist_endret, True)
    h.godkjenn_tilskudd(o.avh, beslutter(), a.id, a.sist_endret)
    o.klokke.frem(seconds=1)
    return o.repo.utsendinger, o.klokke


def test_avtale_inngatt_legges_i_utboksen_en_gang_per_versjon() -> None:
    poster, _ = _inngatt_oppsett()
    inngatt = [u for u in poster.values() if u.topic == "avtale-inngatt"]
    assert len(inngatt) == 1
    melding = json.loads(inngatt[0].innhold)
    assert melding["versjon"] == 1 and melding["deltakerFnr"] == DELTAKER_FNR and melding["tiltakstype"] == "VTAO"


def test_avtale_hendelse_folger_skjemaet_uten_personopplysninger() -> None:
    poster, _ = _inngatt_oppsett()
    for u in (u for u in poster.values() if u.topic == "avtale-hendelse"):
        m = AvtaleHendelseMelding.model_validate_json(u.innhold)
        assert m.tiltakstype == Tiltakstype.VTAO
        assert DELTAKER_FNR not in u.innhold and "Kari" not in u.innhold and "Nordmann" not in u.innhold


def test_hver_post_sendes_en_gang_ogsa_nar_senderen_kjores_igjen() -> None:
    poster, klokke = _inngatt_oppsett()
    utsendinger, varsling, publisher = FakeUtsendinger(dict(poster)), FakeVarsling(), FakePublisher()
    avh = Utsender(utsendinger, varsling, publisher, klokke)
    forste = send_avtale_utsendinger(avh)
    assert sorted(forste.sendt) == sorted(poster) and not forste.feilet
    assert send_avtale_utsendinger(avh).sendt == []
    assert send_en(avh, next(iter(poster))).sendt == []
    levert = varsling.mottatt + [m[2] for m in publisher.meldinger]
    assert sorted(levert) == sorted(poster), "each record delivered exactly once"
    assert {u.kanal for u in poster.values()} >= {Kanal.PUBSUB}


def test_en_feilet_melding_holder_igjen_de_senere_med_samme_nokkel() -> None:
    poster, klokke = _inngatt_oppsett()
    pubsub = sorted((u for u in poster.values() if u.kanal == Kanal.PUBSUB), key=lambda u: u.send_tidligst)
    publisher = FakePublisher(feiler={pubsub[0].ekstern_id})
    utsendinger = FakeUtsendinger(dict(poster))
    r = send_avtale_utsendinger(Utsender(utsendinger, FakeVarsling(), publisher, klokke))
    assert r.feilet == [pubsub[0].ekstern_id] and utsendinger.forsok == {pubsub[0].ekstern_id: 1}
    assert not any(m[2] in {u.ekstern_id for u in pubsub} for m in publisher.meldinger), "order kept per key"
    publisher.feiler.clear()
    r = send_avtale_utsendinger(Utsender(utsendinger, FakeVarsling(), publisher, klokke))
    assert [m[2] for m in publisher.meldinger] == [u.ekstern_id for u in pubsub]
