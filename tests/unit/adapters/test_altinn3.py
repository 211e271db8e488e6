"""The production Altinn adapter (Altinn 3 authorized parties + Maskinporten) against a fake HTTP server on loopback
started here (domene.md §2): recursive subunits, the own-resource rule, persons ignored, the 1 h HMAC cache, and
failure → 503."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.adapters.arrangor.altinn import Altinn3, BufretAltinn, Maskinporten
from shared.domain.felles.feil import TjenesteNede
from shared.service.arrangor.arrangorflate import ALTINN_NEDE, Bruker, tilganger
from shared.service.arrangor.ports import AltinnFeil

R = "nav_tiltaksarrangor_be-om-utbetaling"
PARTER = [
    {"type": "Organization", "organizationNumber": "910000001", "authorizedResources": [], "subunits": [
        {"type": "Organization", "organizationNumber": "910000002", "authorizedResources": [R], "subunits": [
            {"type": "Organization", "organizationNumber": "910000003", "authorizedResources": [R], "subunits": []},
            {"type": "Organization", "organizationNumber": "910000004", "authorizedResources": ["annen"]}]}]},
    {"type": "Person", "organizationNumber": "910000005", "authorizedResources": [R]},
    {"type": "Organization", "organizationNumber": "910000006", "authorizedResources": [R, "annen"]},
]  # fmt: skip


class _Fake(BaseHTTPRequestHandler):
    kall: list[tuple[str, Any]] = []
    feil = False

    def do_POST(self) -> None:  # noqa: N802
        data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/token"):
            svar: Any = {"access_token": "mp-token", "expires_in": 120}
        else:
            _Fake.kall.append((self.headers.get("Authorization", ""), json.loads(data)))
            if _Fake.feil:
                self.send_response(500)
                self.end_headers()
                return
            svar = PARTER
        body = json.dumps(svar).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture
def altinn() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Fake.kall, _Fake.feil = [], False
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _nokkel() -> str:
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption()).decode()  # fmt: skip


def test_altinn3_rekursivt_egen_ressurs_og_buffer(altinn: str) -> None:
    mp = Maskinporten(f"{altinn}/token", "https://maskinporten.no/", "klient", _nokkel(), "altinn:accessmanagement")
    tid = [0.0]
    bufret = BufretAltinn(Altinn3(altinn, R, mp.token), "nokkel", klokke=lambda: tid[0])
    assert bufret.organisasjoner("01017012345") == {"910000002", "910000003", "910000006"}
    assert _Fake.kall[0] == ("Bearer mp-token", {"type": "urn:altinn:person:identifier-no", "value": "01017012345"})
    tid[0] = 3599
    bufret.organisasjoner("01017012345")
    assert len(_Fake.kall) == 1
    assert "01017012345" not in str(bufret.buffernokler())
    tid[0] = 3601
    bufret.organisasjoner("01017012345")
    assert len(_Fake.kall) == 2


def test_altinn_nede_uten_buffer_gir_503_tekst(altinn: str) -> None:
    _Fake.feil = True
    kilde = Altinn3(altinn, R, lambda: "t")
    with pytest.raises(AltinnFeil):
        kilde.organisasjoner("01017012345")
    avh: Any = type("Avh", (), {"altinn": BufretAltinn(kilde, "nokkel")})()
    with pytest.raises(TjenesteNede) as e:
        tilganger(Bruker("01017012345"), avh)
    assert str(e.value.detail if hasattr(e.value, "detail") else e.value) == ALTINN_NEDE
    ukjent: Any = type("Avh", (), {"altinn": BufretAltinn(Altinn3("http://127.0.0.1:9", R, lambda: "t"), "n")})()
    with pytest.raises(TjenesteNede):
        tilganger(Bruker("01017012345"), ukjent)
