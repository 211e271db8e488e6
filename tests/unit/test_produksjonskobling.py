"""The production adapters are wired by configuration (issue 16 §4): outside the emulators each port must be named,
and naming it gives the adapter that speaks to the real service; against the emulators the stand-ins stay."""

from __future__ import annotations

import os

import pytest

from shared import bootstrap, bootstrap_nav
from shared.adapters.kontoregister import FirestoreKontoregister, HttpKontoregister
from shared.adapters.nav.tilganger import EntraNavAnsattTilganger, FirestoreNavAnsattTilganger
from shared.config import Konfigurasjonsfeil, nullstill_settings
from shared.domain.nav.tilgang import Rolle

EMULATORER = {"FIRESTORE_EMULATOR_HOST": "127.0.0.1:1", "PUBSUB_EMULATOR_HOST": "127.0.0.1:2"}


@pytest.fixture(autouse=True)
def miljo() -> None:
    os.environ.clear()
    os.environ["GOOGLE_CLOUD_PROJECT"] = "test-kobling"
    nullstill_settings()
    bootstrap._kontoregister.cache_clear()


def test_kontoregisteret_ma_navngis_utenfor_emulatorene() -> None:
    with pytest.raises(Konfigurasjonsfeil, match="KONTOREGISTER_ADAPTER"):
        bootstrap.kontoregister()


def test_kontoregisteret_over_http_trenger_entra_klienten() -> None:
    os.environ["KONTOREGISTER_ADAPTER"] = "http"
    with pytest.raises(Konfigurasjonsfeil, match="ENTRA_KLIENT_ID"):
        bootstrap.kontoregister()
    os.environ.update({"ENTRA_KLIENT_ID": "klient", "ENTRA_KLIENT_HEMMELIGHET": "hemmelig",
                       "KONTOREGISTER_URL": "https://kontoregister.example"})  # fmt: skip
    nullstill_settings()
    register = bootstrap.kontoregister()
    assert isinstance(register, HttpKontoregister) and register.base_url == "https://kontoregister.example"
    assert bootstrap.kontoregister() is register, "one per project: its one-minute cache is shared"


def test_mot_emulatorene_er_kontoregisteret_firestore() -> None:
    os.environ.update(EMULATORER)
    nullstill_settings()
    assert isinstance(bootstrap.kontoregister(), FirestoreKontoregister)


def test_nav_rollene_fra_entra_gruppene_eller_lokalt() -> None:
    os.environ.update(EMULATORER)
    nullstill_settings()
    assert isinstance(bootstrap_nav.tilganger(), FirestoreNavAnsattTilganger)
    os.environ["NAV_TILGANGER_ADAPTER"] = "entra"
    os.environ["NAV_GRUPPE_ROLLER"] = '{"g-attest": {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": ["0400"]}}'
    nullstill_settings()
    tilganger = bootstrap_nav.tilganger()
    assert isinstance(tilganger, EntraNavAnsattTilganger)
    assert dict(tilganger.hent("Z1", frozenset({"g-attest"})).roller) == {Rolle.ATTESTANT_UTBETALING: {"0400"}}
