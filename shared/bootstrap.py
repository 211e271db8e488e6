"""Wiring: clients built lazily and cached per project (functools.cache), adapters handed to the services.

Nothing happens at import time. The local functions host serves many projects from one process
(`shared.config.i_prosjekt`), so every cache is keyed by `settings().gcp_project`.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient

from shared import logg
from shared.adapters.firestore.repo import FirestoreRepo
from shared.adapters.http_klient import EntraToken
from shared.adapters.kontoregister import FirestoreKontoregister, HttpKontoregister
from shared.adapters.nav.repo import FirestoreNavRepo
from shared.adapters.nav.utsending_oppslag import FirestoreUtsendingOppslag
from shared.adapters.pubsub_publisher import PubSubPublisher
from shared.config import Konfigurasjonsfeil, krev_gyldig, settings
from shared.service.arrangor.arrangorflate import ArrangorAvh
from shared.service.arrangor.manuelt_krav import VedleggAvh
from shared.service.arrangor.ports import Vedleggslager, Virusskanner
from shared.service.generering.generer_utbetaling import Avhengigheter
from shared.service.ports import Kontoregister


class SystemKlokke:
    def na(self) -> datetime:
        return datetime.now(UTC)

    def sov(self, sekunder: float) -> None:
        time.sleep(sekunder)


@cache
def _firestore(prosjekt: str) -> firestore.Client:
    logg.konfigurer()
    return firestore.Client(project=prosjekt)


@cache
def _publisher_klient() -> PublisherClient:
    return PublisherClient()


@cache
def _repo(prosjekt: str) -> FirestoreRepo:
    return FirestoreRepo(_firestore(prosjekt))


def firestore_klient() -> firestore.Client:
    return _firestore(settings().gcp_project)


def repo() -> FirestoreRepo:
    return _repo(settings().gcp_project)


def publisher() -> PubSubPublisher:
    return PubSubPublisher(_publisher_klient(), settings().gcp_project)


@cache
def _kontoregister(prosjekt: str) -> Kontoregister:
    """One per project, so the HTTP adapter's one-minute cache is shared by every call (issue 16 §4)."""
    s = settings()
    if s.kontoregister_kilde == "lokal":
        return FirestoreKontoregister(firestore_klient())
    if s.kontoregister_kilde != "http":
        raise Konfigurasjonsfeil("KONTOREGISTER_ADAPTER (http) må settes utenfor emulatorene")
    if not (s.entra_klient_id and s.entra_klient_hemmelighet):
        raise Konfigurasjonsfeil("KONTOREGISTER_ADAPTER=http trenger ENTRA_KLIENT_ID og ENTRA_KLIENT_HEMMELIGHET")
    token = EntraToken(s.entra_token_url, s.entra_klient_id, s.entra_klient_hemmelighet, s.kontoregister_scope)
    return HttpKontoregister(s.kontoregister_url, token)


def kontoregister() -> Kontoregister:
    return _kontoregister(settings().gcp_project)


def utsending_oppslag() -> FirestoreUtsendingOppslag:
    return FirestoreUtsendingOppslag(firestore_klient())


def klokke() -> SystemKlokke:
    return SystemKlokke()


def navnerom() -> uuid.UUID:
    return uuid.UUID(settings().utbetaling_navnerom)


def forsinkelse_s() -> float:
    return settings().omberegning_forsinkelse_s


def generering() -> Avhengigheter:
    r = repo()
    return Avhengigheter(
        repo=r,
        omberegning=r,
        kontoregister=kontoregister(),
        klokke=klokke(),
        navnerom=navnerom(),
        forsinkelse_s=forsinkelse_s(),
        tao=FirestoreNavRepo(firestore_klient(), klokke().na),
    )


# ---------------------------------------------------------------- arrangør API (issue 5)
@dataclass(frozen=True)
class ArrangorApi:
    avh: ArrangorAvh
    vedlegg: Vedleggslager
    skanner: Virusskanner
    hmac_nokkel: str
    navnerom: uuid.UUID
    vedlegg_avh: VedleggAvh


@cache
def _arrangor_api(prosjekt: str) -> ArrangorApi:
    """The arrangør API's dependencies per project, built once (first request), never at import."""
    from google.cloud import storage  # type: ignore[attr-defined]

    from shared.adapters.arrangor.altinn import Altinn3, BufretAltinn, FirestoreAltinn, Maskinporten, bruker_hmac
    from shared.adapters.arrangor.pdf_kontroll import PypdfKontroll
    from shared.adapters.arrangor.repo import FirestoreArrangorRepo
    from shared.adapters.arrangor.vedlegg import GcsVedlegg
    from shared.adapters.arrangor.virusskanning import ClamavSkanner, EicarSkanner
    from shared.adapters.firestore.tilgangslogg import FirestoreTilgangslogg
    from shared.service.arrangor.ports import Altinn

    s = krev_gyldig("arrangor")
    kilde: Altinn
    if s.altinn_kilde == "altinn3":
        assert s.maskinporten_klient_id and s.maskinporten_nokkel_pem  # krev_gyldig checked them
        mp = Maskinporten(s.maskinporten_token_url, s.maskinporten_audience, s.maskinporten_klient_id,
                          s.maskinporten_nokkel_pem, s.maskinporten_scope)  # fmt: skip
        kilde = Altinn3(s.altinn_url, s.altinn_ressurs, mp.token)
    else:
        kilde = FirestoreAltinn(_firestore(prosjekt), s.bruker_hmac_nokkel)
    avh = ArrangorAvh(
        repo=FirestoreArrangorRepo(_firestore(prosjekt)),
        altinn=BufretAltinn(kilde, s.bruker_hmac_nokkel),
        klokke=SystemKlokke(),
        grunnlag=_repo(prosjekt),
        tilgangslogg=FirestoreTilgangslogg(firestore.Client(project=prosjekt, database=s.tilgangslogg_database)),
    )
    lager = GcsVedlegg(storage.Client(project=prosjekt), s.vedlegg_bucket)
    skanner: Virusskanner = ClamavSkanner(s.clamav_url) if s.virusskanner_kilde == "clamav" else EicarSkanner()
    nokkel = s.bruker_hmac_nokkel
    vavh = VedleggAvh(lager, skanner, PypdfKontroll(), lambda pid: bruker_hmac(pid, nokkel))
    return ArrangorApi(avh, lager, skanner, nokkel, navnerom(), vavh)


def arrangor_api() -> ArrangorApi:
    return _arrangor_api(settings().gcp_project)
