"""Wiring of Nav's processing, the outbox dispatcher and payment status (issue 6), per project like bootstrap.py.

Kept next to bootstrap.py rather than in it while several engineers change bootstrap.py in parallel; it follows the
same rules (lazy, cached per `settings().gcp_project`, nothing at import)."""

from __future__ import annotations

from functools import cache

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient

from shared import bootstrap
from shared.adapters.arrangor.repo import FirestoreArrangorRepo
from shared.adapters.firestore.tilgangslogg import FirestoreTilgangslogg
from shared.adapters.nav.arbeidsvisning import FirestoreArbeidsvisningRepo
from shared.adapters.nav.okonomi_publisher import PubSubOrdnetPublisher, ordnet_klient
from shared.adapters.nav.repo import FirestoreNavRepo
from shared.adapters.nav.tilganger import (
    EntraNavAnsattTilganger,
    FirestoreEnheter,
    FirestoreNavAnsattTilganger,
    les_grupperoller,
)
from shared.config import settings
from shared.service.arbeidsvisning.ports import Arbeidsavh, Lesing
from shared.service.nav.ports import NavAnsattTilganger
from shared.service.nav.stengt import Omberegning
from shared.service.nav.utbetaling import NavAvhengigheter


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


@cache
def _entra_tilganger(prosjekt: str, grupperoller: str) -> EntraNavAnsattTilganger:
    return EntraNavAnsattTilganger(les_grupperoller(grupperoller))


def tilganger() -> NavAnsattTilganger:
    """Roles from the token's groups by configuration (`NAV_TILGANGER_ADAPTER=entra`), or locally `nav_ansatte`."""
    s = settings()
    if s.nav_tilganger_kilde == "entra":
        return _entra_tilganger(s.gcp_project, s.nav_gruppe_roller)
    return FirestoreNavAnsattTilganger(bootstrap.firestore_klient())


def enheter() -> FirestoreEnheter:
    return _enheter(settings().gcp_project)


def okonomi_publisher() -> PubSubOrdnetPublisher:
    return PubSubOrdnetPublisher(_ordnet_klient(), settings().gcp_project)


def nav() -> NavAvhengigheter:
    return NavAvhengigheter(repo=nav_repo(), enheter=enheter(), klokke=bootstrap.klokke())


def omberegning() -> Omberegning:
    return Omberegning(repo=bootstrap.repo(), klokke=bootstrap.klokke(), forsinkelse_s=bootstrap.forsinkelse_s())


def drift_grupper() -> frozenset[str]:
    return frozenset(g.strip() for g in settings().nav_drift_grupper.split(",") if g.strip())


@cache
def _arbeidsvisning(prosjekt: str) -> Arbeidsavh:
    """The work views (issue 16): their index reads, the arrangør side's claim view, the access log (§11)."""
    db, klokke = bootstrap.firestore_klient(), bootstrap.klokke()
    logg = FirestoreTilgangslogg(firestore.Client(project=prosjekt, database=settings().tilgangslogg_database))
    les = Lesing(repo=FirestoreArrangorRepo(db), grunnlag=bootstrap.repo(), klokke=klokke)
    return Arbeidsavh(repo=FirestoreArbeidsvisningRepo(db), les=les, tilgangslogg=logg, klokke=klokke)


def arbeidsvisning() -> Arbeidsavh:
    return _arbeidsvisning(settings().gcp_project)
