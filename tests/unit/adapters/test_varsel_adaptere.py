"""The production notice adapters against loopback fakes of the real services (issue 16 §2): Altinn 3
Notifications (Maskinporten token, a repeated idempotencyId answers 200 with the existing order) and Nav's Oppgave
(Entra ID token, 409 on a duplicate). Both: success, idempotent repeat, 5xx retried, 4xx permanent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.adapters.arrangor.altinn import Maskinporten
from shared.adapters.http_klient import EntraToken
from shared.adapters.varsling.altinn_varsler import Altinn3Varsler
from shared.adapters.varsling.oppgave_varsler import OppgaveVarsler
from shared.domain.varsling import tekster
from shared.service.varsling.ports import VarselFeil
from tests.unit.nav.bygg import T0, lag_utbetaling

R = "nav_tiltaksarrangor_be-om-utbetaling"


class _Fake(BaseHTTPRequestHandler):
    """Altinn's order endpoint, Oppgave's task endpoint and both token endpoints."""

    ordre: dict[str, dict[str, Any]] = {}
    oppgaver: dict[str, dict[str, Any]] = {}
    kall: list[tuple[str, str, Any]] = []
    feil: list[int] = []

    def _svar(self, status: int, body: Any = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        raa = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.endswith("/token"):
            return self._svar(200, {"access_token": "tok-" + self.path.split("/")[1], "expires_in": 120})
        body = json.loads(raa)
        _Fake.kall.append((self.path, self.headers.get("Authorization", ""), body))
        if _Fake.feil:
            return self._svar(_Fake.feil.pop(0), {"title": "feil"})
        if self.path == "/notifications/api/v1/future/orders":
            if not body.get("idempotencyId") or "recipient" not in body:
                return self._svar(400, {"title": "ugyldig"})
            ny = body["idempotencyId"] not in _Fake.ordre
            ordre = _Fake.ordre.setdefault(body["idempotencyId"], {"notificationOrderId": f"o-{len(_Fake.ordre) + 1}"})
            return self._svar(201 if ny else 200, ordre)
        if self.path == "/api/v1/oppgaver":
            nokkel = self.headers.get("Idempotency-Key", "")
            if nokkel in _Fake.oppgaver:
                return self._svar(409, {"feilmelding": "duplikat"})
            _Fake.oppgaver[nokkel] = {"id": len(_Fake.oppgaver) + 1, **body}
            return self._svar(201, _Fake.oppgaver[nokkel])
        return self._svar(404)

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Fake.ordre, _Fake.oppgaver, _Fake.kall, _Fake.feil = {}, {}, [], []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _nokkel() -> str:
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption()).decode()  # fmt: skip


def _altinn(base: str) -> Altinn3Varsler:
    mp = Maskinporten(f"{base}/mp/token", "https://maskinporten.no/", "klient", _nokkel(), "altinn:serviceowner")
    return Altinn3Varsler(base, R, mp.token, "https://arrangor.example", sov=lambda s: None)


def _oppgave(base: str) -> OppgaveVarsler:
    entra = EntraToken(f"{base}/entra/token", "klient", "hemmelig", "api://oppgave/.default")
    return OppgaveVarsler(base, entra, sov=lambda s: None)


U = lag_utbetaling()


def test_altinn_bestiller_varsel_til_organisasjonen_og_gjentakelse_er_suksess(fake: str) -> None:
    v = tekster.krav_klar(U, T0)
    a = _altinn(fake)
    assert a.send(v) == "o-1"
    assert a.send(v) == "o-1"
    assert len(_Fake.ordre) == 1
    sti, auth, body = _Fake.kall[0]
    org = body["recipient"]["recipientOrganization"]
    assert (sti, auth, body["idempotencyId"], body["sendersReference"]) == (
        "/notifications/api/v1/future/orders", "Bearer tok-mp", v.id, v.nokkel)  # fmt: skip
    assert (org["orgNumber"], org["resourceId"], org["channelSchema"]) == (
        "973674471", f"urn:altinn:resource:{R}", "EmailPreferred")  # fmt: skip
    assert org["emailSettings"]["body"].endswith("https://arrangor.example/utbetaling/u-1")


def test_altinn_5xx_proves_igjen_og_4xx_er_permanent(fake: str) -> None:
    a = _altinn(fake)
    _Fake.feil = [503, 500]
    assert a.send(tekster.krav_klar(U, T0)) == "o-1"
    assert len(_Fake.kall) == 3
    _Fake.feil = [503, 503, 503]
    with pytest.raises(VarselFeil) as e:
        a.send(tekster.krav_returnert(U, T0))
    assert not e.value.permanent
    _Fake.feil = [400]
    with pytest.raises(VarselFeil) as e:
        a.send(tekster.krav_avbrutt(U, T0))
    assert e.value.permanent


def test_oppgave_oppretter_oppgave_med_tema_enhet_og_ressurs_og_409_er_suksess(fake: str) -> None:
    v = tekster.avbrytelse_avvist(U, "S111111", "0387", T0)
    o = _oppgave(fake)
    assert o.send(v) == "1"
    assert o.send(v) is None
    assert len(_Fake.oppgaver) == 1
    sti, auth, body = _Fake.kall[0]
    assert (sti, auth) == ("/api/v1/oppgaver", "Bearer tok-entra")
    assert (body["tema"], body["tildeltEnhetsnr"], body["tilordnetRessurs"], body["aktivDato"]) == (
        "TIL", "0387", "S111111", "2025-12-08")  # fmt: skip
    uten = tekster.attestering_venter(U, _linje(), None, 3, T0)
    o.send(uten)
    assert "tildeltEnhetsnr" not in _Fake.kall[-1][2] and "tilordnetRessurs" not in _Fake.kall[-1][2]


def _linje() -> Any:
    from shared.domain.nav.totrinnskontroll import Agent, Kontrolltype, behandle
    from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje

    k = behandle(Kontrolltype.ATTESTERING, Agent.nav("S111111"), T0)
    return Utbetalingslinje(id="l-1", utbetaling_id="u-1", tilsagn_id="t-1", periode_start=U.periode_start,
                            periode_slutt=U.periode_slutt, belop=1, lopenummer=1, fakturanummer="A-1-1",
                            status=LinjeStatus.TIL_ATTESTERING, totrinnskontroll=k)  # fmt: skip


def test_oppgave_5xx_proves_igjen_og_4xx_er_permanent(fake: str) -> None:
    o = _oppgave(fake)
    _Fake.feil = [502]
    assert o.send(tekster.avbrytelse_avvist(U, "S111111", "0387", T0)) == "1"
    _Fake.feil = [400]
    with pytest.raises(VarselFeil) as e:
        o.send(tekster.avbrytelse_avvist(U, "S111111", "0387", T0.replace(hour=10)))
    assert e.value.permanent
