"""Helpers for the generation tests: a small data set written through the real ingest and repository code."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

from shared import bootstrap, topics
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore.repo import FirestoreRepo
from shared.domain.generering.krav import pakk_ut
from shared.domain.grunnlag.gjennomforing import StengtPeriode
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.service.generering.generer_utbetaling import Avhengigheter
from shared.service.grunnlag.ingest import ta_imot
from tests.bygg_generering import lag_tilsagn

ROT = Path(__file__).resolve().parents[3]
ORGNR = "973123456"
FORSINKELSE = 1.0


def melding(**felt: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "versjon": 1, "slettet": False, **felt}


def gjennomforing(**felt: Any) -> dict[str, Any]:
    return melding(
        lopenummer="2025/7", navn="AFT Bergen", tiltakskode="ARBEIDSFORBEREDENDE_TRENING", arrangor_orgnr=ORGNR,
        avtale_id=None, start_dato="2025-07-01", slutt_dato=None, status="GJENNOMFORES",
        prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", valuta="NOK",
    ) | felt  # fmt: skip


def deltaker(gid: str, **felt: Any) -> dict[str, Any]:
    person = {"norsk_ident": "01810012345", "fornavn": "Kari", "etternavn": "Nordmann",
              "adressebeskyttelse": "UGRADERT", "skjermet": False}  # fmt: skip
    return melding(
        gjennomforing_id=gid, person=person, status="DELTAR", start_dato="2025-08-01", slutt_dato=None,
        deltakelsesmengder=[{"gyldig_fra": "2025-08-01", "deltakelsesprosent": 100}],
    ) | felt  # fmt: skip


@dataclass
class Miljo:
    prosjekt: str
    repo: FirestoreRepo
    db: firestore.Client
    publisert: list[tuple[str, bytes]] = field(default_factory=list)

    def ingest(self, topic: str, data: dict[str, Any] | bytes) -> str:
        """The ingest use case in-process, with the test's short recalculation delay."""
        raw = data if isinstance(data, bytes) else json.dumps(data).encode()
        return ta_imot(
            topic, raw, repo=self.repo, omberegning=self.repo, publisher=bootstrap.publisher(),
            klokke=bootstrap.klokke(), forsinkelse_s=FORSINKELSE,
        ).value  # fmt: skip

    def publiser(self, topic: str, data: dict[str, Any] | bytes) -> None:
        raw = data if isinstance(data, bytes) else json.dumps(data).encode()
        klient = PublisherClient()
        klient.publish(klient.topic_path(self.prosjekt, topic), raw).result(10)

    def avh(self) -> Avhengigheter:
        return Avhengigheter(
            repo=self.repo, omberegning=self.repo, kontoregister=bootstrap.kontoregister(),
            klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=FORSINKELSE,
        )  # fmt: skip

    def utbetalinger(self) -> dict[str, Utbetaling]:
        return {s.id: dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in self.db.collection("utbetalinger").stream()}

    def historikk(self) -> list[dict[str, Any]]:
        return [s.to_dict() or {} for s in self.db.collection("endringshistorikk").stream()]

    def tilsagn(self, gid: str, **felt: Any) -> str:
        t = lag_tilsagn(gid, **felt)
        self.repo.lagre_tilsagn(t)
        return t.id

    def stengt(self, gid: str, start: date, slutt: date) -> None:
        self.repo.lagre_stengt(gid, [StengtPeriode(id="s1", start=start, slutt=slutt, beskrivelse="Stengt")])

    def dead_letters(self, topic: str, maks: int = 10) -> list[bytes]:
        sub = SubscriberClient()
        navn = sub.subscription_path(self.prosjekt, topics.dlq(topic))
        svar = sub.pull(request={"subscription": navn, "max_messages": maks}, timeout=10)
        if svar.received_messages:
            sub.acknowledge(request={"subscription": navn, "ack_ids": [m.ack_id for m in svar.received_messages]})
        return [m.message.data for m in svar.received_messages]


def beregn_med_cli(u: Utbetaling, tmp: Path) -> int:
    """`utbetaling beregn` on the claim's stored input, as an operator would run it."""
    assert u.beregning_gz is not None
    input_bytes, _ = pakk_ut(u.beregning_gz)
    fil = tmp / f"{u.id}.json"
    fil.write_bytes(input_bytes)
    ut = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "beregn", "--input", str(fil)],
        cwd=ROT, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    belop: int = json.loads(ut.stdout)["belop"]
    return belop
