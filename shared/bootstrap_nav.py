"""Wiring of Nav's processing, the outbox dispatcher and payment status (issue 6), per project like bootstrap.py.

Kept next to bootstrap.py rather than in it while several engineers change bootstrap.py in parallel; it follows the
same rules (lazy, cached per `settings().gcp_project`, nothing at import)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from google.cloud.pubsub_v1 import PublisherClient

from shared import bootstrap
from shared.adapters.nav_firestore import FirestoreNavRepo
from shared.adapters.nav_tilganger import FirestoreEnheter, FirestoreNavAnsattTilganger
from shared.adapters.okonomi_publisher import PubSubOrdnetPublisher, ordnet_klient
from shared.config import settings
from shared.edge.auth import NavBruker
from shared.service.nav_stengt import Omberegning
from shared.service.nav_utbetaling import NavAvhengigheter


@cache
def _ordnet_klient() -> PublisherClient:
    return ordnet_klient()


@cache
def _nav_repo(prosjekt: str) -> FirestoreNavRepo:
    return FirestoreNavRepo(bootstrap.firestore_klient(), bootstrap.klokke().na)


@cache
def _enheter(prosjekt: str) -> FirestoreEnheter:
    return FirestoreEnheter(bootstrap.firestore_klient())


def nav_repo() -> FirestoreNavRepo:
    return _nav_repo(settings().gcp_project)


def tilganger() -> FirestoreNavAnsattTilganger:
    return FirestoreNavAnsattTilganger(bootstrap.firestore_klient())


def enheter() -> FirestoreEnheter:
    return _enheter(settings().gcp_project)


def okonomi_publisher() -> PubSubOrdnetPublisher:
    return PubSubOrdnetPublisher(_ordnet_klient(), settings().gcp_project)


def nav() -> NavAvhengigheter:
    return NavAvhengigheter(repo=nav_repo(), enheter=enheter(), klokke=bootstrap.klokke())


# ----------------------------------------------------------------------------- Nav API (functions/nav_api)


@cache
def _nav_autentisering(prosjekt: str) -> Callable[[Any], NavBruker]:
    """The Nav API's token check (§9.1), built on the first request, never at import."""
    from shared.edge import dev_utsteder
    from shared.edge.auth import JwksBuffer, OidcKonfig, TokenVerifiserer, bearer_token, nav_bruker

    s = settings()
    if s.nav_jwks is None:
        raise RuntimeError("NAV_JWKS_URL må settes")
    if not s.mot_emulatorer and s.nav_oidc_issuer == dev_utsteder.UTSTEDER:
        raise RuntimeError("NAV_OIDC_ISSUER må settes utenfor emulatorene (dev-utstederen er bare for lokal bruk)")
    verifiserer = TokenVerifiserer(
        OidcKonfig(s.nav_oidc_issuer, s.nav_oidc_audience, s.nav_jwks), JwksBuffer(s.nav_jwks)
    )

    def autentiser(request: Any) -> NavBruker:
        return nav_bruker(verifiserer.verifiser(bearer_token(request)))

    return autentiser


def nav_autentisering() -> Callable[[Any], NavBruker]:
    return _nav_autentisering(settings().gcp_project)


def omberegning() -> Omberegning:
    return Omberegning(repo=bootstrap.repo(), klokke=bootstrap.klokke(), forsinkelse_s=bootstrap.forsinkelse_s())


def drift_grupper() -> frozenset[str]:
    return frozenset(g.strip() for g in settings().nav_drift_grupper.split(",") if g.strip())
