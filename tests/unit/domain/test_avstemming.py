"""Reconciliation's checks on a small ledger (issue 18 part 1): a clean one reports nothing, and each injected
discrepancy is found with its ids and amounts."""

from __future__ import annotations

from datetime import date, timedelta

from shared.domain.avstemming.avstem import avstem
from shared.domain.avstemming.avvik import Avstemmingsgrunnlag, Avvikstype
from shared.domain.avstemming.grensesnitt import grensesnittavstemminger
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.felles.periode import Periode
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import Faktura, Fakturastatus, LinjeStatus
from tests.bygg_avstemming import NA, SENDT, lag_bok

A = Avvikstype


def _typer(g: Avstemmingsgrunnlag) -> list[Avvikstype]:
    return [a.type for a in avstem(g, NA).avvik]


def test_en_ren_maned_gir_ingen_avvik() -> None:
    bok = lag_bok()
    rapport = avstem(bok.grunnlag(), NA, Periode(date(2025, 11, 1), date(2025, 12, 1)))
    assert rapport.ok and rapport.avvik == ()
    assert (rapport.antall_utbetalinger, rapport.antall_linjer, rapport.antall_fakturaer) == (1, 1, 1)
    assert rapport.sum_godkjent == bok.linje.belop == 41_950


def test_et_handredigert_belop_blir_funnet_med_begge_belopene() -> None:
    bok = lag_bok()
    bok.utbetaling = bok.utbetaling.model_copy(update={"belop": 41_951})
    avvik = avstem(bok.grunnlag(), NA).avvik
    ulik = [a for a in avvik if a.type is A.BELOP_ULIK_BEREGNING]
    assert [(a.utbetaling_id, a.forventet, a.faktisk) for a in ulik] == [("u-1", 41_950, 41_951)]
    assert A.LINJESUM_ULIK_BELOP in [a.type for a in avvik]  # the lines no longer sum to the edited amount


def test_en_manglende_faktura_blir_funnet() -> None:
    g = lag_bok().grunnlag()
    uten = Avstemmingsgrunnlag(g.utbetalinger, g.linjer, g.tilsagn, ())
    avvik = avstem(uten, NA).avvik
    assert [(a.type, a.linje_id, a.fakturanummer) for a in avvik] == [(A.FAKTURA_MANGLER, "l-1", "A-2025/1-1-1")]


def test_en_duplisert_betalingsstatus_blir_funnet_som_betalt_to_ganger() -> None:
    bok = lag_bok()
    kopi = bok.linje.model_copy(update={"id": "l-kopi"})
    g = Avstemmingsgrunnlag((bok.utbetaling,), (bok.linje, kopi), (bok.tilsagn,), (bok.faktura,))
    typer = _typer(g)
    assert A.BETALT_FLERE_GANGER in typer
    assert A.BRUKT_ULIK_LINJESUM in typer  # the copy also counts against the tilsagn


def test_et_tilsagn_med_redigert_brukt_blir_funnet() -> None:
    bok = lag_bok()
    bok.tilsagn = bok.tilsagn.model_copy(update={"belop_brukt": 10_000})
    avvik = avstem(bok.grunnlag(), NA).avvik
    assert [(a.type, a.tilsagn_id, a.forventet, a.faktisk) for a in avvik] == [
        (A.BRUKT_ULIK_LINJESUM, "t-1", 41_950, 10_000)
    ]


def test_negativt_gjenstaende_blir_funnet() -> None:
    bok = lag_bok()
    bok.tilsagn = bok.tilsagn.model_copy(update={"belop": 40_000})
    assert _typer(bok.grunnlag()) == [A.NEGATIV_GJENSTAENDE]


def test_mindre_utbetalt_med_begrunnelse_er_ikke_avvik_men_uten_er() -> None:
    bok = lag_bok()
    bok.utbetaling = bok.utbetaling.model_copy(update={"beregning_gz": None, "belop": 50_000})
    assert _typer(bok.grunnlag()) == [A.LINJESUM_ULIK_BELOP]
    bok.utbetaling = bok.utbetaling.model_copy(update={"begrunnelse_mindre_betalt": "Avtalt med arrangør"})
    assert _typer(bok.grunnlag()) == []


def test_linje_pa_tilsagn_som_ikke_var_godkjent_blir_funnet() -> None:
    bok = lag_bok()
    bok.tilsagn = bok.tilsagn.model_copy(update={"status": TilsagnStatus.ANNULLERT})
    assert _typer(bok.grunnlag()) == [A.LINJE_PA_UGYLDIG_TILSAGN]


def test_faktura_uten_status_etter_forventet_tid_blir_funnet_men_ikke_for() -> None:
    bok = lag_bok()
    bok.linje = bok.linje.model_copy(update={"status": LinjeStatus.OVERFORT_TIL_UTBETALING, "faktura": Faktura()})
    bok.utbetaling = bok.utbetaling.model_copy(update={"status": UtbetalingStatus.FERDIG_BEHANDLET})
    assert [a.type for a in avstem(bok.grunnlag(), SENDT + timedelta(hours=1)).avvik] == []
    assert _typer(bok.grunnlag()) == [A.STATUS_MANGLER]


def test_faktura_som_ikke_er_sendt_og_betalt_krav_uten_betalt_linje_blir_funnet() -> None:
    bok = lag_bok()
    bok.faktura = bok.faktura.model_copy(update={"sendt": False, "sendt_tidspunkt": None})
    assert _typer(bok.grunnlag()) == [A.FAKTURA_IKKE_SENDT]
    bok = lag_bok()
    bok.linje = bok.linje.model_copy(update={"status": LinjeStatus.OVERFORT_TIL_UTBETALING})
    assert _typer(bok.grunnlag()) == [A.BETALT_UTEN_LINJE]


def test_faktura_uten_linje_er_betalt_uten_linje() -> None:
    g = lag_bok().grunnlag()
    foreldrelos = lag_bok(suffiks="2").faktura
    typer = _typer(Avstemmingsgrunnlag(g.utbetalinger, g.linjer, g.tilsagn, (*g.fakturaer, foreldrelos)))
    assert typer == [A.BETALT_UTEN_LINJE]


def test_avgrensning_til_en_annen_maned_ser_ikke_novembers_krav() -> None:
    bok = lag_bok()
    bok.utbetaling = bok.utbetaling.model_copy(update={"belop": 1})
    rapport = avstem(bok.grunnlag(), NA, Periode(date(2026, 2, 1), date(2026, 3, 1)))
    assert rapport.ok and rapport.antall_utbetalinger == 0


def test_grensesnittavstemmingen_teller_dagens_fakturaer_per_status() -> None:
    a, b = lag_bok(suffiks="1"), lag_bok(suffiks="2")
    b.linje = b.linje.model_copy(update={"faktura": Faktura(status=Fakturastatus.FEILET)})
    linjer = {x.fakturanummer: x for x in (a.linje, b.linje)}
    [m] = grensesnittavstemminger(SENDT.date(), (a.faktura, b.faktura), linjer)
    assert (m.antall, m.belop, m.betalt.antall, m.feilet.belop) == (2, 83_900, 1, 41_950)
    assert (m.forste_fakturanummer, m.siste_fakturanummer) == ("A-2025/1-1-1", "A-2025/2-1-1")
    assert m.periode.fra.isoformat() == "2025-12-07T23:00:00+00:00"
    [tom] = grensesnittavstemminger(date(2025, 12, 9), (a.faktura,), linjer)
    assert (tom.antall, tom.belop, tom.forste_fakturanummer, tom.valuta) == (0, 0, None, "NOK")
    assert b'"forsteFakturanummer":null' in tom.til_bytes()
