"""The production archive adapter (Nav's dokarkiv, "opprett journalpost") against a fake HTTP server on loopback started
here (domene.md §11): the request as dokarkiv reads it, the Entra ID token, 201, 409 for an existing
eksternReferanseId (the existing journalpost id), 5xx retried with backoff, and a 4xx as a permanent refusal."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from shared.adapters.arkiv.dokarkiv import Dokarkiv
from shared.adapters.http_klient import EntraToken
from shared.domain.arkiv.journalpost import lag_journalpost
from shared.service.arkiv.ports import ArkivAvvist, ArkivFeil

STI = "/rest/journalpostapi/v1/journalpost"


class _Dokarkiv(BaseHTTPRequestHandler):
    """Keeps one journalpost per eksternReferanseId, as dokarkiv does; `svar` forces status codes first."""

    journalposter: dict[str, str] = {}
    kall: list[tuple[str, str, dict[str, Any]]] = []
    tokenkall: list[dict[str, list[str]]] = []
    svar: list[int] = []

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/token":
            _Dokarkiv.tokenkall.append(urllib.parse.parse_qs(data.decode()))
            return self._send(200, {"access_token": "entra-token", "expires_in": 3600, "token_type": "Bearer"})
        kropp = json.loads(data)
        _Dokarkiv.kall.append((self.path, self.headers.get("Authorization", ""), kropp))
        if _Dokarkiv.svar:
            status = _Dokarkiv.svar.pop(0)
            return self._send(status, {"status": status, "message": "feil"})
        ref = kropp["eksternReferanseId"]
        if ref in _Dokarkiv.journalposter:
            return self._send(409, {"journalpostId": _Dokarkiv.journalposter[ref], "journalpostferdigstilt": True})
        jid = str(453000000 + len(_Dokarkiv.journalposter))
        _Dokarkiv.journalposter[ref] = jid
        dokumenter = [{"dokumentInfoId": str(i)} for i, _ in enumerate(kropp["dokumenter"])]
        self._send(201, {"journalpostId": jid, "journalpostferdigstilt": True, "dokumenter": dokumenter})

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture
def dokarkiv() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Dokarkiv)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Dokarkiv.journalposter, _Dokarkiv.kall, _Dokarkiv.tokenkall, _Dokarkiv.svar = {}, [], [], []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _adapter(url: str, pauser: list[float] | None = None) -> Dokarkiv:
    token = EntraToken(f"{url}/token", "klient-id", "hemmelig", "api://dokarkiv/.default")
    return Dokarkiv(url, token, "TILTAKSADMINISTRASJON", sov=(pauser if pauser is not None else []).append)


def _journalpost(uid: str = "uid-1") -> Any:
    return lag_journalpost(uid, "973123456", "Fjordvik Arbeid AS", "2025/7", date(2025, 10, 8), b"%PDF-kopi",
                           (("faktura.pdf", b"%PDF-faktura"),))  # fmt: skip


def test_opprett_journalpost_som_inngaende_dokument_med_tema_til(dokarkiv: str) -> None:
    assert _adapter(dokarkiv).journalfor(_journalpost()) == "453000000"
    sti, auth, kropp = _Dokarkiv.kall[0]
    assert sti == STI + "?forsoekFerdigstill=true" and auth == "Bearer entra-token"
    assert _Dokarkiv.tokenkall[0] == {"grant_type": ["client_credentials"], "client_id": ["klient-id"],
                                      "client_secret": ["hemmelig"], "scope": ["api://dokarkiv/.default"]}  # fmt: skip
    assert {k: kropp[k] for k in ("journalposttype", "tema", "kanal", "journalfoerendeEnhet", "tittel",
                                  "eksternReferanseId", "datoMottatt")} == {
        "journalposttype": "INNGAAENDE", "tema": "TIL", "kanal": "NAV_NO", "journalfoerendeEnhet": "9999",
        "tittel": "Utbetaling", "eksternReferanseId": "uid-1", "datoMottatt": "2025-10-08"}  # fmt: skip
    assert kropp["avsenderMottaker"] == {"id": "973123456", "idType": "ORGNR", "navn": "Fjordvik Arbeid AS"}
    assert kropp["bruker"] == {"id": "973123456", "idType": "ORGNR"}
    assert kropp["sak"] == {"sakstype": "FAGSAK", "fagsakId": "2025/7", "fagsaksystem": "TILTAKSADMINISTRASJON"}
    hoved, vedlegg = kropp["dokumenter"]
    assert hoved["tittel"] == "Innsendt krav om utbetaling" and vedlegg["tittel"] == "Vedlegg: faktura.pdf"
    variant = vedlegg["dokumentvarianter"][0]
    assert (variant["filtype"], variant["variantformat"]) == ("PDF", "ARKIV")
    assert base64.b64decode(variant["fysiskDokument"]) == b"%PDF-faktura"


def test_409_for_eksisterende_ekstern_referanse_gir_den_eksisterende_journalposten(dokarkiv: str) -> None:
    arkiv = _adapter(dokarkiv)
    forste = arkiv.journalfor(_journalpost())
    assert arkiv.journalfor(_journalpost()) == forste
    assert len(_Dokarkiv.journalposter) == 1 and len(_Dokarkiv.kall) == 2 and len(_Dokarkiv.tokenkall) == 1


def test_5xx_provers_igjen_med_backoff_og_gir_til_slutt_arkivfeil(dokarkiv: str) -> None:
    pauser: list[float] = []
    _Dokarkiv.svar = [503, 500]
    assert _adapter(dokarkiv, pauser).journalfor(_journalpost()) == "453000000"
    assert pauser == [0.5, 1.0] and len(_Dokarkiv.kall) == 3
    _Dokarkiv.svar = [502, 503, 504]
    with pytest.raises(ArkivFeil):
        _adapter(dokarkiv).journalfor(_journalpost("uid-2"))
    with pytest.raises(ArkivFeil):
        Dokarkiv("http://127.0.0.1:9", lambda: "t", "X", sov=lambda s: None).journalfor(_journalpost())


def test_4xx_er_en_permanent_avvisning_uten_nye_forsok(dokarkiv: str) -> None:
    _Dokarkiv.svar = [400]
    with pytest.raises(ArkivAvvist) as e:
        _adapter(dokarkiv).journalfor(_journalpost())
    assert e.value.kode == "DOKARKIV_HTTP_400" and len(_Dokarkiv.kall) == 1 and not _Dokarkiv.journalposter
