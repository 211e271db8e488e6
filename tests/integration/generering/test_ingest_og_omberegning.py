"""Ingest (domene.md §3.4) and recalculation (§7.2) against the emulators; the omberegn function runs in the
functions host, triggered by the marker document."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

from emulators.venting import vent_til
from shared import bootstrap, topics
from shared.domain.generering.krav import pakk_ut
from shared.domain.utbetaling.utbetaling import Blokkering, UtbetalingStatus
from shared.service.generering.generer_utbetaling import generer_utbetalinger
from shared.service.grunnlag.endringer import registrer_endring
from shared.service.grunnlag.ingest import ta_imot
from tests.integration.generering._hjelp import FORSINKELSE, Miljo, deltaker, gjennomforing, melding


def _generert(m: Miljo, deltakere: int = 2, tilsagn: bool = True) -> tuple[str, str, list[dict[str, object]]]:
    g = gjennomforing()
    m.ingest(topics.GJENNOMFORING, g)
    dl = [deltaker(g["id"]) for _ in range(deltakere)]
    for d in dl:
        m.ingest(topics.DELTAKER, d)
    if tilsagn:
        m.tilsagn(g["id"])
    generer_utbetalinger([g["id"]], "2025-10", m.avh())
    (uid,) = m.utbetalinger()
    return str(g["id"]), uid, dl


def test_melding_i_feil_rekkefolge_overskriver_ikke_nyere_data(miljo: Miljo) -> None:
    g = gjennomforing(versjon=3, navn="Ny")
    miljo.publiser(topics.GJENNOMFORING, g)
    vent_til(
        lambda: (miljo.db.collection("gjennomforinger").document(g["id"]).get().to_dict() or {}).get("versjon") == 3, 20
    )
    miljo.publiser(topics.GJENNOMFORING, g | {"versjon": 2, "navn": "Gammel"})
    miljo.publiser(topics.GJENNOMFORING, g | {"versjon": 4, "slettet": True})
    miljo.publiser(topics.GJENNOMFORING, g | {"versjon": 3, "navn": "Gjenoppstått"})
    vent_til(
        lambda: (miljo.db.collection("gjennomforinger").document(g["id"]).get().to_dict() or {}).get("slettet"), 20
    )
    time.sleep(2)
    data = miljo.db.collection("gjennomforinger").document(g["id"]).get().to_dict() or {}
    assert data["versjon"] == 4 and data["slettet"] is True and data["navn"] == "Ny"


def test_deltaker_og_forslag_for_forelderen_lagres_og_brukes(miljo: Miljo) -> None:
    g = gjennomforing()
    d = deltaker(g["id"])
    f = melding(deltaker_id=d["id"], status="VENTER_PA_SVAR", endring={"type": "IKKE_AKTUELL"})
    assert miljo.ingest(topics.FORSLAG, f) == "LAGRET"
    assert miljo.ingest(topics.DELTAKER, d) == "LAGRET"
    assert miljo.ingest(topics.GJENNOMFORING, g) == "LAGRET"
    miljo.tilsagn(g["id"])
    generer_utbetalinger([g["id"]], "2025-10", miljo.avh())
    (u,) = miljo.utbetalinger().values()
    assert u.belop == 20975 and u.blokkeringer == (Blokkering.UBEHANDLET_FORSLAG,)


def test_ugyldige_meldinger_dead_letteres_uten_a_rore_data(miljo: Miljo) -> None:
    g = gjennomforing()
    miljo.ingest(topics.GJENNOMFORING, g)
    for data in (
        b"ikke json",
        json.dumps(g | {"versjon": 9, "status": "UKJENT"}).encode(),
        json.dumps({"id": g["id"]}).encode(),
    ):
        miljo.publiser(topics.GJENNOMFORING, data)
    dl: list[bytes] = []
    vent_til(lambda: dl.extend(miljo.dead_letters(topics.GJENNOMFORING)) or len(dl) >= 3, 30, hva="tre dead letters")
    assert sorted(dl) == sorted(
        [
            b"ikke json",
            json.dumps(g | {"versjon": 9, "status": "UKJENT"}).encode(),
            json.dumps({"id": g["id"]}).encode(),
        ]
    )
    assert (miljo.db.collection("gjennomforinger").document(g["id"]).get().to_dict() or {})["versjon"] == 1


def test_omberegning_oppdaterer_krav_nar_en_deltakelse_endres(miljo: Miljo) -> None:
    gid, uid, dl = _generert(miljo)
    for_ = miljo.utbetalinger()[uid]
    miljo.ingest(topics.DELTAKER, dl[0] | {"versjon": 2, "slutt_dato": "2025-10-15", "status": "HAR_SLUTTET"})
    vent_til(lambda: miljo.utbetalinger()[uid].belop != for_.belop, 20, hva="omberegnet krav")
    etter = miljo.utbetalinger()[uid]
    assert etter.updated_at > for_.updated_at
    vent_til(lambda: not miljo.db.collection("omberegninger").document(gid).get().exists, 10)
    assert sorted(h["operasjon"] for h in miljo.historikk()) == ["Beregning oppdatert", "Utbetaling opprettet"]


def test_omberegning_sletter_krav_som_ikke_lenger_skyldes(miljo: Miljo) -> None:
    gid, uid, dl = _generert(miljo, deltakere=1)
    miljo.ingest(topics.DELTAKER, dl[0] | {"versjon": 2, "slettet": True})
    vent_til(lambda: uid not in miljo.utbetalinger(), 20, hva="slettet krav")


def test_innsendt_krav_rores_ikke(miljo: Miljo) -> None:
    gid, uid, dl = _generert(miljo)
    miljo.db.collection("utbetalinger").document(uid).update({"status": "TIL_BEHANDLING"})
    for_ = miljo.utbetalinger()[uid]
    # no GENERERT claim any more: the change creates no marker, and a forced marker changes nothing
    miljo.ingest(topics.DELTAKER, dl[0] | {"versjon": 2, "slettet": True})
    assert not miljo.db.collection("omberegninger").document(gid).get().exists
    miljo.repo.opprett_omberegning(gid, bootstrap.klokke().na())
    vent_til(lambda: not miljo.db.collection("omberegninger").document(gid).get().exists, 20)
    assert miljo.utbetalinger()[uid] == for_ and for_.status is UtbetalingStatus.TIL_BEHANDLING


def test_endringer_for_mange_gjennomforinger_merker_bare_dem_med_generert_krav(miljo: Miljo) -> None:
    """One batched lookup: the index documents' claim entries, then the claims; the claim itself decides (its index
    entry may still say GENERERT)."""
    forste, andre, uten_krav = (str(gjennomforing()["id"]) for _ in range(3))
    for gid in (forste, andre):
        miljo.ingest(topics.GJENNOMFORING, gjennomforing(id=gid))
        miljo.ingest(topics.DELTAKER, deltaker(gid))
        miljo.tilsagn(gid)
    generer_utbetalinger([forste, andre], "2025-10", miljo.avh())
    krav = {u.gjennomforing_id: uid for uid, u in miljo.utbetalinger().items()}
    miljo.db.collection("utbetalinger").document(krav[andre]).update({"status": "TIL_BEHANDLING"})

    merket = registrer_endring([andre, uten_krav, forste, forste], repo=miljo.repo, klokke=bootstrap.klokke(),
                               forsinkelse_s=FORSINKELSE)  # fmt: skip

    assert merket == [forste]
    assert miljo.db.collection("omberegninger").document(forste).get().exists
    assert not miljo.db.collection("omberegninger").document(andre).get().exists


def test_blokkeringer_forsvinner_nar_forslaget_besvares_og_tilsagnet_godkjennes(miljo: Miljo) -> None:
    gid, uid, dl = _generert(miljo, tilsagn=False)
    f = melding(deltaker_id=dl[0]["id"], status="VENTER_PA_SVAR", endring={"type": "IKKE_AKTUELL"})
    miljo.ingest(topics.FORSLAG, f)
    vent_til(
        lambda: miljo.utbetalinger()[uid].blokkeringer == (Blokkering.MANGLER_TILSAGN, Blokkering.UBEHANDLET_FORSLAG),
        20,
    )
    miljo.ingest(topics.FORSLAG, f | {"versjon": 2, "status": "AVVIST"})
    vent_til(lambda: miljo.utbetalinger()[uid].blokkeringer == (Blokkering.MANGLER_TILSAGN,), 20)
    # the Nav API approves a tilsagn: its write sets `endret` and marks the gjennomføring
    miljo.tilsagn(gid)
    registrer_endring([gid], repo=miljo.repo, klokke=bootstrap.klokke(), forsinkelse_s=FORSINKELSE)
    vent_til(lambda: miljo.utbetalinger()[uid].blokkeringer == (), 20)


def test_200_endringer_pa_ett_sekund_gir_en_eller_to_omberegninger(miljo: Miljo) -> None:
    gid, uid, deltakere = _generert(miljo, deltakere=10)

    def endringer(d: dict[str, object]) -> list[str]:
        # one participant's versions arrive in order; the ten participants concurrently (200 changes in all)
        ut = []
        for versjon in range(2, 22):
            melding = d | {"versjon": versjon, "status": "HAR_SLUTTET", "slutt_dato": f"2025-10-{versjon:02d}"}
            ut.append(
                ta_imot(
                    topics.DELTAKER, json.dumps(melding).encode(), repo=miljo.repo, omberegning=miljo.repo,
                    publisher=bootstrap.publisher(), klokke=bootstrap.klokke(), forsinkelse_s=5.0,
                ).value
            )  # fmt: skip
        return ut

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        utfall = [u for liste in pool.map(endringer, deltakere) for u in liste]
    # The marker's forfall is 5 s after the first change. A burst that outlasts it is still absorbed by at most
    # one more recalculation (the one that finds changes after its t0), so the test holds up to two windows.
    assert time.monotonic() - start < 10, "utbruddet tok for lang tid til å teste avprelling"
    assert utfall.count("LAGRET") == 200

    def ferdig() -> bool:
        return not miljo.db.collection("omberegninger").document(gid).get().exists and bool(
            [h for h in miljo.historikk() if h["operasjon"] == "Beregning oppdatert"]
        )

    vent_til(ferdig, 70, hva="omberegning ferdig")
    time.sleep(2)
    assert not miljo.db.collection("omberegninger").document(gid).get().exists
    oppdateringer = [h for h in miljo.historikk() if h["operasjon"] == "Beregning oppdatert"]
    assert 1 <= len(oppdateringer) <= 2
    lagret = json.loads(pakk_ut(miljo.utbetalinger()[uid].beregning_gz or b"")[0])
    assert {d["slutt_dato"] for d in lagret["deltakelser"]} == {"2025-10-21"}
