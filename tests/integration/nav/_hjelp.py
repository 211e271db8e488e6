"""Helpers for the Nav-processing tests on the emulators: a gjennomføring, Nav employees, a claim, and readers."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from google.cloud import firestore, pubsub_v1
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.repo import LINJER, UTSENDINGER, UTSENDINGSINDEKSER, FirestoreNavRepo
from shared.adapters.nav.tilganger import FirestoreEnheter, FirestoreNavAnsattTilganger
from shared.domain.grunnlag.gjennomforing import GjennomforingMelding
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
from shared.service.nav.utbetaling import NavAvhengigheter
from tests.fakes import FakeKlokke

ORGNR = "973123456"
KOSTNADSSTED = "0387"
SAKSBEHANDLER = NavAnsatt("S100001", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE})
BESLUTTER = NavAnsatt("B100002", {Rolle.BESLUTTER_TILSAGN: frozenset({KOSTNADSSTED})})
ATTESTANT = NavAnsatt("A100003", {Rolle.ATTESTANT_UTBETALING: frozenset({KOSTNADSSTED})})
ATTESTANT_2 = NavAnsatt("A100004", {Rolle.ATTESTANT_UTBETALING: ALLE})


class Sanntid(FakeKlokke):
    """Real time (the dispatcher compares `send_tidligst` with it)."""

    def na(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class NavMiljo:
    prosjekt: str
    db: firestore.Client
    repo: FirestoreNavRepo
    avh: NavAvhengigheter

    def gjennomforing(self, **felt: Any) -> str:
        gid = str(uuid.uuid4())
        m = GjennomforingMelding.model_validate(
            {
                "id": gid, "versjon": 1, "lopenummer": "2025/7", "navn": "AFT Bergen",
                "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING", "arrangor_orgnr": ORGNR, "start_dato": "2025-07-01",
                "status": "GJENNOMFORES", "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "valuta": "NOK",
            } | felt
        )  # fmt: skip
        self.db.collection(dok.GJENNOMFORINGER).document(gid).set(dok.ingest_dokument(m))
        return gid

    def utbetaling(self, gid: str, **felt: Any) -> Utbetaling:
        t0 = datetime(2025, 12, 7, 4, 0, tzinfo=UTC)
        u = Utbetaling.model_validate(
            {
                "id": str(uuid.uuid4()), "gjennomforing_id": gid, "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
                "arrangor_orgnr": ORGNR, "periode_start": date(2025, 11, 1), "periode_slutt": date(2025, 12, 1),
                "opprinnelse": Opprinnelse.GENERERT, "status": UtbetalingStatus.TIL_BEHANDLING,
                "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "belop": 41_950, "valuta": "NOK",
                "betalingsinformasjon": Betalingsinformasjon(kontonummer="12345678903", kid=None),
                "created_at": t0, "updated_at": t0,
            } | felt
        )  # fmt: skip
        self.db.collection(dok.UTBETALINGER).document(u.id).set(dok.utbetaling_til_dokument(u))
        return u

    def hent(self, u: Utbetaling) -> Utbetaling:
        return self.repo.i_transaksjon(lambda tx: tx.hent_utbetaling(u.id)) or u

    def linjer(self, utbetaling_id: str) -> list[dict[str, Any]]:
        q = self.db.collection(LINJER).where(filter=FieldFilter("utbetaling_id", "==", utbetaling_id))
        return [(s.to_dict() or {}) | {"id": s.id} for s in q.stream()]

    def utsendinger(self) -> list[dict[str, Any]]:
        return [(s.to_dict() or {}) | {"id": s.id} for s in self.db.collection(UTSENDINGER).stream()]

    def usendte_i_indeksen(self) -> set[str]:
        """The outbox index's unsent ids (what the dispatcher reads instead of a query)."""
        skaar = self.db.collection(UTSENDINGSINDEKSER).stream()
        return {i for s in skaar for i in ((s.to_dict() or {}).get("usendte") or {})}

    def historikk(self, dokument_id: str) -> list[str]:
        q = self.db.collection(dok.ENDRINGSHISTORIKK).where(filter=FieldFilter("dokument_id", "==", dokument_id))
        rader = sorted((s.to_dict() or {} for s in q.stream()), key=lambda d: d["tidspunkt"])
        return [str(r["operasjon"]) for r in rader]


def lag_miljo(prosjekt: str) -> NavMiljo:
    db = firestore.Client(project=prosjekt)
    klokke = Sanntid()
    repo = FirestoreNavRepo(db, klokke.na)
    tilganger = FirestoreNavAnsattTilganger(db)
    for a in (SAKSBEHANDLER, BESLUTTER, ATTESTANT, ATTESTANT_2):
        tilganger.lagre(a)
    db.collection("enheter").document(KOSTNADSSTED).set({"navn": "Nav Grünerløkka"})
    avh = NavAvhengigheter(repo=repo, enheter=FirestoreEnheter(db), klokke=klokke, forsok=20)
    return NavMiljo(prosjekt, db, repo, avh)


def abonner(prosjekt: str, topic: str) -> str:
    """A pull subscription with message ordering (as the economy system's), created before anything is sent."""
    sub = pubsub_v1.SubscriberClient()
    navn = sub.subscription_path(prosjekt, f"test-{topic}-{uuid.uuid4().hex[:6]}")
    sub.create_subscription(
        request={"name": navn, "topic": f"projects/{prosjekt}/topics/{topic}", "enable_message_ordering": True}
    )
    return navn


def hent_meldinger(
    abonnement: str, minst: int, frist_s: float = 30
) -> list[tuple[dict[str, Any], dict[str, str], str]]:
    sub = pubsub_v1.SubscriberClient()
    ut: list[tuple[dict[str, Any], dict[str, str], str]] = []
    slutt = time.monotonic() + frist_s
    while len(ut) < minst and time.monotonic() < slutt:
        svar = sub.pull(request={"subscription": abonnement, "max_messages": 100}, timeout=10)
        if svar.received_messages:
            sub.acknowledge(request={"subscription": abonnement, "ack_ids": [m.ack_id for m in svar.received_messages]})
        for m in svar.received_messages:
            ut.append((json.loads(m.message.data), dict(m.message.attributes), m.message.ordering_key))
    return ut


def publiser(prosjekt: str, topic: str, data: dict[str, Any]) -> None:
    pub = pubsub_v1.PublisherClient()
    pub.publish(pub.topic_path(prosjekt, topic), json.dumps(data).encode()).result(timeout=30)


def vent_til(betingelse: Callable[[], bool], frist_s: float = 30) -> None:
    slutt = time.monotonic() + frist_s
    while time.monotonic() < slutt:
        if betingelse():
            return
        time.sleep(0.2)
    raise AssertionError("betingelsen ble ikke oppfylt i tide")
