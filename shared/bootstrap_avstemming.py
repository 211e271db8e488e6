"""Wiring of reconciliation, the amount explanations and the forecast (issue 18), per project like bootstrap.py (lazy,
nothing at import)."""

from __future__ import annotations

from shared import bootstrap
from shared.adapters.avstemming.firestore import FirestoreAvstemmingskilde
from shared.adapters.firestore.beregningsversjoner import FirestoreForklaringskilde
from shared.adapters.prognose.firestore import FirestorePrognosekilde


def avstemmingskilde() -> FirestoreAvstemmingskilde:
    return FirestoreAvstemmingskilde(bootstrap.firestore_klient())


def forklaringskilde() -> FirestoreForklaringskilde:
    return FirestoreForklaringskilde(bootstrap.firestore_klient())


def prognosekilde() -> FirestorePrognosekilde:
    return FirestorePrognosekilde(bootstrap.firestore_klient())
