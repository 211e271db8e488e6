"""Monthly generation against the emulators (domene.md §7.1): through the scheduler topic, the fan-out and the
functions host, and the use case in-process for the rules."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from emulators.venting import vent_til
from shared import topics
from shared.domain.utbetaling.utbetaling import (
    Betalingsinformasjon,
    Blokkering,
    Opprinnelse,
    Utbetaling,
    UtbetalingStatus,
)
from shared.service.generering.generer_utbetaling import generer_utbetalinger
from tests.integration.generering._hjelp import Miljo, beregn_med_cli, deltaker, gjennomforing, melding


def _aft_med_deltakere(m: Miljo, antall: int = 3, tilsagn: bool = True) -> str:
    g = gjennomforing()
    m.ingest(topics.GJENNOMFORING, g)
    for i in range(antall):
        m.ingest(topics.DELTAKER, deltaker(g["id"], start_dato=f"2025-10-{i + 1:02d}"))
    if tilsagn:
        m.tilsagn(g["id"])
    return str(g["id"])


def test_planlagt_kjoring_lager_riktige_krav_og_ny_kjoring_lager_ingenting(miljo: Miljo, tmp_path: Path) -> None:
    aft = _aft_med_deltakere(miljo)
    uten_tilsagn = _aft_med_deltakere(miljo, antall=1, tilsagn=False)
    miljo.stengt(aft, date(2025, 10, 20), date(2025, 10, 22))

    miljo.publiser(topics.GENERERING_START, {"periode": "2025-10"})
    vent_til(lambda: len(miljo.utbetalinger()) == 2, 30, hva="to krav")
    krav = miljo.utbetalinger()

    for u in krav.values():
        assert u.status is UtbetalingStatus.GENERERT and u.maned == "2025-10"
        assert (u.periode_start, u.periode_slutt) == (date(2025, 10, 1), date(2025, 11, 1))
        assert beregn_med_cli(u, tmp_path) == u.belop > 0
        assert u.betalingsinformasjon == Betalingsinformasjon(kontonummer="12345678903", kid=None)
    blokkert = {u.gjennomforing_id: u.blokkeringer for u in krav.values()}
    assert blokkert == {aft: (), uten_tilsagn: (Blokkering.MANGLER_TILSAGN,)}
    assert sorted(h["operasjon"] for h in miljo.historikk()) == ["Utbetaling opprettet"] * 2

    miljo.publiser(topics.GENERERING_START, {"periode": "2025-10"})
    miljo.publiser(topics.GENERER_UTBETALING, {"gjennomforing_ider": [aft, uten_tilsagn], "periode": "2025-10"})
    forste = {k: v.updated_at for k, v in krav.items()}
    time.sleep(3)  # both reruns have been delivered and handled by now (the host acks within ~1 s)
    assert {k: v.updated_at for k, v in miljo.utbetalinger().items()} == forste
    assert len(miljo.historikk()) == 2


def test_avbrutt_kjoring_startet_pa_nytt_ender_som_en_ren_kjoring(miljo: Miljo) -> None:
    ider = [_aft_med_deltakere(miljo, antall=2) for _ in range(6)]
    # "killed" half-way: only the first three were done
    generer_utbetalinger(ider[:3], "2025-10", miljo.avh())
    etter_forste = miljo.utbetalinger()
    generer_utbetalinger(ider, "2025-10", miljo.avh())
    generer_utbetalinger(ider, "2025-10", miljo.avh())
    alle = miljo.utbetalinger()
    assert len(alle) == 6 and sorted(u.gjennomforing_id for u in alle.values()) == sorted(ider)
    assert all(alle[k] == v for k, v in etter_forste.items())
    assert len(miljo.historikk()) == 6


def test_hopperegler(miljo: Miljo) -> None:
    avlyst = _aft_med_deltakere(miljo)
    miljo.ingest(topics.GJENNOMFORING, gjennomforing(id=avlyst, versjon=2, status="AVLYST"))
    har_avbrutt = _aft_med_deltakere(miljo)
    uid = str(uuid.uuid4())
    gammel = Utbetaling(
        id=uid, gjennomforing_id=har_avbrutt, tiltakskode="ARBEIDSFORBEREDENDE_TRENING", arrangor_orgnr="973123456",
        periode_start=date(2025, 10, 1), periode_slutt=date(2025, 11, 1), opprinnelse=Opprinnelse.GENERERT,
        status=UtbetalingStatus.AVBRUTT, prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", belop=1, valuta="NOK",
        created_at=datetime(2025, 11, 7, tzinfo=UTC), updated_at=datetime(2025, 11, 7, tzinfo=UTC),
    )  # fmt: skip
    assert miljo.repo.opprett_utbetaling(gammel, "Utbetaling opprettet")
    dot = gjennomforing(
        tiltakskode="DIGITALT_OPPFOLGINGSTILTAK", prismodell="AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE"
    )
    miljo.ingest(topics.GJENNOMFORING, dot)
    miljo.ingest(topics.DELTAKER, deltaker(dot["id"]))
    null = _aft_med_deltakere(miljo, antall=0)
    ut = generer_utbetalinger([avlyst, har_avbrutt, dot["id"], null], "2025-10", miljo.avh())
    assert {r.gjennomforing_id: r.utfall.value for r in ut.resultater} == {
        avlyst: "IKKE_KANDIDAT",
        har_avbrutt: "FINNES_ALLEREDE",
        dot["id"]: "UTENFOR_GYLDIG_PERIODE",
        null: "BELOP_NULL",
    }
    assert list(miljo.utbetalinger()) == [uid]


def test_kid_videreføres_fra_sist_innsendte_krav(miljo: Miljo) -> None:
    gid = _aft_med_deltakere(miljo)
    generer_utbetalinger([gid], "2025-10", miljo.avh())
    (okt,) = miljo.utbetalinger().values()
    # the arrangør sent October in with a KID (the API's write, done here directly)
    innsendt = {
        "status": "TIL_BEHANDLING",
        "innsendt_tidspunkt": datetime(2025, 11, 8, tzinfo=UTC),
        "betalingsinformasjon": {"kontonummer": "12345678903", "kid": "2345676"},
    }
    miljo.db.collection("utbetalinger").document(okt.id).set(innsendt, merge=True)
    generer_utbetalinger([gid], "2025-11", miljo.avh())
    nov = next(u for u in miljo.utbetalinger().values() if u.maned == "2025-11")
    assert nov.betalingsinformasjon == Betalingsinformasjon(kontonummer="12345678903", kid="2345676")


def test_feil_melding_til_arbeideren_dead_letteres(miljo: Miljo) -> None:
    gid = _aft_med_deltakere(miljo, antall=1)
    miljo.ingest(topics.DELTAKER, deltaker(gid, start_dato=None))  # counted without start: input error
    miljo.publiser(topics.GENERER_UTBETALING, {"gjennomforing_ider": [gid], "periode": "2025-10"})
    dl = vent_til(lambda: miljo.dead_letters(topics.GENERER_UTBETALING), 20, hva="dead letter")
    assert json.loads(dl[0]) == {"gjennomforing_ider": [gid], "periode": "2025-10"}
    assert miljo.utbetalinger() == {}
    _ = melding
