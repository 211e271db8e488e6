"""Which organisations a person may act for (domene.md §2): the `Altinn` port.

- `Altinn3`: Altinn 3's authorized-parties API (`POST {base}/accessmanagement/api/v1/resourceowner/authorizedparties
  ?includeAltinn2=true`, body `{"type": "urn:altinn:person:identifier-no", "value": pid}`), authenticated with a
  Maskinporten token (JWT grant, scope from config). Every organisation and its subunits are walked recursively, at
  any depth; an orgnr counts only if its **own** `authorizedResources` holds the resource id; persons are ignored.
- `FirestoreAltinn`: local delegations, `altinn_delegeringer/{HMAC(pid)}` = {organisasjoner: [...]}.
- `BufretAltinn`: one hour per person, keyed by HMAC-SHA256(pid, key), never the pid; if Altinn fails and there is
  no valid entry, `AltinnFeil` (the service answers 503).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

import jwt
from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.service.arrangor.ports import Altinn, AltinnFeil

PERSON_URN = "urn:altinn:person:identifier-no"


def bruker_hmac(pid: str, nokkel: str) -> str:
    return hmac.new(nokkel.encode(), pid.encode(), hashlib.sha256).hexdigest()


def _post(url: str, data: bytes, headers: dict[str, str], timeout: float = 5) -> Any:
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 - configured URL
    try:
        with urllib.request.urlopen(req, timeout=timeout) as svar:  # noqa: S310
            return json.loads(svar.read())
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise AltinnFeil(f"kall til {urllib.parse.urlsplit(url).netloc} feilet") from e


class Maskinporten:
    """Access token from Maskinporten by the JWT-bearer grant, cached until shortly before it expires."""

    def __init__(self, token_url: str, audience: str, klient_id: str, nokkel_pem: str, scope: str) -> None:
        self.token_url, self.audience, self.klient_id, self.scope = token_url, audience, klient_id, scope
        self._nokkel = nokkel_pem
        self._token: tuple[str, float] | None = None
        self._las = threading.Lock()

    def token(self) -> str:
        with self._las:
            if self._token and self._token[1] > time.time() + 30:
                return self._token[0]
            na = int(time.time())
            grant = jwt.encode(
                {"aud": self.audience, "iss": self.klient_id, "scope": self.scope, "iat": na, "exp": na + 120,
                 "jti": str(uuid.uuid4())},
                self._nokkel,
                algorithm="RS256",
            )  # fmt: skip
            body = urllib.parse.urlencode(
                {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": grant}
            ).encode()
            svar = _post(self.token_url, body, {"Content-Type": "application/x-www-form-urlencoded"})
            if not isinstance(svar, dict) or "access_token" not in svar:
                raise AltinnFeil("Maskinporten ga ikke token")
            self._token = (str(svar["access_token"]), time.time() + float(svar.get("expires_in", 60)))
            return self._token[0]


def _med_ressurs(parter: Any, ressurs: str, ut: set[str]) -> None:
    for part in parter if isinstance(parter, list) else []:
        if not isinstance(part, dict):
            continue
        if str(part.get("type", "")).lower() == "organization" and part.get("organizationNumber"):
            if ressurs in (part.get("authorizedResources") or []):
                ut.add(str(part["organizationNumber"]))
        _med_ressurs(part.get("subunits") or [], ressurs, ut)


def organisasjoner_med_ressurs(parter: Any, ressurs: str) -> frozenset[str]:
    """Recursive walk of the authorized-parties answer (§2)."""
    ut: set[str] = set()
    _med_ressurs(parter, ressurs, ut)
    return frozenset(ut)


class Altinn3:
    def __init__(self, base_url: str, ressurs: str, token: Callable[[], str]) -> None:
        self.url = base_url.rstrip("/") + "/accessmanagement/api/v1/resourceowner/authorizedparties?includeAltinn2=true"
        self.ressurs, self._token = ressurs, token

    def organisasjoner(self, pid: str) -> frozenset[str]:
        body = json.dumps({"type": PERSON_URN, "value": pid}).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self._token()}"}
        return organisasjoner_med_ressurs(_post(self.url, body, headers), self.ressurs)


class FirestoreAltinn:
    def __init__(self, klient: firestore.Client, nokkel: str) -> None:
        self.db, self.nokkel = klient, nokkel

    def organisasjoner(self, pid: str) -> frozenset[str]:
        try:
            snap = self.db.collection("altinn_delegeringer").document(bruker_hmac(pid, self.nokkel)).get()
        except gexc.GoogleAPICallError as e:
            raise AltinnFeil("lokale delegeringer kunne ikke leses") from e
        return (
            frozenset(str(o) for o in (snap.to_dict() or {}).get("organisasjoner", [])) if snap.exists else frozenset()
        )


class BufretAltinn:
    def __init__(self, kilde: Altinn, nokkel: str, ttl_s: float = 3600, klokke: Callable[[], float] = time.monotonic):
        self.kilde, self.nokkel, self.ttl_s, self.klokke = kilde, nokkel, ttl_s, klokke
        self._buffer: dict[str, tuple[frozenset[str], float]] = {}
        self._las = threading.Lock()

    def organisasjoner(self, pid: str) -> frozenset[str]:
        nokkel = bruker_hmac(pid, self.nokkel)
        with self._las:
            treff = self._buffer.get(nokkel)
        if treff and self.klokke() - treff[1] < self.ttl_s:
            return treff[0]
        orgnr = self.kilde.organisasjoner(pid)
        with self._las:
            self._buffer[nokkel] = (orgnr, self.klokke())
        return orgnr

    def buffernokler(self) -> list[str]:
        return list(self._buffer)
