"""Notices on the emulators (issue 16 §2): written in the Nav transaction and in the generation commit, delivered
once by the functions host's nudge and by the dispatcher run again, and not reset by a claim created again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from emulators.klargjoring import Prosjektoppsett
from shared.adapters.firestore.repo import FirestoreRepo
from shared.adapters.varsling import dokument as vd
from shared.adapters.varsling.lokal_varsler import LEVERANSER, FirestoreLokalVarsler
from shared.adapters.varsling.repo import FirestoreVarselRepo
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.domain.varsling import tekster
from shared.domain.varsling.varsel import Varseltype
from shared.service.nav import utbetaling as nav_utbetaling
from shared.service.varsling.send_varsler import send_etter_nytt_varsel, send_varsler
from tests.integration.nav._hjelp import SAKSBEHANDLER, NavMiljo, Sanntid, lag_miljo, vent_til
from tests.unit.nav.bygg import SAKSBEHANDLER_2


@pytest.fixture
def miljo(isolert_prosjekt: Prosjektoppsett) -> NavMiljo:
    return lag_miljo(isolert_prosjekt.prosjekt)


def _leveranser(m: NavMiljo) -> dict[str, dict[str, object]]:
    return {s.id: s.to_dict() or {} for s in m.db.collection(LEVERANSER).stream()}


def test_godkjent_avbrytelse_gir_ett_varsel_som_leveres_en_gang(miljo: NavMiljo) -> None:
    u = miljo.utbetaling(miljo.gjennomforing())
    nav_utbetaling.send_til_avbrytelse(u.id, ("TILSAGN_GJORT_OPP",), None, SAKSBEHANDLER, miljo.avh)
    nav_utbetaling.beslutt_avbrytelse(u.id, SAKSBEHANDLER_2, miljo.avh, godkjent=True)
    varsler = [s for s in miljo.db.collection(vd.VARSLER).stream()]
    assert [(s.to_dict() or {})["type"] for s in varsler] == [Varseltype.KRAV_AVBRUTT_AV_NAV]
    vid = varsler[0].id
    # the functions host delivers the Firestore event to varsel_opprettet, which sends it through the stand-in
    vent_til(lambda: vid in _leveranser(miljo), frist_s=60)
    repo, mottaker = FirestoreVarselRepo(miljo.db), FirestoreLokalVarsler(miljo.db)
    vent_til(lambda: repo.er_ferdig(vid), frist_s=30)
    assert send_varsler(repo=repo, varsler=mottaker, klokke=Sanntid(), eier="a").sendt == 0
    assert send_etter_nytt_varsel(vid, repo=repo, varsler=mottaker, klokke=Sanntid(), eier="b") is None
    assert list(_leveranser(miljo)) == [vid]
    assert repo.usendte() == []


def test_generert_krav_som_opprettes_igjen_varsles_ikke_paa_nytt(miljo: NavMiljo) -> None:
    u = miljo.utbetaling(miljo.gjennomforing(), status=UtbetalingStatus.GENERERT, maned="2025-11")
    miljo.db.collection("utbetalinger").document(u.id).delete()
    repo = FirestoreRepo(miljo.db)
    varsel = tekster.krav_klar(u, u.created_at)
    assert repo.opprett_utbetalinger([u], "Utbetaling opprettet", {u.id: varsel}) == [True]
    vr = FirestoreVarselRepo(miljo.db)
    vent_til(lambda: vr.er_ferdig(varsel.id), frist_s=60)
    # recalculation deleted it, a later run creates it again: the commit succeeds, the notice stays sent
    assert repo.slett_utbetaling(u.id, u.updated_at)
    igjen = u.model_copy(
        update={"created_at": u.created_at + timedelta(days=1), "updated_at": u.updated_at + timedelta(days=1)}
    )
    assert repo.opprett_utbetalinger(
        [igjen], "Utbetaling opprettet", {u.id: tekster.krav_klar(igjen, igjen.created_at)}
    ) == [True]
    assert (miljo.db.collection(vd.VARSLER).document(varsel.id).get().to_dict() or {})["sendt"] is True
    assert send_varsler(repo=vr, varsler=FirestoreLokalVarsler(miljo.db), klokke=Sanntid(), eier="c").sendt == 0
    assert vr.usendte() == []
    assert list(_leveranser(miljo)) == [varsel.id]
