"""The arrangør API in-process (functions-framework test client) against the emulators, with a dev-issuer JWKS
served by a local HTTP server started here, and data written through the real adapters and the real generation."""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import functions_framework
import pytest
from google.cloud import firestore

from shared import bootstrap
from shared.adapters.arrangor.altinn import bruker_hmac
from shared.adapters.arrangor.repo import FirestoreArrangorRepo
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore.repo import FirestoreRepo
from shared.config import settings
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.edge.http import dev_utsteder
from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger
from tests.bygg_generering import lag_tilsagn

ROT = Path(__file__).resolve().parents[3]
PID = "01017012345"
ANNEN_PID = "02027012345"
ORGNR, ANNET_ORGNR = "973123456", "974654321"


class _Jwks(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        data = json.dumps(dev_utsteder.jwks()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture(scope="session")
def jwks_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/jwks"
    server.shutdown()


@dataclass
class Api:
    klient: Any
    db: firestore.Client
    repo: FirestoreRepo

    def get(self, sti: str, pid: str = PID, **kw: Any) -> Any:
        return self.klient.get(sti, headers=self.auth(pid), **kw)

    def post(self, sti: str, pid: str = PID, **kw: Any) -> Any:
        return self.klient.post(sti, headers=self.auth(pid), **kw)

    @staticmethod
    def auth(pid: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {dev_utsteder.lag_token(pid)}"}

    def deleger(self, pid: str, *orgnr: str) -> None:
        FirestoreArrangorRepo(self.db).lagre_delegering(bruker_hmac(pid, settings().bruker_hmac_nokkel), orgnr)


@pytest.fixture
def api(isolert_prosjekt: Any, jwks_url: str) -> Api:
    os.environ["ARRANGOR_JWKS_URL"] = jwks_url
    from shared.config import nullstill_settings

    nullstill_settings()
    app = functions_framework.create_app("arrangor_api", str(ROT / "functions/arrangor_api/main.py"), "http")  # type: ignore[no-untyped-call]
    db = bootstrap.firestore_klient()
    a = Api(app.test_client(), db, bootstrap.repo())
    a.deleger(PID, ORGNR)
    return a


def gjennomforing(db: firestore.Client, orgnr: str = ORGNR, **felt: Any) -> str:
    data = {"id": str(uuid.uuid4()), "versjon": 1, "lopenummer": "2025/7", "navn": "AFT Bergen",
            "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING", "arrangor_orgnr": orgnr, "start_dato": "2025-07-01",
            "status": "GJENNOMFORES", "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
            "valuta": "NOK"} | felt  # fmt: skip
    g = Gjennomforing.model_validate(data)
    FirestoreRepo(db).lagre_hvis_nyere(dok.GJENNOMFORINGER, g)
    a = Arrangor(id=str(uuid.uuid4()), versjon=1, organisasjonsnummer=orgnr, navn=f"Arrangør {orgnr}")
    FirestoreRepo(db).lagre_hvis_nyere(dok.ARRANGORER, a)
    return g.id


def deltaker(db: firestore.Client, gid: str, **felt: Any) -> str:
    person = {"norsk_ident": "01810012345", "fornavn": "Kari", "etternavn": "Nordmann",
              "adressebeskyttelse": "UGRADERT", "skjermet": False} | felt.pop("person", {})  # fmt: skip
    data = {"id": str(uuid.uuid4()), "versjon": 1, "gjennomforing_id": gid, "person": person, "status": "DELTAR",
            "start_dato": "2025-08-01",
            "deltakelsesmengder": [{"gyldig_fra": "2025-08-01", "deltakelsesprosent": 100}]}  # fmt: skip
    d = Deltakelse.model_validate(data | felt)
    FirestoreRepo(db).lagre_hvis_nyere(dok.DELTAKELSER, d)  # the ingest path, so any index stays in step
    return d.id


def generer(
    api: Api,
    gid: str,
    maned: str = "2025-09",
    konto: str | None = "12345678901",
    tilsagn: bool = True,
    bestillingsnummer: str = "A-2025/1",
) -> str:
    """The month's claim of `gid`, with an approved tilsagn; a second claim in the same project needs its own
    `bestillingsnummer` (numbers are unique per project, issue 17 item 3)."""
    if konto:
        api.repo.lagre_kontonummer(ORGNR, konto)
    if tilsagn:
        api.repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer=bestillingsnummer))
    avh = Avhengigheter(repo=api.repo, omberegning=api.repo, kontoregister=bootstrap.kontoregister(),
                        klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=600)  # fmt: skip
    r = generer_utbetalinger([gid], maned, avh)
    uid = r.resultater[0].utbetaling_id
    assert uid, r
    return uid
