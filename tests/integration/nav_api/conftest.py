"""The Nav API in-process (functions-framework test client) against the emulators of an isolated project. Tokens
come from the dev issuer, whose JWKS the functions host serves (`settings().nav_jwks`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import functions_framework
import pytest

from emulators.klargjoring import Prosjektoppsett
from shared.config import nullstill_settings
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.edge.http import dev_utsteder
from tests.integration.nav._hjelp import KOSTNADSSTED, NavMiljo, lag_miljo

ROT = Path(__file__).resolve().parents[3]
BASE = "/api/nav"
DRIFT = "drift-gruppe-1"
SAKSBEHANDLER_2 = NavAnsatt("S200002", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE})
BEGGE = NavAnsatt("X300003", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.BESLUTTER_TILSAGN: ALLE,
                              Rolle.ATTESTANT_UTBETALING: ALLE})  # fmt: skip
ANNET_STED = NavAnsatt("Y400004", {Rolle.BESLUTTER_TILSAGN: frozenset({"0999"}),
                                   Rolle.ATTESTANT_UTBETALING: frozenset({"0999"})})  # fmt: skip
UTEN_ROLLER = "Z500005"


@dataclass
class NavApi:
    klient: Any
    m: NavMiljo

    @staticmethod
    def auth(navident: str | None, grupper: tuple[str, ...] = ()) -> dict[str, str]:
        return {"Authorization": f"Bearer {dev_utsteder.lag_nav_token(navident, grupper)}"}

    def kall(self, metode: str, sti: str, navident: str, body: Any = None, grupper: tuple[str, ...] = ()) -> Any:
        return self.klient.open(BASE + sti, method=metode, json=body, headers=self.auth(navident, grupper))


@pytest.fixture
def api(isolert_prosjekt: Prosjektoppsett) -> NavApi:
    os.environ["NAV_DRIFT_GRUPPER"] = DRIFT
    nullstill_settings()
    m = lag_miljo(isolert_prosjekt.prosjekt)
    from shared.adapters.nav.tilganger import FirestoreNavAnsattTilganger

    for a in (SAKSBEHANDLER_2, BEGGE, ANNET_STED):
        FirestoreNavAnsattTilganger(m.db).lagre(a)
    m.db.collection("enheter").document("0999").set({"navn": "Nav Annet"})
    app = functions_framework.create_app("nav_api", str(ROT / "functions/nav_api/main.py"), "http")  # type: ignore[no-untyped-call]
    return NavApi(app.test_client(), m)


__all__ = ["KOSTNADSSTED"]
