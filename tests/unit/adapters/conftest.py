"""A Firestore client for the adapter tests that is used only to build references (no emulator)."""

from __future__ import annotations

import pytest
from google.auth.credentials import AnonymousCredentials
from google.cloud import firestore


@pytest.fixture(scope="module")
def db() -> firestore.Client:
    return firestore.Client(project="enhetstest", credentials=AnonymousCredentials())
