"""The account register (the `Kontoregister` port): orgnr → kontonummer.

- `HttpKontoregister`: Nav's account register for organisations (kontoregister), as Nav's own payment service for
  arrangører calls it: `GET {base}/kontoregister/api/v1/hent-kontonummer-for-organisasjon/{orgnr}` with an Entra ID
  token, answer `{"mottaker": orgnr, "kontonr": "..."}`; 404 = the organisation has no account. A 5xx, a time-out or
  a refused connection is retried (`http_klient.Forsok`); when every attempt fails the lookup raises
  `KontoregisterFeil` and the caller stores no betalingsinformasjon (domene.md §7.1). Answers, a missing account
  included, are kept for a minute.
- `FirestoreKontoregister`: the local stand-in, the collection `kontoregister/{orgnr}` = {kontonummer}.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.firestore.dokumenter import KONTOREGISTER
from shared.adapters.http_klient import STANDARD, Forsok, HttpFeil, kall
from shared.service.ports import KontoregisterFeil

STI = "/kontoregister/api/v1/hent-kontonummer-for-organisasjon/"


class HttpKontoregister:
    def __init__(
        self,
        base_url: str,
        token: Callable[[], str],
        *,
        forsok: Forsok = STANDARD,
        ttl_s: float = 60.0,
        klokke: Callable[[], float] = time.monotonic,
        sov: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url, self._token, self.forsok, self.ttl_s = base_url.rstrip("/"), token, forsok, ttl_s
        self._klokke, self._sov = klokke, sov
        self._buffer: dict[str, tuple[str | None, float]] = {}
        self._las = threading.Lock()

    def hent_kontonumre(self, orgnr: Iterable[str]) -> Mapping[str, str | None]:
        return {o: self._hent(o) for o in dict.fromkeys(orgnr)}

    def _hent(self, orgnr: str) -> str | None:
        with self._las:
            treff = self._buffer.get(orgnr)
        if treff is not None and self._klokke() - treff[1] < self.ttl_s:
            return treff[0]
        kontonummer = self._sla_opp(orgnr)
        with self._las:
            self._buffer[orgnr] = (kontonummer, self._klokke())
        return kontonummer

    def _sla_opp(self, orgnr: str) -> str | None:
        url = self.base_url + STI + urllib.parse.quote(orgnr, safe="")
        try:
            svar = kall("GET", url, headers={"Authorization": f"Bearer {self._token()}", "Accept": "application/json"},
                        forsok=self.forsok, sov=self._sov)  # fmt: skip
        except HttpFeil as e:
            raise KontoregisterFeil("kontoregisteret svarte ikke") from e
        if svar.status == 404:
            return None
        if svar.status != 200 or not isinstance(svar.data, dict):
            raise KontoregisterFeil(f"kontoregisteret svarte HTTP {svar.status}")
        kontonr = svar.data.get("kontonr")
        return str(kontonr) if kontonr else None


class FirestoreKontoregister:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient

    def hent_kontonumre(self, orgnr: Iterable[str]) -> Mapping[str, str | None]:
        refs = [self.db.collection(KONTOREGISTER).document(o) for o in orgnr]
        if not refs:
            return {}
        try:
            snaps = list(self.db.get_all(refs))
        except gexc.GoogleAPICallError as e:
            raise KontoregisterFeil("kontoregisteret svarte ikke") from e
        return {s.id: (s.to_dict() or {}).get("kontonummer") if s.exists else None for s in snaps}
