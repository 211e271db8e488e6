"""The index writes of grunnlagsindeks.py (which entry changes when) and the claim selection of hent_grunnlag, without
an emulator: a Firestore client is only used to build references."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.cloud import firestore

from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.repo import _krav_a_lese
from tests.unit.adapters.opptak import Opptak


def _deltakelse(db: firestore.Client, forrige: tuple[str | None, str | None], ny: tuple[str | None, str | None]) -> Any:
    o = Opptak()
    gi.indekser_deltakelse(o, db, "d1", forrige, ny)
    return [(sti, data["deltakelser"]["d1"]) for sti, data in o.skrevet]


def test_deltakelse_skrives_bare_nar_medlemskap_eller_tellende_til_endres(db: firestore.Client) -> None:
    slett = firestore.DELETE_FIELD
    assert _deltakelse(db, ("g1", "9999-12-31"), ("g1", "9999-12-31")) == []
    assert _deltakelse(db, (None, None), ("g1", None)) == []  # not counted: not listed
    assert _deltakelse(db, (None, None), ("g1", "9999-12-31")) == [("grunnlagsindekser/g1", "9999-12-31")]
    assert _deltakelse(db, ("g1", "9999-12-31"), ("g1", "2025-10-15")) == [("grunnlagsindekser/g1", "2025-10-15")]
    assert _deltakelse(db, ("g1", "2025-10-15"), ("g1", None)) == [("grunnlagsindekser/g1", slett)]
    assert _deltakelse(db, ("g1", "2025-10-15"), ("g2", "2025-10-15")) == [
        ("grunnlagsindekser/g1", slett),
        ("grunnlagsindekser/g2", "2025-10-15"),
    ]


def test_forslag_listes_bare_mens_det_venter_pa_svar(db: firestore.Client) -> None:
    def skriv(forrige: tuple[str | None, bool], ny: tuple[str | None, bool]) -> list[Any]:
        o = Opptak()
        gi.indekser_forslag(o, db, "f1", forrige, ny)
        return [(sti, data["forslag"]["f1"]) for sti, data in o.skrevet]

    assert skriv((None, False), (None, True)) == []  # no parent yet
    assert skriv((None, True), ("g1", True)) == [("grunnlagsindekser/g1", True)]
    assert skriv(("g1", True), ("g1", True)) == []
    assert skriv(("g1", True), ("g1", False)) == [("grunnlagsindekser/g1", firestore.DELETE_FIELD)]


def test_sist_endret_skrives_blindt_for_hver_berort_gjennomforing(db: firestore.Client) -> None:
    o = Opptak()
    gi.marker_endret(o, db, {"g2", None, "g1"})
    assert o.skrevet == [
        ("grunnlagsindekser/g1", {"sist_endret": firestore.SERVER_TIMESTAMP}),
        ("grunnlagsindekser/g2", {"sist_endret": firestore.SERVER_TIMESTAMP}),
    ]


def test_kandidatindeksen_folger_status_prismodell_og_datoer(db: firestore.Client) -> None:
    aft = {"status": "GJENNOMFORES", "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "start_dato": "2025-07-01",
           "slutt_dato": None, "navn": "A"}  # fmt: skip

    def skriv(forrige: dict[str, Any] | None, ny: dict[str, Any]) -> list[Any]:
        o = Opptak()
        gi.indekser_gjennomforing(o, db, "a1", forrige, ny)
        return [(sti, data["gjennomforinger"]["a1"]) for sti, data in o.skrevet]

    assert skriv(None, aft) == [("generering_kandidater/a", {"start": "2025-07-01", "slutt": None})]
    assert skriv(aft, aft | {"navn": "B"}) == []
    assert skriv(aft, aft | {"status": "AVLYST"}) == [("generering_kandidater/a", firestore.DELETE_FIELD)]
    assert skriv(aft, aft | {"prismodell": "ANNEN_AVTALT_PRIS"}) == [
        ("generering_kandidater/a", firestore.DELETE_FIELD)
    ]
    assert skriv(aft, {"versjon": 2, "slettet": True} | aft | {"slettet": True}) == [
        ("generering_kandidater/a", firestore.DELETE_FIELD)
    ]


def _e(start: str, slutt: str, status: str = "TIL_BEHANDLING", innsendt: datetime | None = None) -> dict[str, Any]:
    return {"start": start, "slutt": slutt, "tilskuddstype": "TILTAK_DRIFTSTILSKUDD", "status": status,
            "innsendt": innsendt, "created_at": datetime(2025, 1, 1, tzinfo=UTC)}  # fmt: skip


def test_krav_som_leses_er_overlappende_mulig_genererte_og_kid_kilden() -> None:
    t = datetime(2025, 3, 8, tzinfo=UTC)
    oppforinger = {
        "gammel-innsendt": _e("2025-02-01", "2025-03-01", innsendt=t),
        "eldre-innsendt": _e("2025-01-01", "2025-02-01", innsendt=t.replace(month=2)),
        "gammel-generert": _e("2024-12-01", "2025-01-01", status="GENERERT"),
        "uaktuell": _e("2024-11-01", "2024-12-01", status="UTBETALT"),
        "overlapper": _e("2025-10-01", "2025-11-01", status="AVBRUTT"),
    }
    valgt = _krav_a_lese(oppforinger, "2025-09-24", "2025-11-08")
    assert valgt == ["gammel-generert", "gammel-innsendt", "overlapper"]
