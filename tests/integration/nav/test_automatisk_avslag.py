"""Each reason the AFT/VTA automatic path declines (domene.md §6.6), on the emulators through the helper the
arrangør godkjenn calls: the claim is returned unchanged and nothing is written (no line, no FAKTURA, no tilsagn
change). The godkjenn wiring itself is tested with the arrangør API."""

from __future__ import annotations

from datetime import date

import pytest

from emulators.klargjoring import Prosjektoppsett
from shared.domain.nav.totrinnskontroll import Kontrolltype, system_godkjent
from shared.domain.tilsagn.behandling import NyttTilsagn
from shared.domain.tilsagn.tilsagn import TilsagnType
from shared.domain.utbetaling.automatisk import Resultatkode
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.service.nav import tilsagn as nav_tilsagn
from shared.service.nav.automatisk_utbetaling import forsok_automatisk_utbetaling
from tests.integration.nav._hjelp import BESLUTTER, KOSTNADSSTED, SAKSBEHANDLER, NavMiljo, lag_miljo


@pytest.fixture
def miljo(isolert_prosjekt: Prosjektoppsett) -> NavMiljo:
    return lag_miljo(isolert_prosjekt.prosjekt)


def _tilsagn(m: NavMiljo, gid: str, start: date = date(2025, 7, 1), slutt: date = date(2025, 12, 31)) -> str:
    n = NyttTilsagn(gid, TilsagnType.TILSAGN, start, slutt, KOSTNADSSTED, antall_plasser=2)
    return nav_tilsagn.godkjenn(nav_tilsagn.opprett(n, SAKSBEHANDLER, m.avh).id, BESLUTTER, m.avh).id


def _forsok_uten_virkning(m: NavMiljo, u: Utbetaling, tilsagn: list[str]) -> Resultatkode:
    for_ = m.repo.i_transaksjon(lambda tx: tx.hent_tilsagn(tilsagn))
    linjer_for = m.linjer(u.id)
    fakturaer_for = [p for p in m.utsendinger() if p["type"] == "FAKTURA"]

    def godkjenn(tx):  # type: ignore[no-untyped-def]
        svar = forsok_automatisk_utbetaling(tx, u, tidspunkt=u.updated_at)
        tx.lagre_utbetaling(svar.utbetaling, None, "ARRANGOR")
        return svar

    svar = m.repo.i_transaksjon(godkjenn)
    assert svar.utbetaling == u
    assert m.hent(u).status == "TIL_BEHANDLING"
    assert m.linjer(u.id) == linjer_for
    assert [p for p in m.utsendinger() if p["type"] == "FAKTURA"] == fakturaer_for
    assert m.repo.i_transaksjon(lambda tx: tx.hent_tilsagn(tilsagn)) == for_
    return Resultatkode(svar.kode)


def test_ingen_godkjente_tilsagn_gir_feil_antall_tilsagn(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    u = miljo.utbetaling(gid)
    assert _forsok_uten_virkning(miljo, u, []) is Resultatkode.FEIL_ANTALL_TILSAGN


def test_to_dekkende_tilsagn_gir_feil_antall_tilsagn(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    ider = [_tilsagn(miljo, gid), _tilsagn(miljo, gid, start=date(2025, 11, 1))]
    u = miljo.utbetaling(gid)
    assert _forsok_uten_virkning(miljo, u, ider) is Resultatkode.FEIL_ANTALL_TILSAGN


def test_tilsagn_utenfor_perioden_gir_feil_antall_tilsagn(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    ider = [_tilsagn(miljo, gid, start=date(2025, 12, 1), slutt=date(2025, 12, 31))]
    u = miljo.utbetaling(gid)
    assert _forsok_uten_virkning(miljo, u, ider) is Resultatkode.FEIL_ANTALL_TILSAGN


def test_for_lite_igjen_paa_tilsagnet_gir_ikke_nok_penger(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    tid = _tilsagn(miljo, gid)
    t = miljo.repo.i_transaksjon(lambda tx: tx.hent_tilsagn([tid]))[tid]
    u = miljo.utbetaling(gid, belop=t.belop + 1)
    assert _forsok_uten_virkning(miljo, u, [tid]) is Resultatkode.IKKE_NOK_PENGER


def test_eksisterende_linjer_gir_utbetalinglinjer_allerede_opprettet(miljo: NavMiljo) -> None:
    gid = miljo.gjennomforing()
    tid = _tilsagn(miljo, gid)
    u = miljo.utbetaling(gid)
    t = miljo.repo.i_transaksjon(lambda tx: tx.hent_tilsagn([tid]))[tid]
    returnert = Utbetalingslinje(
        id="l-returnert", utbetaling_id=u.id, tilsagn_id=tid, periode_start=u.periode_start,
        periode_slutt=u.periode_slutt, belop=u.belop, gjor_opp_tilsagn=False, lopenummer=1,
        fakturanummer=f"{t.bestillingsnummer}-1", status=LinjeStatus.RETURNERT,
        totrinnskontroll=system_godkjent(Kontrolltype.ATTESTERING, u.updated_at),
    )  # fmt: skip
    miljo.repo.i_transaksjon(lambda tx: tx.lagre_linje(returnert, ny=True))
    assert _forsok_uten_virkning(miljo, u, [tid]) is Resultatkode.UTBETALINGLINJER_ALLEREDE_OPPRETTET
