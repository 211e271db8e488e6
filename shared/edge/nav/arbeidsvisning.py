"""Handlers and routes of Nav's work views (issue 16 §3), added to the Nav API's route table (api.py): tilsagn list
and detail, claims per gjennomføring and per kostnadssted, the claim detail with the arrangør's calculation pieces
and the caller's actions, the change logs and the oppgaveoversikt. Sorting and paging in memory as §8.1."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import flask

from shared import bootstrap_nav
from shared.domain.nav.tilgang import NavAnsatt
from shared.edge.arrangor import visning as vis
from shared.edge.http.auth import NavBruker
from shared.edge.http.ruting import Foresporsel, Rute, json_svar
from shared.edge.nav import arbeidsvisning_dto as a
from shared.edge.nav import dto as d
from shared.service.arbeidsvisning import oppgaver as opp
from shared.service.arbeidsvisning import visninger as v
from shared.service.arbeidsvisning.ports import Arbeidsavh, Historikkrad

BASE = "/api/nav"
F = Foresporsel[NavBruker]
T = TypeVar("T")
_SIST: date = date.max


def _ansatt(f: F) -> NavAnsatt:
    return bootstrap_nav.tilganger().hent(f.bruker.navident, f.bruker.grupper)


def _avh() -> Arbeidsavh:
    return bootstrap_nav.arbeidsvisning()


def _side(
    elementer: list[T], q: a.Side, nokkel: Callable[[T], Any], id_: Callable[[T], str]
) -> tuple[d.PagineringDto, list[T]]:
    sortert = vis.sorter(elementer, nokkel, id_, q.direction == "DESC")
    p, data = vis.side(sortert, q.page, q.size)
    return d.PagineringDto(total_count=p.total_count, page_size=p.page_size, total_pages=p.total_pages), data


# ----------------------------------------------------------------------------- tilsagn


def _tilsagn_rad(t: v.TilsagnVisning) -> a.TilsagnRadDto:
    return a.TilsagnRadDto(**d.TilsagnDto.fra(t.tilsagn).model_dump(), handlinger=[h.value for h in t.handlinger])


TILSAGN_NOKLER: dict[str, Callable[[v.TilsagnVisning], Any]] = {
    "START_DATO": lambda t: t.tilsagn.periode_start,
    "SLUTT_DATO": lambda t: t.tilsagn.periode_slutt,
    "TILSAGN": lambda t: t.tilsagn.bestillingsnummer or "",
    "STATUS": lambda t: t.tilsagn.status.value,
    "BELOP": lambda t: t.tilsagn.belop,
}


def list_tilsagn(f: F) -> flask.Response:
    q = f.query(a.TilsagnListeQuery)
    alle = v.list_tilsagn(q.gjennomforing_id, q.status, q.kostnadssted, _ansatt(f), _avh())
    p, data = _side(alle, q, TILSAGN_NOKLER[q.order_by], lambda t: t.tilsagn.id)
    return json_svar(a.TilsagnSide(pagination=p, data=[_tilsagn_rad(t) for t in data]))


def hent_tilsagn(f: F) -> flask.Response:
    return json_svar(_tilsagn_rad(v.hent_tilsagn(f.params["id"], _ansatt(f), _avh())))


def _historikk(rader: Sequence[Historikkrad]) -> flask.Response:
    return json_svar([a.HistorikkDto(tidspunkt=r.tidspunkt, operasjon=r.operasjon, utfort_av=r.utfort_av,
                                     status=r.status) for r in rader])  # fmt: skip


def tilsagn_historikk(f: F) -> flask.Response:
    return _historikk(v.tilsagn_historikk(f.params["id"], _ansatt(f), _avh()))


# ----------------------------------------------------------------------------- utbetaling


UTBETALING_NOKLER: dict[str, Callable[[v.UtbetalingRad], Any]] = {
    "PERIODE": lambda r: r.utbetaling.periode_start,
    "BELOP": lambda r: r.utbetaling.belop,
    "STATUS": lambda r: r.utbetaling.status.value,
    "ENDRET": lambda r: r.utbetaling.updated_at,
}


def _utbetaling_side(rader: list[v.UtbetalingRad], q: a.UtbetalingListeQuery) -> flask.Response:
    p, data = _side(rader, q, UTBETALING_NOKLER[q.order_by], lambda r: r.utbetaling.id)
    dto = [a.UtbetalingRadDto(**d.UtbetalingRadDto.fra(r.utbetaling).model_dump(),
                              tilskuddstype=r.utbetaling.tilskuddstype.value,
                              kostnadssteder=sorted(r.kostnadssteder)) for r in data]  # fmt: skip
    return json_svar(a.UtbetalingSide(pagination=p, data=dto))


def utbetalinger_for_gjennomforing(f: F) -> flask.Response:
    q = f.query(a.UtbetalingListeQuery, lister=("status",))
    return _utbetaling_side(v.utbetalinger_for_gjennomforing(f.params["id"], q.status, _ansatt(f), _avh()), q)


def utbetalinger_ved(f: F) -> flask.Response:
    q = f.query(a.UtbetalingListeQuery, lister=("status",))
    return _utbetaling_side(v.utbetalinger_ved(f.params["kostnadssted"], q.status, _ansatt(f), _avh()), q)


def _kaller(f: F) -> v.Kaller:
    return v.Kaller(_ansatt(f), f.korrelasjon_id)


def hent_detaljer(f: F) -> flask.Response:
    detaljer = v.hent_utbetaling(f.params["id"], _kaller(f), _avh(), "GET /api/nav/utbetaling/{id}/detaljer")
    arr = vis.utbetaling(detaljer.visning)
    kandidater = [detaljer.tilsagn[i] for i in detaljer.kandidater]
    linjer = []
    for linje in detaljer.linjer:
        t = detaljer.tilsagn.get(linje.tilsagn_id)
        egne = [linje.tilsagn_id] if linje.tilsagn_id in detaljer.kandidater else []
        linjer.append(a.LinjeDetaljDto(
            linje=d.UtbetalingslinjeDto.fra(linje), tilsagn=d.TilsagnDto.fra(t) if t else None,
            kandidat_tilsagn_ider=egne + [i for i in detaljer.kandidater if i != linje.tilsagn_id],
            handlinger=[h.value for h in detaljer.linje_handlinger.get(linje.id, [])],
        ))  # fmt: skip
    dto = a.UtbetalingDetaljerDto(
        utbetaling=d.UtbetalingDto.fra(detaljer.visning.u, detaljer.linjer),
        kostnadssteder=sorted(detaljer.kostnadssteder), handlinger=[h.value for h in detaljer.handlinger],
        linjer=linjer, kandidat_tilsagn=[d.TilsagnDto.fra(t) for t in kandidater],
        kan_vise_beregning=arr.kan_vise_beregning, beregning=arr.beregning, advarsler=arr.advarsler,
        blokkeringer=arr.blokkeringer, innsendingsdetaljer=arr.innsendingsdetaljer,
    )  # fmt: skip
    return json_svar(dto)


def utbetaling_historikk(f: F) -> flask.Response:
    return _historikk(v.utbetaling_historikk(f.params["id"], _kaller(f), _avh()))


# ----------------------------------------------------------------------------- oppgaver


def oppgaveoversikt(f: F) -> flask.Response:
    q = f.query(a.OppgaveQuery)
    alle = opp.oppgaveoversikt(_ansatt(f), _avh())
    p, data = _side(alle, q, lambda o: o.siden, lambda o: o.dokument_id)
    dto = [a.OppgaveDto(type=o.type.value, dokument_type=o.dokument_type, dokument_id=o.dokument_id,
                        gjennomforing_id=o.gjennomforing_id, kostnadssteder=list(o.kostnadssteder), status=o.status,
                        belop=o.belop, valuta=o.valuta, siden=o.siden) for o in data]  # fmt: skip
    return json_svar(a.OppgaveSide(pagination=p, data=dto))


def _r(sti: str, handler: Any, op: str, **kw: Any) -> Rute:
    return Rute("GET", BASE + sti, handler, operasjon_id=op, tagger=("Nav",), **kw)


RUTER: list[Rute] = [
    _r("/tilsagn", list_tilsagn, "listTilsagn", query=a.TilsagnListeQuery, svar=a.TilsagnSide),
    _r("/tilsagn/{id}", hent_tilsagn, "hentTilsagn", svar=a.TilsagnRadDto),
    _r("/tilsagn/{id}/endringshistorikk", tilsagn_historikk, "tilsagnEndringshistorikk", svar=list[a.HistorikkDto]),
    _r("/gjennomforing/{id}/utbetaling", utbetalinger_for_gjennomforing, "listUtbetalingerForGjennomforing",
       query=a.UtbetalingListeQuery, query_lister=("status",), svar=a.UtbetalingSide),
    _r("/kostnadssted/{kostnadssted}/utbetaling", utbetalinger_ved, "listUtbetalingerForKostnadssted",
       query=a.UtbetalingListeQuery, query_lister=("status",), svar=a.UtbetalingSide),
    _r("/utbetaling/{id}/detaljer", hent_detaljer, "hentUtbetalingDetaljer", svar=a.UtbetalingDetaljerDto),
    _r("/utbetaling/{id}/endringshistorikk", utbetaling_historikk, "utbetalingEndringshistorikk",
       svar=list[a.HistorikkDto]),
    _r("/oppgaver", oppgaveoversikt, "oppgaveoversikt", query=a.OppgaveQuery, svar=a.OppgaveSide),
]  # fmt: skip
"""Every work view is a GET: none of them changes anything, so the read-only role may call each one."""
