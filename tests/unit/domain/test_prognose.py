"""The spend forecast per tilsagn and its roll-up (issue 18 part 3): exact kroner, the month a tilsagn runs out."""

from __future__ import annotations

from datetime import date

from shared.domain.prognose.sammendrag import prosent, rull_opp
from shared.domain.prognose.tilsagn import Flagg, TilsagnPrognose, prognose_for
from shared.domain.tilsagn.tilsagn import TilsagnType
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from tests.bygg_prognose import AR, IDAG, SATS, lag_grunnlag

_U = UtbetalingStatus
TO_PLASSER = 2 * SATS  # 43 460 a month
BETALT_JAN_FEB = [(1, TO_PLASSER, _U.UTBETALT), (2, TO_PLASSER, _U.FERDIG_BEHANDLET)]


def _alle_heltall(t: TilsagnPrognose) -> bool:
    return all(type(v) is int for v in (t.belop, t.brukt, t.ventende, t.prognose, t.forventet))


def test_forventet_bruk_er_brukt_pluss_motoren_for_hver_gjenstaende_maned() -> None:
    g = lag_grunnlag([None, None], [{"belop": 12 * TO_PLASSER, "belop_brukt": 2 * TO_PLASSER}], BETALT_JAN_FEB)

    p = prognose_for(g, AR, IDAG)

    (t,) = p.tilsagn
    assert (t.brukt, t.ventende, t.prognose, t.forventet) == (86_920, 0, 434_600, 521_520)
    assert t.flagg == () and t.gar_tom_maned is None and _alle_heltall(t)
    assert [m.prognose for m in p.maneder] == [0, 0] + [TO_PLASSER] * 10
    assert [m.faktisk for m in p.maneder] == [TO_PLASSER, TO_PLASSER] + [0] * 10


def test_tilsagn_som_gar_tom_flagges_i_maneden_det_gar_tom() -> None:
    # room after Jan–Feb: 300 000 − 86 920 = 213 080; Mar–Jun take 173 840, July wants 43 460 of the 39 240 left
    g = lag_grunnlag([None, None], [{"belop": 300_000, "belop_brukt": 2 * TO_PLASSER}], BETALT_JAN_FEB)

    (t,) = prognose_for(g, AR, IDAG).tilsagn

    assert t.flagg == (Flagg.GAR_TOM,)
    assert t.gar_tom_maned == "2026-07"
    assert t.forventet == 521_520 and t.forventet - t.belop == 221_520


def test_kjente_sluttdatoer_gir_lite_brukt_tilsagn() -> None:
    # one participant ends 30 June: Mar–Jun two places, Jul–Dec one; 391 140 is below 80 % of 521 520
    g = lag_grunnlag([None, date(AR, 6, 30)], [{"belop": 521_520, "belop_brukt": 86_920}], BETALT_JAN_FEB)

    (t,) = prognose_for(g, AR, IDAG).tilsagn

    assert t.prognose == 4 * TO_PLASSER + 6 * SATS == 304_220
    assert t.flagg == (Flagg.LITE_BRUKT,)


def test_stengt_trekkes_fra_i_prognosen() -> None:
    # stengt the whole of April (22 of 22 weekdays): April costs nothing
    g = lag_grunnlag([None], [{"belop": 12 * SATS}], stengt=[(date(AR, 4, 1), date(AR, 5, 1))])

    p = prognose_for(g, AR, date(AR, 1, 2))

    assert p.maneder[3].prognose == 0
    assert p.tilsagn[0].prognose == 11 * SATS


def test_krav_som_ikke_er_godkjent_telles_med_sitt_belop_og_ikke_med_motoren() -> None:
    krav = [(1, TO_PLASSER, _U.UTBETALT), (2, 40_000, _U.TIL_BEHANDLING)]
    g = lag_grunnlag([None, None], [{"belop": 12 * TO_PLASSER, "belop_brukt": TO_PLASSER}], krav)

    (t,) = prognose_for(g, AR, IDAG).tilsagn

    assert (t.brukt, t.ventende, t.prognose) == (TO_PLASSER, 40_000, 10 * TO_PLASSER)


def test_maned_som_er_generert_uten_krav_koster_ingenting() -> None:
    g = lag_grunnlag([None], [{"belop": 12 * SATS}])

    (t,) = prognose_for(g, AR, IDAG).tilsagn

    assert t.prognose == 10 * SATS


def test_ekstratilsagn_tar_det_forste_tilsagnet_ikke_rommer() -> None:
    tilsagn = [{"belop": 300_000, "belop_brukt": 86_920},
               {"belop": 300_000, "type": TilsagnType.EKSTRATILSAGN}]  # fmt: skip
    g = lag_grunnlag([None, None], tilsagn, BETALT_JAN_FEB)

    forste, ekstra = prognose_for(g, AR, IDAG).tilsagn

    assert (forste.forventet, forste.gar_tom_maned) == (300_000, "2026-07")
    assert ekstra.forventet == 434_600 - 213_080 == 221_520
    assert ekstra.flagg == (Flagg.LITE_BRUKT,)


def test_maneder_uten_tilsagn_telles_som_forbruk_uten_dekning() -> None:
    g = lag_grunnlag([None], [{"belop": 6 * SATS, "periode_slutt": date(AR, 7, 1)}])

    p = prognose_for(g, AR, date(AR, 1, 2))

    assert p.tilsagn[0].forventet == 6 * SATS
    assert p.uten_tilsagn == 6 * SATS


def test_oppsummeringen_summerer_per_tiltakstype_og_kostnadssted_og_mot_budsjett() -> None:
    a = prognose_for(lag_grunnlag([None, None], [{"belop": 300_000, "belop_brukt": 86_920}], BETALT_JAN_FEB), AR, IDAG)
    b = prognose_for(lag_grunnlag([None], [{"belop": 12 * SATS, "kostnadssted": "1201"}]), AR, IDAG)
    c = prognose_for(lag_grunnlag([None], [{"belop": 12 * SATS, "kostnadssted": "1201"}]), AR, IDAG)

    p = rull_opp(AR, IDAG, [a, b, c], budsjett=900_000)

    rader = {(r.tiltakskode, r.kostnadssted): r for r in p.rader}
    oslo, bergen = rader[("ARBEIDSFORBEREDENDE_TRENING", "0387")], rader[("ARBEIDSFORBEREDENDE_TRENING", "1201")]
    assert (oslo.tilsagn_sum, oslo.brukt, oslo.forventet, oslo.gar_tom) == (300_000, 86_920, 521_520, 1)
    assert (bergen.antall_tilsagn, bergen.tilsagn_sum, bergen.forventet) == (2, 521_520, 2 * 10 * SATS)
    assert p.forventet == 521_520 + 434_600 == 956_120 and p.tilsagn_sum == 821_520
    assert p.overforbruk and oslo.avvik == 221_520
    assert sum(m.faktisk + m.prognose for m in p.maneder) == 956_120
    assert prosent(p.forventet, 900_000) == prosent(956_120, 900_000) and str(prosent(1, 3)) == "33.3"
