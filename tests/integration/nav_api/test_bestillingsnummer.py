"""bestillingsnummer and løpenummer unique by construction (issue 17 item 3): a tilsagn imported with its own
number reserves it, the Nav API skips reserved numbers (also when created concurrently), and an import with a number
another tilsagn holds is refused with nothing written."""

from __future__ import annotations

import pytest

from shared.adapters.firestore.repo import FirestoreRepo
from shared.domain.felles.feil import BestillingsnummerIBruk
from tests.bygg_generering import lag_tilsagn
from tests.integration.nav._hjelp import SAKSBEHANDLER
from tests.integration.nav_api.conftest import NavApi
from tests.integration.nav_api.test_nav_api import TILSAGN
from tests.integration.samtidig import samtidig

S = SAKSBEHANDLER.navident


def test_importerte_numre_hoppes_over_og_samtidige_tilsagn_far_hvert_sitt(api: NavApi) -> None:
    gid = api.m.gjennomforing()
    repo = FirestoreRepo(api.m.db)
    importert = lag_tilsagn(gid, bestillingsnummer="A-2025/7-1", lopenummer=1)
    repo.lagre_tilsagn(importert)
    repo.lagre_tilsagn(importert)  # the same tilsagn again (a re-run seed) is fine
    repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/7-3"))

    svar = samtidig(lambda i: api.klient.application.test_client().post(
        "/api/nav/tilsagn", json=TILSAGN | {"gjennomforingId": gid}, headers=api.auth(S)), n=5,
        navn="opprett tilsagn")  # fmt: skip
    assert [s.status for s in svar] == [201] * 5, [(s.status, s.json) for s in svar]
    nye = sorted((s.json["bestillingsnummer"] for s in svar), key=lambda n: int(n.rsplit("-", 1)[1]))
    assert nye == ["A-2025/7-2", "A-2025/7-4", "A-2025/7-5", "A-2025/7-6", "A-2025/7-7"]
    alle = [str((s.to_dict() or {}).get("bestillingsnummer")) for s in api.m.db.collection("tilsagn").stream()]
    assert len(alle) == len(set(alle)) == 7
    assert {s.id for s in api.m.db.collection("bestillingsnumre").stream()} == {n.replace("/", "_") for n in alle}

    tatt = lag_tilsagn(gid, bestillingsnummer="A-2025/7-2")
    with pytest.raises(BestillingsnummerIBruk):
        repo.lagre_tilsagn(tatt)
    assert not api.m.db.collection("tilsagn").document(tatt.id).get().exists
