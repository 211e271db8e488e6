"""Every setup call of the local stack retries with backoff until its deadline and says what it waited for (issue 17
item 8): a busy emulator that answers 503 twice is waited out; one that never answers fails with its URL and time."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from emulators import klargjoring


class _Opptatt(BaseHTTPRequestHandler):
    svar = [503, 503, 200]

    def do_PUT(self) -> None:  # noqa: N802
        self.send_response(_Opptatt.svar.pop(0) if _Opptatt.svar else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    s = HTTPServer(("127.0.0.1", 0), _Opptatt)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{s.server_port}/triggers/x"
    s.shutdown()


def test_et_opptatt_endepunkt_ventes_ut(server: str) -> None:
    _Opptatt.svar = [503, 503, 200]
    assert klargjoring._kall("PUT", server, json={}).status_code == 200
    assert _Opptatt.svar == []


def test_et_endepunkt_som_aldri_svarer_gir_feil_som_sier_hva_det_ventet_paa(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    monkeypatch.setattr(klargjoring, "FRIST_S", 1.5)
    with pytest.raises(klargjoring.KlargjoringFeilet, match=rf"ventet på PUT http://127.0.0.1:{port}/t .*forsøk"):
        klargjoring._kall("PUT", f"http://127.0.0.1:{port}/t")


def test_en_klientfeil_gjentas_ikke(server: str) -> None:
    _Opptatt.svar = [400]
    with pytest.raises(klargjoring.KlargjoringFeilet, match="-> 400"):
        klargjoring._kall("PUT", server)
