"""Nav processing end to end on the emulators: tilsagn with two persons, charging and attestation, the outbox
through the functions host to `okonomi-ut`, payment status back from `okonomi-inn` (domene.md §5, §6.6, §10)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from emulators.klargjoring import Prosjektoppsett
from shared import topics
from shared.domain.felles.feil import DomeneFeil
from shared.domain.nav.feil import UgyldigHandling
from shared.domain.tilsagn.behandling import NyttTilsagn
from shared.domain.tilsagn.tilsagn import TilsagnType
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel
from shared.service.nav import tilsagn as nav_tilsagn
from shared.service.nav import utbetaling as nav_utbetaling
from shared.service.nav.automatisk_utbetaling import forsok_automatisk_utbetaling
from tests.integration.nav._hjelp import (
    ATTESTANT,
    ATTESTANT_2,
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


@pytest.fixture
def miljo(isolert_prosjekt: Prosjektoppsett) -> NavMiljo:
    return lag_miljo(isolert_prosjekt.prosjekt)


def _godkjent_tilsagn(m: NavMiljo, gid: str, start: date = date(2025, 7, 1), slutt: date = date(2025, 12, 31)) -> str:
    n = NyttTilsagn(gid, TilsagnType.TILSAGN, start, slutt, KOSTNADSSTED, antall_plasser=2)
    t = nav_tilsagn.opprett(n, SAKSBEHANDLER, m.avh)
    with pytest.raises(UgyldigHandling, match="^Du kan ikke beslutte noe du selv har behandlet$"):
        from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle

        nav_tilsagn.godkjenn(t.id, NavAnsatt(SAKSBEHANDLER.navident, {Rolle.BESLUTTER_TILSAGN: ALLE}), m.avh)
    return nav_tilsagn.godkjenn(t.id, BESLUTTER, m.avh).id


def test_hele_maaneden_fra_tilsagn_til_utbetalt(miljo: NavMiljo) -> None:
    ut = abonner(miljo.prosjekt, topics.OKONOMI_UT)
    gid = miljo.gjennomforing()
    tilsagn_id = _godkjent_tilsagn(miljo, gid)
    u = miljo.utbetaling(gid)
    u2 = nav_utbetaling.send_til_attestering(u.id, [LinjeForesporsel(None, tilsagn_id, 41_950)], None, SAKSBEHANDLER,
                                             miljo.avh)  # fmt: skip
    assert u2.status == "TIL_ATTESTERING"
    linje = miljo.linjer(u.id)[0]
    ferdig = nav_utbetaling.attester(linje["id"], ATTESTANT, miljo.avh)
    assert ferdig.status == "FERDIG_BEHANDLET"

    meldinger = hent_meldinger(ut, 2)
    assert [(d["type"], a["type"], k) for d, a, k in meldinger] == [
        ("BESTILLING", "BESTILLING", "A-2025/7-1"),
        ("FAKTURA", "FAKTURA", "A-2025/7-1"),
    ]
    faktura = meldinger[1][0]
    assert faktura["fakturanummer"] == "A-2025/7-1-1" and faktura["belop"] == 41_950
    vent_til(lambda: all(p["sendt"] for p in miljo.utsendinger()))
    assert len(miljo.utsendinger()) == 2 and miljo.usendte_i_indeksen() == set()

    status = {"fakturanummer": "A-2025/7-1-1", "status": "FULLT_BETALT",
              "fakturaStatusSistOppdatert": "2025-12-09T10:00:00+01:00"}  # fmt: skip
    publiser(miljo.prosjekt, topics.OKONOMI_INN, status)
    publiser(miljo.prosjekt, topics.OKONOMI_INN, status)  # a duplicate changes nothing
    foreldet = status | {"status": "SENDT", "fakturaStatusSistOppdatert": "2025-12-08T10:00:00+01:00"}
    publiser(miljo.prosjekt, topics.OKONOMI_INN, foreldet)  # stale: earlier than the applied status
    vent_til(lambda: miljo.hent(u).status == "UTBETALT")
    vent_til(lambda: miljo.historikk(u.id).count("Betaling for tilsagn A-2025/7-1 er utbetalt") == 1)
    assert miljo.linjer(u.id)[0]["status"] == "UTBETALT"
    assert sorted(miljo.historikk(u.id)) == [
        "Betaling for tilsagn A-2025/7-1 er utbetalt",
        "Overført til utbetaling",
        "Utbetaling sendt til attestering",
        "Utbetalingslinje attestert",
    ]
    assert miljo.historikk(tilsagn_id) == ["Sendt til godkjenning", "Tilsagn godkjent"]


def test_ukjent_fakturanummer_gaar_til_dead_letter(miljo: NavMiljo) -> None:
    dlq = f"projects/{miljo.prosjekt}/subscriptions/{topics.dlq(topics.OKONOMI_INN)}"
    ukjent = {
        "fakturanummer": "A-1999/1-1-1",
        "status": "FULLT_BETALT",
        "fakturaStatusSistOppdatert": "2025-12-09T10:00:00+01:00",
    }
    publiser(miljo.prosjekt, topics.OKONOMI_INN, ukjent)
    assert [d["fakturanummer"] for d, _, _ in hent_meldinger(dlq, 1)] == ["A-1999/1-1-1"]


def test_samtidige_attesteringer_av_en_linje_gir_en_vinner_og_en_faktura(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    tilsagn_id = _godkjent_tilsagn(miljo, gid)
    u = miljo.utbetaling(gid)
    nav_utbetaling.send_til_attestering(u.id, [LinjeForesporsel(None, tilsagn_id, 41_950)], None, SAKSBEHANDLER,
                                        miljo.avh)  # fmt: skip
    linje_id = miljo.linjer(u.id)[0]["id"]
    resultater: list[str] = []

    def attester(ansatt: object) -> None:
        try:
            resultater.append(nav_utbetaling.attester(linje_id, ansatt, miljo.avh).status)  # type: ignore[arg-type]
        except DomeneFeil as e:
            resultater.append(str(e))

    traader = [threading.Thread(target=attester, args=(a,)) for a in (ATTESTANT, ATTESTANT_2)]
    for t in traader:
        t.start()
    for t in traader:
        t.join()
    # The loser re-runs its checks on the committed state: the claim is FERDIG_BEHANDLET by then.
    assert sorted(resultater) == ["FERDIG_BEHANDLET", "Utbetalingen kan ikke attesteres"]
    assert [p["fakturanummer"] for p in miljo.utsendinger() if p["type"] == "FAKTURA"] == ["A-2025/7-1-1"]


def test_aft_betaler_seg_selv_naar_ett_tilsagn_dekker_perioden(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    tilsagn_id = _godkjent_tilsagn(miljo, gid, slutt=date(2025, 11, 30))
    u = miljo.utbetaling(gid)

    def godkjenn(tx):  # type: ignore[no-untyped-def]
        svar = forsok_automatisk_utbetaling(tx, u, tidspunkt=u.updated_at)
        tx.lagre_utbetaling(svar.utbetaling, None, "ARRANGOR")
        return svar

    svar = miljo.repo.i_transaksjon(godkjenn)
    assert svar.kode == "UTBETALT_AUTOMATISK"
    assert miljo.hent(u).status == "FERDIG_BEHANDLET"
    [linje] = miljo.linjer(u.id)
    assert (linje["status"], linje["gjor_opp_tilsagn"], linje["totrinnskontroll"]["behandlet_av"]["type"]) == (
        "OVERFORT_TIL_UTBETALING", True, "SYSTEM")  # fmt: skip
    t = miljo.repo.i_transaksjon(lambda tx: tx.hent_tilsagn([tilsagn_id]))[tilsagn_id]
    assert (t.status, t.belop_brukt) == ("OPPGJORT", 41_950)
    # The same claim again (a redelivered request): lines exist, nothing more is paid.
    igjen = miljo.repo.i_transaksjon(lambda tx: forsok_automatisk_utbetaling(tx, u, tidspunkt=u.updated_at))
    assert igjen.kode in ("FEIL_ANTALL_TILSAGN", "UTBETALINGLINJER_ALLEREDE_OPPRETTET")
    assert len([p for p in miljo.utsendinger() if p["type"] == "FAKTURA"]) == 1
