"""Every display builder of the arrangør API and the receipt PDF shows a half-open period inclusive (domene.md §8.1
"Display dates are inclusive"): for any period [start, slutt), what a person sees ends on `slutt − 1 day`, while the
data model's `periode` stays half-open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from shared.domain.felles.kodeverk import TILTAKSTYPER, Sats, Tiltakskode
from shared.domain.felles.periode import Periode
from shared.domain.utbetaling import manuelt_krav as mk
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling, UtbetalingStatus
from shared.edge.arrangor import dto as d
from shared.edge.arrangor import krav_visning as kvis
from shared.edge.arrangor import visning as vis
from shared.edge.arrangor.kvittering_pdf import kvitteringsinnhold
from shared.service.arrangor.arrangorflate import Kontekst, TilsagnListe, UtbetalingVisning
from shared.service.arrangor.manuelt_krav import DeltakerListe, KravRute
from tests.bygg_generering import lag_deltakelse, lag_gjennomforing, lag_tilsagn

NA = datetime(2031, 1, 1, tzinfo=UTC)


@st.composite
def perioder(draw: st.DrawFn) -> Periode:
    start = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
    return Periode(start, start + timedelta(days=draw(st.integers(min_value=1, max_value=400))))


def _dd(dag: date) -> str:
    return dag.strftime("%d.%m.%Y")


def _periode_element(entries: list[d.LabeledDataElement], label: str) -> d.DataElementPeriode:
    verdi = next(e.value for e in entries if e.label == label)
    assert isinstance(verdi, d.DataElementPeriode)
    return verdi


def _visning(p: Periode, stengt: Periode) -> UtbetalingVisning:
    g = lag_gjennomforing(stengt=[(stengt.start, stengt.slutt)])
    u = Utbetaling(
        id="u1", gjennomforing_id=g.id, tiltakskode=g.tiltakskode, arrangor_orgnr=g.arrangor_orgnr,
        periode_start=p.start, periode_slutt=p.slutt, opprinnelse=Opprinnelse.GENERERT,
        status=UtbetalingStatus.GENERERT, prismodell=g.prismodell, belop=20975, valuta="NOK", created_at=NA,
        updated_at=NA,
    )  # fmt: skip
    stykke = {"start": p.start.isoformat(), "slutt": p.slutt.isoformat(), "faktor": "1.0", "sats": 20975}
    inn: dict[str, Any] = {"satser": [{"gjelder_fra": "2025-01-01", "sats": 20975}], "deltakelser": []}
    return UtbetalingVisning(
        u=u, kontekst=Kontekst({g.id: g}, {}, {}), advarsler=[], deltakelser={},
        output={"deltakelser": [{"id": "d1", "perioder": [stykke]}]}, input=inn, kan_vise_beregning=True,
        kan_regenereres=False, idag=NA.date(),
    )  # fmt: skip


@given(perioder())
def test_periode_elementet_slutter_pa_periodens_siste_dag(p: Periode) -> None:
    element = vis.periode_element("Periode", p).value
    assert isinstance(element, d.DataElementPeriode)
    assert (element.start, element.slutt) == (p.start.isoformat(), p.siste_dag.isoformat())
    assert vis.vist_periode(p) == f"{_dd(p.start)} - {_dd(p.slutt - timedelta(days=1))}"


@given(perioder())
def test_tilsagnsperioden_slutter_pa_siste_dag_og_periodefeltet_er_halvapent(p: Periode) -> None:
    g = lag_gjennomforing()
    t = lag_tilsagn(g.id, periode_start=p.start, periode_slutt=p.slutt)
    dto = vis.tilsagn(t, TilsagnListe([t], {g.id: g}, {}))
    assert _periode_element(dto.beregning.entries, "Tilsagnsperiode").slutt == p.siste_dag.isoformat()
    assert dto.periode.slutt == p.slutt


@given(perioder())
def test_kravets_satsperiode_deltakerrader_stengt_og_pdf_slutter_pa_siste_dag(p: Periode) -> None:
    stengt = Periode(p.start, p.start + timedelta(days=1))
    dto = vis.utbetaling(_visning(p, stengt))
    siste = p.siste_dag.isoformat()
    assert _periode_element(dto.beregning.sats_detaljer[0].entries, "Periode").slutt == siste
    assert dto.beregning.deltakelser is not None
    celle = dto.beregning.deltakelser.rows[0].cells["periodeSlutt"]
    assert isinstance(celle, d.DataElementText) and celle.value == siste
    assert dto.periode.slutt == p.slutt
    innhold = kvitteringsinnhold(dto)
    assert innhold.utbetaling[0] == ("Utbetalingsperiode", f"{_dd(p.start)} - {_dd(p.siste_dag)}")
    assert ("Periode", f"{_dd(p.start)} - {_dd(p.siste_dag)}") in innhold.utbetaling
    stengt_rad = dict(innhold.utbetaling)["Det er registrert stengt hos arrangør i følgende perioder"]
    assert stengt_rad == f"{_dd(stengt.start)} - {_dd(stengt.start)} Stengt"


@given(perioder(), st.integers(min_value=0, max_value=30))
def test_timepris_deltakere_og_satsfoten_slutter_pa_siste_dag(p: Periode, inn_i: int) -> None:
    g = lag_gjennomforing(tiltakskode="OPPFOLGING", prismodell="AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER")
    rute = KravRute(g, mk.KravModell.TIMEPRIS, TILTAKSTYPER[Tiltakskode.OPPFOLGING])
    tellende = Periode(min(p.start + timedelta(days=inn_i), p.siste_dag), p.slutt)
    liste = DeltakerListe(rute, p, [(lag_deltakelse(g.id), (tellende.start, tellende.slutt))], [],
                          [(Sats(date(2025, 1, 1), 1200), p)])  # fmt: skip
    dto = kvis.deltakere(liste)
    celle = dto.tabell.rows[0].cells["sluttDatoPeriode"]
    assert isinstance(celle, d.DataElementText) and celle.value == p.siste_dag.isoformat()
    assert _periode_element(dto.tabell_footer[0].entries, "Periode").slutt == p.siste_dag.isoformat()


@given(perioder())
def test_tiltaksperioden_slutter_pa_gjennomforingens_siste_dag(p: Periode) -> None:
    g = lag_gjennomforing(start_dato=p.start, slutt_dato=p.siste_dag)
    element = vis.tiltaksperiode(g).value
    assert isinstance(element, d.DataElementPeriode)
    assert (element.start, element.slutt) == (p.start.isoformat(), p.siste_dag.isoformat())
