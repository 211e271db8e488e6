"""The local dev issuer (domene.md §2, local development only): `utbetaling token --pid ...` mints a token that the
arrangør API accepts when it runs against the emulators, and the local functions host serves the matching JWKS at
`/_vert/dev-utsteder/jwks`.

The key is an ES256 (P-256) key derived deterministically from a fixed label, so the CLI and the functions host agree
without sharing a file. It is public knowledge by construction: no real environment may trust this issuer, and none
does, because a real environment configures ID-porten/TokenX as issuer and JWKS URL (`shared.config`).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from functools import cache
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from shared.config import DEV_UTSTEDER

UTSTEDER = DEV_UTSTEDER
KID = "dev-utsteder-1"
STANDARD_AUDIENCE = "utbetaling-arrangor-api"
NAV_AUDIENCE = "utbetaling-nav-api"
JWKS_STI = "/_vert/dev-utsteder/jwks"

_P256_ORDEN = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@cache
def _nokkel() -> ec.EllipticCurvePrivateKey:
    d = int.from_bytes(hashlib.sha256(b"utbetaling lokal dev-utsteder v1").digest()) % (_P256_ORDEN - 1) + 1
    return ec.derive_private_key(d, ec.SECP256R1())


def jwks() -> dict[str, Any]:
    offentlig = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(_nokkel().public_key()))
    return {"keys": [{**offentlig, "kid": KID, "use": "sig", "alg": "ES256"}]}


def lag_token(
    pid: str,
    *,
    acr: str = "idporten-loa-high",
    audience: str = STANDARD_AUDIENCE,
    issuer: str = UTSTEDER,
    levetid_s: int = 3600,
    ekstra: dict[str, Any] | None = None,
) -> str:
    na = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": str(uuid.uuid4()),
        "pid": pid,
        "acr": acr,
        "iat": na,
        "nbf": na,
        "exp": na + levetid_s,
        "jti": str(uuid.uuid4()),
        **(ekstra or {}),
    }
    return jwt.encode(claims, _nokkel(), algorithm="ES256", headers={"kid": KID})


def lag_nav_token(
    navident: str | None,
    grupper: tuple[str, ...] = (),
    *,
    audience: str = NAV_AUDIENCE,
    issuer: str = UTSTEDER,
    levetid_s: int = 3600,
) -> str:
    """A token shaped like Nav's Entra ID tokens (§9.1): `NAVident` and `groups`, no `pid`. `navident=None` leaves
    the claim out (for tests of the 401)."""
    na = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer, "aud": audience, "sub": str(uuid.uuid4()), "groups": list(grupper),
        "iat": na, "nbf": na, "exp": na + levetid_s, "jti": str(uuid.uuid4()),
    }  # fmt: skip
    if navident is not None:
        claims["NAVident"] = navident
    return jwt.encode(claims, _nokkel(), algorithm="ES256", headers={"kid": KID})
