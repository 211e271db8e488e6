"""Token suite (domene.md §2): only a valid OIDC JWT of the configured issuer/audience with a pid passes."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from shared.config import les_settings
from shared.edge.http import dev_utsteder
from shared.edge.http.auth import (
    JwksBuffer,
    OidcKonfig,
    StatiskTokens,
    TokenVerifiserer,
    arrangor_autentisering,
    arrangor_bruker,
    nav_bruker,
)
from shared.edge.http.problem import Uautentisert

ISS, AUD = "https://issuer.test", "arrangor-api"
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ANNEN_RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC = ec.generate_private_key(ec.SECP256R1())


def _jwks() -> bytes:
    rsa_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(RSA.public_key())) | {"kid": "r1"}
    ec_jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(EC.public_key())) | {"kid": "e1"}
    return json.dumps({"keys": [rsa_jwk, ec_jwk]}).encode()


HENTET: list[str] = []


def _hent(url: str) -> bytes:
    HENTET.append(url)
    return _jwks()


def verifiserer() -> TokenVerifiserer:
    return TokenVerifiserer(OidcKonfig(ISS, AUD, "https://issuer.test/jwks"), JwksBuffer("x", hent=_hent))


def claims(**felt: Any) -> dict[str, Any]:
    na = int(time.time())
    return {"iss": ISS, "aud": AUD, "exp": na + 60, "iat": na, "pid": "01017012345", "acr": "idporten-loa-high"} | felt


def token(nokkel: Any = RSA, alg: str = "RS256", kid: str = "r1", **felt: Any) -> str:
    return jwt.encode(claims(**felt), nokkel, algorithm=alg, headers={"kid": kid})


def test_gyldig_rs256_og_es256_token_godtas() -> None:
    v = verifiserer()
    assert arrangor_bruker(v.verifiser(token())).pid == "01017012345"
    assert arrangor_bruker(v.verifiser(token(EC, "ES256", "e1"))).pid == "01017012345"


def _avvist(t: str) -> None:
    with pytest.raises(Uautentisert):
        arrangor_bruker(verifiserer().verifiser(t))


def test_feil_nokkel_avvises() -> None:
    _avvist(token(ANNEN_RSA))


def test_alg_none_avvises() -> None:
    _avvist(jwt.encode(claims(), None, algorithm="none", headers={"kid": "r1"}))


def test_hmac_med_offentlig_nokkel_som_hemmelighet_avvises() -> None:
    _avvist(
        jwt.encode(claims(), "hemmelig-nok-lang-til-hs256-aa-vaere-gyldig", algorithm="HS256", headers={"kid": "r1"})
    )


def test_feil_utsteder_avvises() -> None:
    _avvist(token(iss="https://annen.test"))


def test_feil_audience_avvises() -> None:
    _avvist(token(aud="noe-annet"))


def test_utlopt_token_avvises() -> None:
    _avvist(token(exp=int(time.time()) - 120))


def test_token_uten_exp_avvises() -> None:
    c = claims()
    del c["exp"]
    _avvist(jwt.encode(c, RSA, algorithm="RS256", headers={"kid": "r1"}))


def test_token_uten_pid_avvises() -> None:
    _avvist(token(pid=None))


def test_ukjent_kid_avvises() -> None:
    _avvist(token(kid="ukjent"))


def test_soppel_avvises() -> None:
    _avvist("ikke.et.token")


def test_substantial_bare_for_d_nummer() -> None:
    v = verifiserer()
    assert arrangor_bruker(v.verifiser(token(pid="41017012345", acr="idporten-loa-substantial"))).pid
    _avvist(token(acr="idporten-loa-substantial"))
    _avvist(token(acr="idporten-loa-low"))


def test_jwks_hentes_en_gang_og_bufres() -> None:
    HENTET.clear()
    v = verifiserer()
    for _ in range(3):
        v.verifiser(token())
    assert len(HENTET) == 1


def test_nav_bruker_krever_navident() -> None:
    assert nav_bruker({"NAVident": "Z123456", "groups": ["g1"]}).navident == "Z123456"
    with pytest.raises(Uautentisert):
        nav_bruker({"pid": "1"})


def test_pid_vises_ikke_i_repr() -> None:
    assert "01017012345" not in repr(arrangor_bruker(claims()))


def test_dev_utsteder_token_verifiseres_mot_egen_jwks() -> None:
    v = TokenVerifiserer(
        OidcKonfig(dev_utsteder.UTSTEDER, dev_utsteder.STANDARD_AUDIENCE, "lokal"),
        JwksBuffer("lokal", hent=lambda _: json.dumps(dev_utsteder.jwks()).encode()),
    )
    assert arrangor_bruker(v.verifiser(dev_utsteder.lag_token("12345678910"))).pid == "12345678910"


class _Req:
    def __init__(self, auth: str) -> None:
        self.headers = {"Authorization": auth}


def test_statisk_token_gir_testpid_og_alt_annet_verifiseres() -> None:
    aut = arrangor_autentisering(verifiserer(), StatiskTokens({"local-dev-token": "01017000000"}))
    assert aut(_Req("Bearer local-dev-token")).pid == "01017000000"  # type: ignore[arg-type]
    assert aut(_Req(f"Bearer {token()}")).pid == "01017012345"  # type: ignore[arg-type]
    with pytest.raises(Uautentisert):
        aut(_Req("Basic abc"))  # type: ignore[arg-type]
    with pytest.raises(Uautentisert):
        aut(_Req("Bearer annet-statisk"))  # type: ignore[arg-type]


def test_statisk_token_nektes_uten_emulatorer() -> None:
    with pytest.raises(ValueError, match="bare tillatt mot emulatorene"):
        les_settings({"LOKAL_STATISK_TOKEN_PID": "01017000000"})


def test_statisk_token_tillates_mot_emulatorer() -> None:
    s = les_settings(
        {"LOKAL_STATISK_TOKEN_PID": "01017000000", "FIRESTORE_EMULATOR_HOST": "h:1", "PUBSUB_EMULATOR_HOST": "h:2"}
    )
    assert s.lokal_statisk_token_pid == "01017000000"
