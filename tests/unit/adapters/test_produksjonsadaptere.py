"""The production adapters behind the account-register, malware-scan and Nav-role ports (issue 16 §4), each
against a fake of the real service on loopback started here: Nav's kontoregister (Entra ID token, 404 = no account,
retry on 5xx and time-out, one-minute cache), ClamAV's REST service (PUT /scan, OK / FOUND / ERROR, strict
time-out), and the Entra ID group → role mapping."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from shared.adapters.arrangor.virusskanning import EICAR, ClamavSkanner
from shared.adapters.http_klient import EntraToken, Forsok
from shared.adapters.kontoregister import STI, HttpKontoregister
from shared.adapters.nav.tilganger import EntraNavAnsattTilganger, les_grupperoller
from shared.domain.nav.tilgang import ALLE, Rolle
from shared.service.arrangor.ports import Skanning
from shared.service.ports import KontoregisterFeil

KONTOER = {"910000001": "12345678903", "910000002": "98765432109"}


class _Fake(BaseHTTPRequestHandler):
    """Nav's kontoregister, Entra ID's token endpoint and ClamAV's REST API in one loopback server."""

    kall: ClassVar[list[tuple[str, str, str]]] = []
    feil_foran: ClassVar[int] = 0
    """Answer the next N register calls with 503."""
    treg_s: ClassVar[float] = 0.0
    clamav: ClassVar[Any] = None

    def _svar(self, status: int, data: Any) -> None:
        body = json.dumps(data).encode() if data is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the time-out tests)

    def do_POST(self) -> None:  # noqa: N802 - the token endpoint
        skjema = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        _Fake.kall.append(("POST", self.path, skjema["grant_type"][0] + " " + skjema["scope"][0]))
        self._svar(200, {"access_token": "entra-token", "expires_in": 3600, "token_type": "Bearer"})

    def do_GET(self) -> None:  # noqa: N802 - the register
        _Fake.kall.append(("GET", self.path, self.headers.get("Authorization", "")))
        if _Fake.treg_s:
            time.sleep(_Fake.treg_s)
        if _Fake.feil_foran > 0:
            _Fake.feil_foran -= 1
            return self._svar(503, {"message": "utilgjengelig"})
        if self.headers.get("Authorization") != "Bearer entra-token":
            return self._svar(401, None)
        orgnr = self.path.removeprefix(STI)
        if orgnr not in KONTOER:
            return self._svar(404, {"feilmelding": "Fant ikke kontonummer"})
        return self._svar(200, {"mottaker": orgnr, "kontonr": KONTOER[orgnr]})

    def do_PUT(self) -> None:  # noqa: N802 - ClamAV
        data = self.rfile.read(int(self.headers["Content-Length"]))
        _Fake.kall.append(("PUT", self.path, str(len(data))))
        if _Fake.treg_s:
            time.sleep(_Fake.treg_s)
        if _Fake.clamav is not None:
            return self._svar(*_Fake.clamav)
        self._svar(200, [{"Filename": "fil", "Result": "FOUND" if EICAR in data else "OK"}])

    def log_message(self, *a: Any) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Fake.kall, _Fake.feil_foran, _Fake.treg_s, _Fake.clamav = [], 0, 0.0, None
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _register(url: str, tid: list[float], **kw: Any) -> HttpKontoregister:
    token = EntraToken(
        f"{url}/oauth2/v2.0/token", "klient", "hemmelig", "api://prod-fss.okonomi.kontoregister/.default"
    )
    return HttpKontoregister(url, token, klokke=lambda: tid[0], sov=lambda s: None, **kw)


def test_kontoregisteret_svarer_kontonummer_og_ingen_konto_og_bufrer_et_minutt(fake: str) -> None:
    tid = [0.0]
    register = _register(fake, tid)
    assert register.hent_kontonumre(["910000001", "910000009", "910000001"]) == {
        "910000001": "12345678903",
        "910000009": None,
    }
    oppslag = [k for k in _Fake.kall if k[0] == "GET"]
    assert [k[1] for k in oppslag] == [STI + "910000001", STI + "910000009"]
    assert {k[2] for k in oppslag} == {"Bearer entra-token"}
    assert [k for k in _Fake.kall if k[0] == "POST"] == [
        ("POST", "/oauth2/v2.0/token", "client_credentials api://prod-fss.okonomi.kontoregister/.default")
    ]
    tid[0] = 59.0
    register.hent_kontonumre(["910000001", "910000009"])
    assert len([k for k in _Fake.kall if k[0] == "GET"]) == 2, "inside the minute: from the cache, a miss included"
    tid[0] = 60.5
    assert register.hent_kontonumre(["910000002"]) == {"910000002": "98765432109"}
    register.hent_kontonumre(["910000001"])
    assert len([k for k in _Fake.kall if k[0] == "GET"]) == 4


def test_kontoregisteret_prover_igjen_ved_5xx_og_gir_opp_med_kontoregisterfeil(fake: str) -> None:
    tid = [0.0]
    _Fake.feil_foran = 2
    assert _register(fake, tid).hent_kontonumre(["910000001"]) == {"910000001": "12345678903"}
    assert len([k for k in _Fake.kall if k[0] == "GET"]) == 3
    _Fake.feil_foran = 3
    with pytest.raises(KontoregisterFeil):
        _register(fake, tid).hent_kontonumre(["910000002"])


def test_kontoregisteret_gir_opp_etter_tidsavbrudd(fake: str) -> None:
    _Fake.treg_s = 0.5
    register = _register(fake, [0.0], forsok=Forsok(antall=2, timeout_s=0.1, pause_s=0))
    with pytest.raises(KontoregisterFeil):
        register.hent_kontonumre(["910000001"])
    assert len([k for k in _Fake.kall if k[0] == "GET"]) == 2


def test_kontoregisteret_uten_gyldig_token_er_en_feil_ikke_en_manglende_konto(fake: str) -> None:
    register = HttpKontoregister(fake, lambda: "feil-token", sov=lambda s: None)
    with pytest.raises(KontoregisterFeil, match="HTTP 401"):
        register.hent_kontonumre(["910000001"])


def test_clamav_ok_funnet_og_feil(fake: str) -> None:
    skanner = ClamavSkanner(fake)
    assert skanner.skann(b"%PDF-1.7 ren fil") is Skanning.REN
    assert skanner.skann(b"%PDF-1.7 " + EICAR) is Skanning.INFISERT
    assert _Fake.kall[0] == ("PUT", "/scan", str(len(b"%PDF-1.7 ren fil")))
    for svar in [
        (200, [{"Filename": "fil", "Result": "ERROR"}]),
        (200, [{"Filename": "fil", "Result": "OK"}, {"Filename": "fil2", "Result": "ERROR"}]),
        (200, []),
        (200, {"Result": "OK"}),
        (500, None),
        (413, {"message": "for stor"}),
    ]:
        _Fake.clamav = svar
        assert skanner.skann(b"x") is Skanning.FEILET, svar


def test_clamav_som_bruker_for_lang_tid_er_en_feilet_skanning(fake: str) -> None:
    _Fake.treg_s = 0.5
    start = time.monotonic()
    assert ClamavSkanner(fake, timeout_s=0.1).skann(b"x") is Skanning.FEILET
    assert len([k for k in _Fake.kall if k[0] == "PUT"]) == 1, "no retry: the arrangør uploads again"
    assert time.monotonic() - start < 5


def test_clamav_som_ikke_svarer_er_en_feilet_skanning() -> None:
    assert ClamavSkanner("http://127.0.0.1:9", timeout_s=0.5).skann(b"x") is Skanning.FEILET


def test_entra_grupper_gir_roller_per_kostnadssted() -> None:
    konfig = les_grupperoller(
        json.dumps(
            {
                "g-saksbehandler-ost": {"rolle": "SAKSBEHANDLER_OKONOMI", "kostnadssteder": ["0300", "0400"]},
                "g-saksbehandler-vest": {"rolle": "SAKSBEHANDLER_OKONOMI", "kostnadssteder": ["1200"]},
                "g-attestant": [
                    {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": ["0300"]},
                    {"rolle": "BESLUTTER_TILSAGN", "kostnadssteder": "ALLE"},
                ],
            }
        )
    )
    tilganger = EntraNavAnsattTilganger(konfig)
    ansatt = tilganger.hent("Z990001", frozenset({"g-saksbehandler-ost", "g-saksbehandler-vest", "g-ukjent"}))
    assert dict(ansatt.roller) == {Rolle.SAKSBEHANDLER_OKONOMI: frozenset({"0300", "0400", "1200"})}
    ansatt = tilganger.hent("Z990002", frozenset({"g-attestant"}))
    assert dict(ansatt.roller) == {Rolle.ATTESTANT_UTBETALING: frozenset({"0300"}), Rolle.BESLUTTER_TILSAGN: ALLE}
    assert ansatt.har_rolle_ved(Rolle.BESLUTTER_TILSAGN, "5700")
    assert not ansatt.har_rolle_ved(Rolle.ATTESTANT_UTBETALING, "0400")
    assert dict(tilganger.hent("Z990003").roller) == {}


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("ikke json", "ikke gyldig JSON"),
        ("[]", "et objekt"),
        ('{"g": {"rolle": "SJEF", "kostnadssteder": "ALLE"}}', "NAV_GRUPPE_ROLLER/g/0: ukjent rolle"),
        ('{"g": {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": ["40"]}}', "NAV_GRUPPE_ROLLER/g/0: kostnadssteder"),
        ('{"g": {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": []}}', "NAV_GRUPPE_ROLLER/g/0: kostnadssteder"),
        ('{"g": {"rolle": "ATTESTANT_UTBETALING"}}', "NAV_GRUPPE_ROLLER/g/0: kostnadssteder"),
    ],
)
def test_feil_i_grupperollene_stopper_oppstarten(tekst: str, melding: str) -> None:
    with pytest.raises(ValueError, match=melding):
        les_grupperoller(tekst)
