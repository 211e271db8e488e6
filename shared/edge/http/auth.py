"""Bearer tokens as OIDC JWTs (domene.md §2), shared by the arrangør API and the Nav API.

- `TokenVerifiserer` checks the signature against a JWKS fetched from a configured URL (cached; refetched once
  when an unknown `kid` shows up, at most every `min_refetch_s`), the issuer, the audience, the expiry, and allows
  only RS256/ES256 (never `none`, never HMAC). Any failure is `Uautentisert` (401).
- `arrangor_bruker(claims)`: the user is `pid`; `acr` must be `idporten-loa-high`, or `idporten-loa-substantial`
  for a d-nummer (first digit 4–7). `nav_bruker(claims)`: the user is `NAVident`, with the `groups` claim. The Nav
  API builds its own `TokenVerifiserer` with its own issuer and audience.
- `StatiskTokens` is the local-development mapping of a static bearer (default `local-dev-token`) to a test pid;
  `shared.config.Settings` refuses it unless every client talks to the emulators.

The pid is only kept in memory for the request (`repr=False`); what is stored or cached is its HMAC (§2).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import flask
import jwt
from jwt import PyJWK

from shared.config import krev_gyldig, settings
from shared.edge.http.problem import Uautentisert

TILLATTE_ALGORITMER = ("RS256", "ES256")
LOA_HIGH = "idporten-loa-high"
LOA_SUBSTANTIAL = "idporten-loa-substantial"


@dataclass(frozen=True, slots=True)
class OidcKonfig:
    issuer: str
    audience: str
    jwks_url: str
    algoritmer: tuple[str, ...] = TILLATTE_ALGORITMER
    leeway_s: int = 5


class JwksBuffer:
    """The issuer's public keys, fetched over HTTP(S) and kept `ttl_s`; thread-safe."""

    def __init__(
        self,
        url: str,
        *,
        ttl_s: float = 3600,
        min_refetch_s: float = 30,
        hent: Callable[[str], bytes] | None = None,
    ) -> None:
        self.url, self.ttl_s, self.min_refetch_s = url, ttl_s, min_refetch_s
        self._hent = hent or _hent_url
        self._nokler: dict[str, PyJWK] = {}
        self._hentet = 0.0
        self._las = threading.Lock()

    def _last(self) -> None:
        try:
            data = json.loads(self._hent(self.url))
        except (OSError, ValueError) as e:
            raise Uautentisert("Klarte ikke hente nøkler for å verifisere token") from e
        nokler: dict[str, PyJWK] = {}
        for jwk in data.get("keys", []):
            try:
                nokler[str(jwk.get("kid", ""))] = PyJWK.from_dict(jwk)
            except jwt.PyJWTError:
                continue
        self._nokler, self._hentet = nokler, time.monotonic()

    def nokkel(self, kid: str) -> PyJWK:
        with self._las:
            alder = time.monotonic() - self._hentet
            if not self._hentet or alder > self.ttl_s or (kid not in self._nokler and alder > self.min_refetch_s):
                self._last()
            funnet = self._nokler.get(kid)
        if funnet is None:
            raise Uautentisert("Ukjent signeringsnøkkel")
        return funnet


def _hent_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as svar:  # noqa: S310 - configured https URL
        data: bytes = svar.read()
        return data


class TokenVerifiserer:
    def __init__(self, konfig: OidcKonfig, jwks: JwksBuffer | None = None) -> None:
        ukjente = set(konfig.algoritmer) - set(TILLATTE_ALGORITMER)
        if ukjente:
            raise ValueError(f"algoritmer som ikke er tillatt: {sorted(ukjente)}")
        self.konfig = konfig
        self.jwks = jwks or JwksBuffer(konfig.jwks_url)

    def verifiser(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as e:
            raise Uautentisert("Ugyldig token") from e
        if header.get("alg") not in self.konfig.algoritmer:
            raise Uautentisert("Ugyldig token")
        nokkel = self.jwks.nokkel(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                nokkel,
                algorithms=list(self.konfig.algoritmer),
                audience=self.konfig.audience,
                issuer=self.konfig.issuer,
                leeway=self.konfig.leeway_s,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as e:
            raise Uautentisert("Ugyldig token") from e
        return claims


def bearer_token(request: flask.Request) -> str:
    verdi = request.headers.get("Authorization", "")
    skjema, _, token = verdi.partition(" ")
    if skjema.lower() != "bearer" or not token.strip():
        raise Uautentisert("Mangler bearer-token")
    return token.strip()


@dataclass(frozen=True, slots=True)
class ArrangorBruker:
    pid: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class NavBruker:
    navident: str
    grupper: frozenset[str] = frozenset()


def er_d_nummer(pid: str) -> bool:
    return len(pid) == 11 and pid.isdigit() and pid[0] in "4567"


def arrangor_bruker(claims: Mapping[str, Any]) -> ArrangorBruker:
    """§2: `pid` required; `acr` high, or substantial for a d-nummer."""
    pid = claims.get("pid")
    if not isinstance(pid, str) or not pid.strip():
        raise Uautentisert("Token mangler pid")
    acr = claims.get("acr")
    if acr == LOA_HIGH or (acr == LOA_SUBSTANTIAL and er_d_nummer(pid)):
        return ArrangorBruker(pid)
    raise Uautentisert("Innloggingsnivået er ikke godkjent")


def nav_bruker(claims: Mapping[str, Any]) -> NavBruker:
    """Nav's Entra ID tokens: `NAVident` required, roles as group ids in `groups`."""
    ident = claims.get("NAVident")
    if not isinstance(ident, str) or not ident.strip():
        raise Uautentisert("Token mangler NAVident")
    grupper = claims.get("groups") or []
    return NavBruker(ident, frozenset(str(g) for g in grupper if isinstance(g, str)))


@dataclass(frozen=True, slots=True)
class StatiskTokens:
    """Local development only (§2): a static bearer → test pid. Empty in every real environment."""

    tokens: Mapping[str, str] = field(default_factory=dict, repr=False)


def arrangor_autentisering(
    verifiserer: TokenVerifiserer, statisk: StatiskTokens = StatiskTokens()
) -> Callable[[flask.Request], ArrangorBruker]:
    def autentiser(request: flask.Request) -> ArrangorBruker:
        token = bearer_token(request)
        pid = statisk.tokens.get(token)
        if pid is not None:
            return ArrangorBruker(pid)
        return arrangor_bruker(verifiserer.verifiser(token))

    return autentiser


# ------------------------------------------------------------ per project, built on the first request, never at import
@cache
def _arrangor(prosjekt: str) -> Callable[[flask.Request], ArrangorBruker]:
    s = krev_gyldig("arrangor")
    assert s.arrangor_utsteder is not None and s.jwks_url is not None
    verifiserer = TokenVerifiserer(
        OidcKonfig(s.arrangor_utsteder, s.arrangor_oidc_audience, s.jwks_url), JwksBuffer(s.jwks_url)
    )
    statisk = StatiskTokens({s.lokal_statisk_token: s.lokal_statisk_token_pid} if s.lokal_statisk_token_pid else {})
    return arrangor_autentisering(verifiserer, statisk)


def autentiser_arrangor(request: flask.Request) -> ArrangorBruker:
    """The arrangør API's token check (§2), with the settings of the current project."""
    return _arrangor(settings().gcp_project)(request)


@cache
def _nav(prosjekt: str) -> Callable[[flask.Request], NavBruker]:
    s = krev_gyldig("nav")
    assert s.nav_utsteder is not None and s.nav_jwks is not None
    verifiserer = TokenVerifiserer(OidcKonfig(s.nav_utsteder, s.nav_oidc_audience, s.nav_jwks), JwksBuffer(s.nav_jwks))
    return lambda request: nav_bruker(verifiserer.verifiser(bearer_token(request)))


def autentiser_nav(request: flask.Request) -> NavBruker:
    """The Nav API's token check (§9.1), with the settings of the current project."""
    return _nav(settings().gcp_project)(request)
