"""Notices to Nav as tasks in Nav's Oppgave API (issue 16 §2).

`POST {base}/api/v1/oppgaver` with an Entra ID token (client credentials, scope of the Oppgave app): tema `TIL`,
oppgavetype `VURD_HENV` ("vurder henvendelse"), the unit as `tildeltEnhetsnr` (left out when unknown, and Oppgave
routes by tema), `tilordnetRessurs` = the NAVident where there is one, `beskrivelse` = the notice's fixed text,
`aktivDato` = the notice's date. The notice id travels as `X-Correlation-ID` and `Idempotency-Key`; Oppgave answers
a duplicate with 409, which is success.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from shared.adapters.varsling.http import post_json
from shared.domain.varsling.varsel import Varsel
from shared.service.varsling.ports import VarselFeil

OSLO = ZoneInfo("Europe/Oslo")
STI = "/api/v1/oppgaver"


class EntraToken:
    """Client-credentials token from Entra ID, cached until shortly before it expires."""

    def __init__(self, token_url: str, klient_id: str, hemmelighet: str, scope: str) -> None:
        self.token_url, self.klient_id, self.scope, self._hemmelighet = token_url, klient_id, scope, hemmelighet
        self._token: tuple[str, float] | None = None
        self._las = threading.Lock()

    def token(self) -> str:
        with self._las:
            if self._token and self._token[1] > time.time() + 30:
                return self._token[0]
            skjema = {"grant_type": "client_credentials", "client_id": self.klient_id,
                      "client_secret": self._hemmelighet, "scope": self.scope}  # fmt: skip
            body = urllib.parse.urlencode(skjema).encode()
            req = urllib.request.Request(self.token_url, data=body, method="POST",  # noqa: S310 - configured URL
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
            try:
                with urllib.request.urlopen(req, timeout=10) as svar:  # noqa: S310
                    data = json.loads(svar.read())
            except (OSError, ValueError) as e:
                raise VarselFeil("Entra ID ga ikke token", permanent=False) from e
            if not isinstance(data, dict) or "access_token" not in data:
                raise VarselFeil("Entra ID ga ikke token", permanent=False)
            self._token = (str(data["access_token"]), time.time() + float(data.get("expires_in", 60)))
            return self._token[0]


class OppgaveVarsler:
    def __init__(self, base_url: str, token: Callable[[], str], *, sov: Callable[[float], None] = time.sleep) -> None:
        self.url = base_url.rstrip("/") + STI
        self._token, self._sov = token, sov

    @staticmethod
    def oppgave(v: Varsel) -> dict[str, Any]:
        body: dict[str, Any] = {
            "tema": "TIL",
            "oppgavetype": "VURD_HENV",
            "prioritet": "NORM",
            "beskrivelse": f"{v.tittel}: {v.tekst}",
            "aktivDato": v.opprettet.astimezone(OSLO).date().isoformat(),
            "behandlesAvApplikasjon": "utbetaling-tiltak",
        }
        if v.mottaker.enhet:
            body["tildeltEnhetsnr"] = v.mottaker.enhet
        if v.mottaker.navident:
            body["tilordnetRessurs"] = v.mottaker.navident
        return body

    def send(self, varsel: Varsel) -> str | None:
        headers = {"Authorization": f"Bearer {self._token()}", "X-Correlation-ID": varsel.id,
                   "Idempotency-Key": varsel.id}  # fmt: skip
        status, svar = post_json(self.url, self.oppgave(varsel), headers, ok=(200, 201, 409), sov=self._sov)
        if status == 409 or not isinstance(svar, dict) or svar.get("id") is None:
            return None
        return str(svar["id"])
