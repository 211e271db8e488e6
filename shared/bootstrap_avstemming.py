"""Wiring of reconciliation and its reports (issue 18), per project like bootstrap.py (lazy, nothing at import)."""

from __future__ import annotations

from shared import bootstrap
from shared.adapters.avstemming.firestore import FirestoreAvstemmingskilde


def avstemmingskilde() -> FirestoreAvstemmingskilde:
    return FirestoreAvstemmingskilde(bootstrap.firestore_klient())
