"""Shared by the harness's test functions: where they write what they saw (in the event's project)."""

from __future__ import annotations

from functools import cache
from typing import Any

from google.cloud import firestore

from shared.config import settings


@cache
def _klient(prosjekt: str) -> firestore.Client:
    return firestore.Client(project=prosjekt)


def klient() -> firestore.Client:
    return _klient(settings().gcp_project)


def noter(dokument_id: str, **felt: Any) -> None:
    klient().collection("harness_mottatt").document(dokument_id).set(felt)
