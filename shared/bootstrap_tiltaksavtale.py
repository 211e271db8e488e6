"""Wiring of the tiltaksavtale context (avtale.md §9.4): the Firestore repository and the local stand-ins of its
ports, built once per project on first use (never at import), as shared/bootstrap.py does for the claims."""

from __future__ import annotations

from functools import cache

from google.cloud import firestore

from shared.adapters.tiltaksavtale.repo import FirestoreTiltaksavtaleRepo
from shared.adapters.tiltaksavtale.stedfortredere import (
    FirestoreAltinnRettigheter,
    FirestoreEnhetsregisteret,
    FirestoreNavAnsattTilgang,
    FirestoreOppfolgingsregister,
    FirestorePersonregister,
)
from shared.adapters.tiltaksavtale.tilgangslogg import FirestoreAvtaleTilgangslogg
from shared.bootstrap import SystemKlokke, firestore_klient
from shared.config import settings
from shared.service.tiltaksavtale.felles import Avhengigheter
from shared.service.tiltaksavtale.utsending import Utsender


def bygg(db: firestore.Client, logg_db: firestore.Client) -> Avhengigheter:
    """The dependencies over one project's clients (tests call this with their own)."""
    s = settings()
    personer = FirestorePersonregister(db)
    return Avhengigheter(
        repo=FirestoreTiltaksavtaleRepo(db),
        klokke=SystemKlokke(),
        altinn=FirestoreAltinnRettigheter(db, s.bruker_hmac_nokkel),
        personer=personer,
        oppfolging=FirestoreOppfolgingsregister(db),
        nav=FirestoreNavAnsattTilgang(db, personer),
        enheter=FirestoreEnhetsregisteret(db),
        tilgangslogg=FirestoreAvtaleTilgangslogg(logg_db),
        lenke=s.avtale_frontend_url.rstrip("/"),
        intern_lenke=s.avtale_intern_url.rstrip("/"),
    )


@cache
def _avhengigheter(prosjekt: str) -> Avhengigheter:
    s = settings()
    if not s.mot_emulatorer and s.bruker_hmac_nokkel == "lokal-hmac-nokkel-kun-for-emulatorer":
        raise RuntimeError("BRUKER_HMAC_NOKKEL må settes utenfor emulatorene")
    return bygg(firestore_klient(), firestore.Client(project=prosjekt, database=s.tilgangslogg_database))


def avhengigheter() -> Avhengigheter:
    return _avhengigheter(settings().gcp_project)


@cache
def _utsender(prosjekt: str) -> Utsender:
    from shared.adapters.tiltaksavtale.utsending import (
        FirestoreAvtaleUtsendinger,
        FirestoreVarsling,
        PubSubAvtalePublisher,
        ordnet_klient,
    )

    db = firestore_klient()
    publisher = PubSubAvtalePublisher(ordnet_klient(), prosjekt)
    return Utsender(FirestoreAvtaleUtsendinger(db), FirestoreVarsling(db), publisher, SystemKlokke())


def utsender() -> Utsender:
    """The outbox sender's dependencies (§9.3)."""
    return _utsender(settings().gcp_project)
