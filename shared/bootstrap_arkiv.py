"""Wiring of archiving (domene.md §11), per project like bootstrap.py: the archive by configuration
(`ARKIV_ADAPTER`: `lokal` = the Firestore/Cloud Storage stand-in, `dokarkiv` = Nav's archive API with an Entra ID
token), the Firestore reads and write-back, the vedlegg copy and the PDF. Lazy, cached, nothing at import."""

from __future__ import annotations

from functools import cache
from typing import Any

from shared import bootstrap
from shared.config import settings
from shared.service.arkiv.arkiver import ArkivAvh
from shared.service.arkiv.ports import Arkiv


@cache
def _storage(prosjekt: str) -> Any:
    from google.cloud import storage  # type: ignore[attr-defined]

    return storage.Client(project=prosjekt)


def _arkiv(prosjekt: str) -> Arkiv:
    from shared.adapters.arkiv.dokarkiv import Dokarkiv
    from shared.adapters.arkiv.lokalt_arkiv import LokaltArkiv
    from shared.adapters.http_klient import EntraToken

    s = settings()
    if s.arkiv_adapter == "dokarkiv":
        if not (s.entra_token_url and s.entra_klient_id and s.entra_klient_hemmelighet):
            raise RuntimeError("ENTRA_TOKEN_URL, ENTRA_KLIENT_ID og ENTRA_KLIENT_HEMMELIGHET må settes for dokarkiv")
        token = EntraToken(s.entra_token_url, s.entra_klient_id, s.entra_klient_hemmelighet, s.dokarkiv_scope)
        return Dokarkiv(s.dokarkiv_url, token, s.dokarkiv_fagsaksystem)
    if s.arkiv_adapter != "lokal":
        raise RuntimeError(f"ukjent ARKIV_ADAPTER {s.arkiv_adapter!r} (lokal eller dokarkiv)")
    return LokaltArkiv(bootstrap.firestore_klient(), _storage(prosjekt), s.vedlegg_bucket)


@cache
def _avh(prosjekt: str) -> ArkivAvh:
    """Built on the first event, never at import: the functions host loads every function at start."""
    from shared.adapters.arkiv.pdf import FpdfArkivPdf
    from shared.adapters.arkiv.repo import FirestoreArkivRepo, GcsVedleggsarkiv

    s = settings()
    return ArkivAvh(
        repo=FirestoreArkivRepo(bootstrap.firestore_klient()),
        arkiv=_arkiv(prosjekt),
        vedlegg=GcsVedleggsarkiv(_storage(prosjekt), s.vedlegg_bucket),
        pdf=FpdfArkivPdf(),
        klokke=bootstrap.klokke(),
    )


def arkiv() -> ArkivAvh:
    return _avh(settings().gcp_project)
