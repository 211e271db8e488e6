"""Reconciliation on the emulators (issue 18 part 1): a month run through the real Nav flow (tilsagn, charging,
attestation, the outbox dispatched by the functions host, the payment status back) reconciles clean; then each kind
of discrepancy is injected by hand-editing Firestore, found through the Firestore adapter and the CLI, and undone.
The daily function publishes the grensesnittavstemming on its own topic."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from emulators.klargjoring import Prosjektoppsett
from shared import topics
from shared.adapters.avstemming.firestore import FirestoreAvstemmingskilde
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.repo import LINJER, UTSENDINGER, linje_til_dokument, utsending_til_dokument
from shared.cli.main import main
from shared.domain.avstemming.avstem import avstem
from shared.domain.avstemming.avvik import Avvikstype
from shared.domain.felles.periode import Periode
from shared.domain.tilsagn.behandling import NyttTilsagn
from shared.domain.tilsagn.tilsagn import TilsagnType
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel
from shared.service.nav import tilsagn as nav_tilsagn
from shared.service.nav import utbetaling as nav_utbetaling
from tests.bygg_avstemming import NA, SENDT, beregning_gz, lag_bok
from tests.integration.nav._hjelp import (
    ATTESTANT,
    BESLUTTER,
    KOSTNADSSTED,
    SAKSBEHANDLER,
    NavMiljo,
    abonner,
    hent_meldinger,
    lag_miljo,
    publiser,
    vent_til,
)

NOVEMBER = Periode(date(2025, 11, 1), date(2025, 12, 1))
A = Avvikstype


@pytest.fixture
def miljo(isolert_prosjekt: Prosjektoppsett) -> NavMiljo:
    return lag_miljo(isolert_prosjekt.prosjekt)


def _maned_gjennom_nav(m: NavMiljo) -> tuple[str, str, str]:
    """(utbetaling id, tilsagn id, linje id) of a calculated claim approved, dispatched and paid."""
    gid = m.gjennomforing()
    n = NyttTilsagn(gid, TilsagnType.TILSAGN, date(2025, 7, 1), date(2025, 12, 31), KOSTNADSSTED, antall_plasser=2)
    tilsagn_id = nav_tilsagn.godkjenn(nav_tilsagn.opprett(n, SAKSBEHANDLER, m.avh).id, BESLUTTER, m.avh).id
    belop, gz = beregning_gz()
    u = m.utbetaling(gid, belop=belop, beregning_gz=gz, maned="2025-11")
    nav_utbetaling.send_til_attestering(u.id, [LinjeForesporsel(None, tilsagn_id, belop)], None, SAKSBEHANDLER, m.avh)
    linje_id = m.linjer(u.id)[0]["id"]
    assert nav_utbetaling.attester(linje_id, ATTESTANT, m.avh).status == "FERDIG_BEHANDLET"
    vent_til(lambda: all(p["sendt"] for p in m.utsendinger()))
    status = {"fakturanummer": m.linjer(u.id)[0]["fakturanummer"], "status": "FULLT_BETALT",
              "fakturaStatusSistOppdatert": "2025-12-09T10:00:00+01:00"}  # fmt: skip
    publiser(m.prosjekt, topics.OKONOMI_INN, status)
    vent_til(lambda: m.hent(u).status == "UTBETALT")
    return u.id, tilsagn_id, linje_id


def _avvik(m: NavMiljo) -> list[tuple[Avvikstype, dict[str, str]]]:
    rapport = avstem(FirestoreAvstemmingskilde(m.db).les(), NA.replace(year=2030), NOVEMBER)
    return [(a.type, a.ider()) for a in rapport.avvik]


def _rediger(m: NavMiljo, samling: str, dok_id: str, **felt: Any) -> dict[str, Any]:
    ref = m.db.collection(samling).document(dok_id)
    for_ = ref.get().to_dict() or {}
    ref.update(felt)
    return for_


def test_en_ren_maned_og_hver_injisert_avvikstype(miljo: NavMiljo, capsys: pytest.CaptureFixture[str]) -> None:
    uid, tid, lid = _maned_gjennom_nav(miljo)
    assert _avvik(miljo) == []
    assert main(["avstem", "--periode", "2025-11"]) == 0
    assert capsys.readouterr().out.strip().endswith("41 950 kr godkjent; 0 avvik")

    # a hand-edited amount
    _rediger(miljo, dok.UTBETALINGER, uid, belop=49_999)
    assert (A.BELOP_ULIK_BEREGNING, {"utbetaling_id": uid}) in _avvik(miljo)
    assert main(["avstem", "--periode", "2025-11"]) == 1
    ut = capsys.readouterr().out
    assert "BELOP_ULIK_BEREGNING" in ut and "41 950" in ut and "49 999" in ut
    _rediger(miljo, dok.UTBETALINGER, uid, belop=41_950)
    assert _avvik(miljo) == []

    # a missing FAKTURA
    [faktura] = [p for p in miljo.utsendinger() if p["type"] == "FAKTURA"]
    ref = miljo.db.collection(UTSENDINGER).document(faktura["id"])
    lagret = ref.get().to_dict() or {}
    ref.delete()
    assert [t for t, _ in _avvik(miljo)] == [A.FAKTURA_MANGLER]
    ref.set(lagret)
    assert _avvik(miljo) == []

    # a duplicate payment status: the paid line twice
    linje = miljo.db.collection(LINJER).document(lid)
    kopi = miljo.db.collection(LINJER).document(f"{lid}-kopi")
    kopi.set(linje.get().to_dict() or {})
    assert A.BETALT_FLERE_GANGER in [t for t, _ in _avvik(miljo)]
    kopi.delete()
    assert _avvik(miljo) == []

    # a tilsagn whose brukt was edited
    _rediger(miljo, dok.TILSAGN, tid, belop_brukt=12_345)
    assert _avvik(miljo) == [(A.BRUKT_ULIK_LINJESUM, {"tilsagn_id": tid})]


def _skriv_bok(m: NavMiljo) -> None:
    bok = lag_bok(gjennomforing_id=m.gjennomforing())
    m.db.collection(dok.UTBETALINGER).document(bok.utbetaling.id).set(dok.utbetaling_til_dokument(bok.utbetaling))
    m.db.collection(dok.TILSAGN).document(bok.tilsagn.id).set(dok.tilsagn_til_dokument(bok.tilsagn))
    m.db.collection(LINJER).document(bok.linje.id).set(linje_til_dokument(bok.linje))
    m.db.collection(UTSENDINGER).document(bok.faktura.id).set(utsending_til_dokument(bok.faktura) | {"sendt": True})


def test_daglig_funksjon_sender_grensesnittavstemming(miljo: NavMiljo) -> None:
    # The outbox record is written already sent, so the dispatcher leaves it alone.
    ut = abonner(miljo.prosjekt, topics.GRENSESNITTAVSTEMMING)
    _skriv_bok(miljo)
    publiser(miljo.prosjekt, topics.AVSTEMMING_DAGLIG, {"dato": SENDT.date().isoformat()})
    [(melding, _, _)] = hent_meldinger(ut, 1)
    assert (melding["type"], melding["dato"], melding["antall"], melding["belop"]) == (
        "GRENSESNITTAVSTEMMING", "2025-12-08", 1, 41_950)  # fmt: skip
    assert melding["betalt"] == {"antall": 1, "belop": 41_950} and melding["sendt"]["antall"] == 0
    assert melding["forsteFakturanummer"] == melding["sisteFakturanummer"] == "A-2025/1-1-1"
    assert melding["periode"] == {"fra": "2025-12-07T23:00:00Z", "til": "2025-12-08T23:00:00Z"}
