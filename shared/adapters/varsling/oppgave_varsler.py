"""Notices to Nav as tasks in Nav's Oppgave API (issue 16 §2).

`POST {base}/api/v1/oppgaver` with an Entra ID token (client credentials, scope of the Oppgave app): tema `TIL`,
oppgavetype `VURD_HENV` ("vurder henvendelse"), the unit as `tildeltEnhetsnr` (left out when unknown, and Oppgave
routes by tema), `tilordnetRessurs` = the NAVident where there is one, `beskrivelse` = the notice's fixed text,
`aktivDato` = the notice's date. The notice id travels as `X-Correlation-ID` and `Idempotency-Key`; Oppgave answers
a duplicate with 409, which is success.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from shared.adapters.http_klient import HttpFeil
from shared.adapters.varsling.http import post_json
from shared.domain.varsling.varsel import Varsel
from shared.service.varsling.ports import VarselFeil

OSLO = ZoneInfo("Europe/Oslo")
STI = "/api/v1/oppgaver"


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
        try:
            token = self._token()
        except HttpFeil as e:
            raise VarselFeil("Entra ID ga ikke token", permanent=False) from e
        headers = {"Authorization": f"Bearer {token}", "X-Correlation-ID": varsel.id,
                   "Idempotency-Key": varsel.id}  # fmt: skip
        status, svar = post_json(self.url, self.oppgave(varsel), headers, ok=(200, 201, 409), sov=self._sov)
        if status == 409 or not isinstance(svar, dict) or svar.get("id") is None:
            return None
        return str(svar["id"])
