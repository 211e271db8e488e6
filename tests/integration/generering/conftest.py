from __future__ import annotations

import pytest
from google.cloud import firestore

from emulators.klargjoring import Prosjektoppsett
from shared import bootstrap
from shared.adapters.firestore.repo import FirestoreRepo
from shared.adapters.kontoregister import FirestoreKontoregister
from tests.integration.generering._hjelp import ORGNR, Miljo


@pytest.fixture
def miljo(isolert_prosjekt: Prosjektoppsett) -> Miljo:
    db = firestore.Client(project=isolert_prosjekt.prosjekt)
    repo = FirestoreRepo(db)
    repo.lagre_kontonummer(ORGNR, "12345678903")
    assert bootstrap.repo().db.project == isolert_prosjekt.prosjekt
    assert isinstance(bootstrap.kontoregister(), FirestoreKontoregister)
    return Miljo(isolert_prosjekt.prosjekt, repo, db)
