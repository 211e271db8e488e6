"""The arrangørindeks writes (grunnlagsindeks.py, docs/datamodell.md): one entry per claim written with the claim's
grunnlagsindeks entry, only when a list field changes; gjennomføringer move with their orgnr; entries round-trip."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from google.cloud import firestore

from shared.adapters.firestore import grunnlagsindeks as gi
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
from tests.unit.adapters.opptak import Opptak


def _krav(**felt: Any) -> Utbetaling:
    na = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    data: dict[str, Any] = dict(
        id="u1", gjennomforing_id="g1", tiltakskode="ARBEIDSFORBEREDENDE_TRENING", arrangor_orgnr="973123456",
        periode_start=date(2026, 11, 1), periode_slutt=date(2026, 12, 1), opprinnelse=Opprinnelse.GENERERT,
        status=UtbetalingStatus.GENERERT, prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", belop=20975,
        valuta="NOK", betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678901", kid=None), maned="2026-11",
        created_at=na, updated_at=na, beregning_gz=b"x" * 100,
    )  # fmt: skip
    return Utbetaling.model_validate(data | felt)


def test_kravet_skrives_i_begge_indeksene_og_leses_tilbake_uten_beregning(db: firestore.Client) -> None:
    o = Opptak()
    u = _krav()
    gi.indekser_utbetaling(o, db, u)
    assert [sti for sti, _ in o.skrevet] == ["grunnlagsindekser/g1", "arrangorindekser/973123456"]
    tekst = o.skrevet[1][1]["utbetalinger"]["u1"]
    assert isinstance(tekst, str) and "beregning_gz" not in tekst
    assert gi.arrangor_krav({"utbetalinger": {"u1": tekst}}, "973123456") == [
        u.model_copy(update={"beregning_gz": None})
    ]
    assert gi.arrangor_krav({"utbetalinger": {"u1": tekst}}, "974654321") == []


def test_bare_endrede_listefelt_gir_ny_skriving(db: firestore.Client) -> None:
    u = _krav()
    assert gi.arrangor_skriving(db, u, u) is None
    assert gi.arrangor_skriving(db, u.model_copy(update={"beregning_gz": b"y"}), u) is None
    ny = u.model_copy(update={"belop": 21000})
    assert gi.utbetaling_skrivinger(db, ny, u)[0][0].path == "arrangorindekser/973123456"


def test_sletting_fjerner_oppforingen(db: firestore.Client) -> None:
    o = Opptak()
    gi.fjern_utbetaling(o, db, "g1", "u1", "973123456")
    assert o.skrevet[1] == ("arrangorindekser/973123456", {"utbetalinger": {"u1": firestore.DELETE_FIELD}})


def test_gjennomforingen_flytter_med_orgnr_og_forsvinner_med_gravstein(db: firestore.Client) -> None:
    g = {"versjon": 1, "lopenummer": "2025/1", "navn": "AFT", "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
         "arrangor_orgnr": "973123456", "start_dato": "2025-07-01", "status": "GJENNOMFORES",
         "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "valuta": "NOK", "stengt": []}  # fmt: skip
    o = Opptak()
    gi.indekser_arrangor_gjennomforing(o, db, "g1", None, g)
    assert [sti for sti, _ in o.skrevet] == ["arrangorindekser/973123456"]
    o = Opptak()
    gi.indekser_arrangor_gjennomforing(o, db, "g1", g, g | {"endret": "x"})
    assert o.skrevet == []
    o = Opptak()
    gi.indekser_arrangor_gjennomforing(o, db, "g1", g, g | {"arrangor_orgnr": "974654321"})
    assert [sti for sti, _ in o.skrevet] == ["arrangorindekser/973123456", "arrangorindekser/974654321"]
    o = Opptak()
    gi.indekser_arrangor_gjennomforing(o, db, "g1", g, None)
    assert o.skrevet == [("arrangorindekser/973123456", {"gjennomforinger": {"g1": firestore.DELETE_FIELD}})]
