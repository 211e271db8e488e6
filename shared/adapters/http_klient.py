"""A small JSON-over-HTTPS client for Nav's registers (urllib, no extra dependency): a strict time-out per attempt,
retries with backoff on 5xx, time-outs and refused connections, and an Entra ID client-credentials token.

`HttpSvar` carries the status and the parsed body; 4xx answers are returned, not retried: the adapter decides what a
404 means. Nothing of the request body or answer is logged (an orgnr is not personal data, but a file is).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class HttpFeil(Exception):
    """The service did not answer usefully after every attempt (5xx, time-out, connection refused, bad JSON)."""


@dataclass(frozen=True, slots=True)
class HttpSvar:
    status: int
    data: Any


@dataclass(frozen=True, slots=True)
class Forsok:
    """How often and how long: `antall` attempts, `timeout_s` each, waiting `pause_s * 2**n` between them."""

    antall: int = 3
    timeout_s: float = 5.0
    pause_s: float = 0.2


STANDARD = Forsok()


def _en_gang(req: urllib.request.Request, timeout_s: float) -> HttpSvar:
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as svar:  # noqa: S310 - configured URL
            kropp = svar.read()
            return HttpSvar(svar.status, json.loads(kropp) if kropp else None)
    except urllib.error.HTTPError as e:
        kropp = e.read()
        try:
            data = json.loads(kropp) if kropp else None
        except ValueError:
            data = None
        return HttpSvar(e.code, data)


def kall(
    metode: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    forsok: Forsok = STANDARD,
    sov: Callable[[float], None] = time.sleep,
) -> HttpSvar:
    """One request with retries: a 5xx, a time-out or a failed connection is tried again; the last one raises."""
    vert = urllib.parse.urlsplit(url).netloc
    siste = ""
    for n in range(forsok.antall):
        if n:
            sov(forsok.pause_s * 2 ** (n - 1))
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=metode)  # noqa: S310
        try:
            svar = _en_gang(req, forsok.timeout_s)
        except (urllib.error.URLError, OSError, ValueError) as e:
            siste = type(e).__name__
            continue
        if svar.status < 500:
            return svar
        siste = f"HTTP {svar.status}"
    raise HttpFeil(f"{metode} {vert} feilet etter {forsok.antall} forsøk ({siste})")


class EntraToken:
    """An Entra ID (Azure AD) access token by the client-credentials grant, for one scope
    (`api://{cluster}.{namespace}.{app}/.default`), cached until a minute before it expires."""

    def __init__(self, token_url: str, klient_id: str, hemmelighet: str, scope: str) -> None:
        self.token_url, self.klient_id, self.scope = token_url, klient_id, scope
        self._hemmelighet = hemmelighet
        self._token: tuple[str, float] | None = None
        self._las = threading.Lock()

    def glem(self) -> None:
        """Forget the cached token (after a 401: the next call fetches a new one)."""
        with self._las:
            self._token = None

    def __call__(self) -> str:
        with self._las:
            if self._token and self._token[1] > time.time() + 60:
                return self._token[0]
            kropp = urllib.parse.urlencode(
                {"grant_type": "client_credentials", "client_id": self.klient_id,
                 "client_secret": self._hemmelighet, "scope": self.scope}
            ).encode()  # fmt: skip
            svar = kall("POST", self.token_url, data=kropp,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
            if svar.status != 200 or not isinstance(svar.data, dict) or "access_token" not in svar.data:
                raise HttpFeil(f"Entra ID ga ikke token (HTTP {svar.status})")
            self._token = (str(svar.data["access_token"]), time.time() + float(svar.data.get("expires_in", 300)))
            return self._token[0]
