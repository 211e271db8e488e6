"""`emulators/demo_nav.vis_nav` against an isolated project, so the demo's Nav part cannot rot: a generated AFT
claim that no one has sent in is sent in through the arrangør API (and pays itself), Nav corrects it with a
korreksjon, charges and attests it with two people through the Nav API on the functions host, and the arrangør sees
«Utbetalt»."""

from __future__ import annotations

from typing import Any

import pytest

from emulators.demo_nav import vis_nav
from shared import bootstrap
from shared.adapters.firestore.repo import FirestoreRepo
from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import ORGNR, deltaker, gjennomforing


def test_vis_nav_ender_med_utbetalt(isolert_prosjekt: Any, capsys: pytest.CaptureFixture[str]) -> None:
    db = bootstrap.firestore_klient()
    repo = FirestoreRepo(db)
    gid = gjennomforing(db)
    deltaker(db, gid)
    repo.lagre_kontonummer(ORGNR, "12345678901")
    repo.lagre_tilsagn(lag_tilsagn(gid, bestillingsnummer="A-2025/1-1"))
    avh = Avhengigheter(repo=repo, omberegning=repo, kontoregister=bootstrap.kontoregister(),
                        klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=600)  # fmt: skip
    assert generer_utbetalinger([gid], "2025-09", avh).resultater[0].utbetaling_id

    sett = vis_nav(nr=6, prosjekt=isolert_prosjekt.prosjekt)

    assert sett["status"] == "UTBETALT"
    ut = capsys.readouterr().out
    assert "Du kan ikke beslutte noe du selv har behandlet" in ut
    assert "Arrangøren ser: «Utbetalt»" in ut
    assert "Oppgaveoversikten til attestant Z990002 før attestering: 1 oppgave(r)" in ut
    assert "Utbetaling til attestering" in ut
    assert "Oppgaveoversikten til attestant Z990002 etter attestering: 0 oppgave(r)" in ut
