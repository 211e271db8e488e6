"""Nav's document archive (dokarkiv, "Joark") behind the `Arkiv` port (domene.md §11).

`POST {base}/rest/journalpostapi/v1/journalpost?forsoekFerdigstill=true` with an OpprettJournalpostRequest:
journalposttype INNGAAENDE, tema TIL, kanal NAV_NO, journalfoerendeEnhet 9999, tittel "Utbetaling", the arrangør as
`avsenderMottaker` and `bruker` (idType ORGNR), `sak` {sakstype FAGSAK, fagsakId = the gjennomføring's løpenummer,
fagsaksystem from configuration}, `eksternReferanseId` = the utbetaling id, `datoMottatt`, and `dokumenter`: the
archive copy first, then each vedlegg, each with one ARKIV variant (filtype PDF, base64 `fysiskDokument`).

Answers: 200/201 `{journalpostId, ...}`; **409** = a journalpost with this eksternReferanseId exists, and its body
carries that `journalpostId` (the idempotency key at work); 5xx, 408, 429, a time-out or a refused connection are
retried a few times here with backoff and then raised as `ArkivFeil` (the trigger retries later); 401 drops the
cached token first; any other 4xx is `ArkivAvvist` (a request the archive will never accept).

Authentication: an Entra ID (Azure AD) token by the client-credentials grant for the dokarkiv scope, cached until
shortly before it expires.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from shared.adapters.http_klient import HttpFeil
from shared.domain.arkiv.journalpost import Dokument, Journalpost
from shared.service.arkiv.ports import ArkivAvvist, ArkivFeil

STI = "/rest/journalpostapi/v1/journalpost?forsoekFerdigstill=true"
FORBIGAENDE = frozenset({401, 408, 429})


def _variant(d: Dokument) -> dict[str, str]:
    innhold = base64.b64encode(d.innhold).decode("ascii")
    return {"filtype": "PDF", "variantformat": "ARKIV", "filnavn": d.filnavn, "fysiskDokument": innhold}


def opprett_journalpost_request(jp: Journalpost, fagsaksystem: str) -> dict[str, Any]:
    avsender = {"id": jp.avsender_orgnr, "idType": "ORGNR", "navn": jp.avsender_navn}
    return {
        "journalposttype": "INNGAAENDE",
        "tittel": jp.tittel,
        "tema": jp.tema,
        "kanal": jp.kanal,
        "journalfoerendeEnhet": jp.journalforende_enhet,
        "eksternReferanseId": jp.ekstern_referanse_id,
        "datoMottatt": jp.dato_mottatt.isoformat(),
        "avsenderMottaker": avsender,
        "bruker": {"id": jp.avsender_orgnr, "idType": "ORGNR"},
        "sak": {"sakstype": "FAGSAK", "fagsakId": jp.sak, "fagsaksystem": fagsaksystem},
        "dokumenter": [{"tittel": d.tittel, "dokumentvarianter": [_variant(d)]} for d in jp.dokumenter],
    }


def _journalpost_id(raa: bytes) -> str:
    try:
        data = json.loads(raa)
    except ValueError as e:
        raise ArkivFeil("dokarkiv svarte uten JSON") from e
    jid = data.get("journalpostId") if isinstance(data, dict) else None
    if not jid:
        raise ArkivFeil("dokarkiv svarte uten journalpostId")
    return str(jid)


class Dokarkiv:
    def __init__(
        self,
        base_url: str,
        token: Callable[[], str],
        fagsaksystem: str,
        *,
        forsok: int = 3,
        timeout: float = 30,
        sov: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = base_url.rstrip("/") + STI
        self._token, self.fagsaksystem, self.forsok, self.timeout, self._sov = token, fagsaksystem, forsok, timeout, sov

    def journalfor(self, journalpost: Journalpost) -> str:
        body = json.dumps(opprett_journalpost_request(journalpost, self.fagsaksystem)).encode()
        for forsok in range(1, self.forsok + 1):
            try:
                return self._post(body, journalpost.ekstern_referanse_id)
            except ArkivFeil:
                if forsok == self.forsok:
                    raise
                self._sov(0.5 * 2 ** (forsok - 1))
        raise AssertionError("unreachable")

    def _post(self, body: bytes, kall_id: str) -> str:
        try:
            token = self._token()
        except HttpFeil as e:
            raise ArkivFeil("Entra ID ga ikke token") from e
        hoder = {"Content-Type": "application/json", "Accept": "application/json", "Nav-Callid": kall_id,
                 "Authorization": f"Bearer {token}"}  # fmt: skip
        req = urllib.request.Request(self.url, data=body, method="POST", headers=hoder)  # noqa: S310 - configured URL
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as svar:  # noqa: S310
                return _journalpost_id(svar.read())
        except urllib.error.HTTPError as e:
            raa = e.read()
            if e.code == 409:
                return _journalpost_id(raa)
            if e.code == 401 and hasattr(self._token, "glem"):
                self._token.glem()
            if e.code >= 500 or e.code in FORBIGAENDE:
                raise ArkivFeil(f"dokarkiv svarte HTTP {e.code}") from e
            raise ArkivAvvist(f"DOKARKIV_HTTP_{e.code}") from e
        except (urllib.error.URLError, OSError) as e:
            raise ArkivFeil("dokarkiv kunne ikke nås") from e
