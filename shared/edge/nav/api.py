"""Handlers and the route table of the Nav API (domene.md §9.1), base path `/api/nav`. Each handler parses, looks
up the employee's roles through the authority port, calls one service function, and maps the result to a DTO.
The role, two-person and state checks (and their exact texts) live in the domain; 401 comes from the token check."""

from __future__ import annotations

from typing import Any

import flask

from shared import bootstrap, bootstrap_avstemming, bootstrap_nav, topics
from shared.domain.grunnlag.stengt import NyStengt
from shared.domain.nav.tilgang import NavAnsatt, sjekk_skrivetilgang
from shared.domain.tilsagn.behandling import NyttTilsagn, TilsagnLinje
from shared.domain.utbetaling.korreksjon import NyKorreksjon
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel
from shared.edge.forklaring import dto as forklaring_dto
from shared.edge.http.auth import NavBruker, autentiser_nav
from shared.edge.http.ruting import Foresporsel, Rute, Ruter, json_svar, tomt_svar
from shared.edge.nav import arbeidsvisning
from shared.edge.nav import dto as d
from shared.edge.nav import prognose_dto as pd
from shared.service.forklaring.forklar import forklar_utbetaling
from shared.service.nav import korreksjon as nav_korreksjon
from shared.service.nav import oppslag as nav_oppslag
from shared.service.nav import stengt as nav_stengt
from shared.service.nav import tilsagn as nav_tilsagn
from shared.service.nav import utbetaling as nav_utbetaling
from shared.service.nav.utbetaling import NavAvhengigheter
from shared.service.prognose import prognose as prognose_tjeneste

BASE = "/api/nav"
F = Foresporsel[NavBruker]


def _ansatt(f: F) -> NavAnsatt:
    return bootstrap_nav.tilganger().hent(f.bruker.navident, f.bruker.grupper)


def _avh() -> NavAvhengigheter:
    return bootstrap_nav.nav()


def _aarsaker(f: F) -> tuple[tuple[str, ...], str | None]:
    b = f.json(d.AarsakerRequest)
    return tuple(b.aarsaker), b.forklaring


# ----------------------------------------------------------------------------- tilsagn


def _nytt_tilsagn(b: d.TilsagnRequest) -> NyttTilsagn:
    linjer = tuple(TilsagnLinje(x.beskrivelse, x.pris, x.antall, x.valuta) for x in b.linjer) if b.linjer else None
    return NyttTilsagn(
        b.gjennomforing_id, b.type, b.periode_start, b.periode_slutt, b.kostnadssted, b.antall_plasser,
        b.antall_timer_oppfolging_per_deltaker, linjer, b.kommentar, b.beskrivelse,
    )  # fmt: skip


def _tilsagn_svar(t: Any, status: int = 200, endret: bool = False) -> flask.Response:
    if endret:  # GODKJENT, ANNULLERT, OPPGJORT recalculate the gjennomføring's GENERERT claims (§7.2)
        nav_stengt.marker_endret(t.gjennomforing_id, bootstrap_nav.omberegning())
    return json_svar(d.TilsagnDto.fra(t), status=status)


def opprett_tilsagn(f: F) -> flask.Response:
    return _tilsagn_svar(nav_tilsagn.opprett(_nytt_tilsagn(f.json(d.TilsagnRequest)), _ansatt(f), _avh()), 201)


def endre_tilsagn(f: F) -> flask.Response:
    n = _nytt_tilsagn(f.json(d.TilsagnRequest))
    return _tilsagn_svar(nav_tilsagn.endre(f.params["id"], n, _ansatt(f), _avh()))


def slett_tilsagn(f: F) -> flask.Response:
    nav_tilsagn.slett(f.params["id"], _ansatt(f), _avh())
    return tomt_svar(204)


def godkjenn_tilsagn(f: F) -> flask.Response:
    return _tilsagn_svar(nav_tilsagn.godkjenn(f.params["id"], _ansatt(f), _avh()), endret=True)


def returner_tilsagn(f: F) -> flask.Response:
    aarsaker, forklaring = _aarsaker(f)
    return _tilsagn_svar(nav_tilsagn.returner(f.params["id"], aarsaker, forklaring, _ansatt(f), _avh()))


def _send_til(handling: str) -> Any:
    def handler(f: F) -> flask.Response:
        aarsaker, forklaring = _aarsaker(f)
        t = nav_tilsagn.send_til(f.params["id"], handling, aarsaker, forklaring, _ansatt(f), _avh())
        return _tilsagn_svar(t)

    return handler


def _beslutt(handling: str, godkjent: bool) -> Any:
    beslutt = nav_tilsagn.beslutt_annullering if handling == "annullering" else nav_tilsagn.beslutt_oppgjor

    def handler(f: F) -> flask.Response:
        aarsaker, forklaring = _aarsaker(f) if not godkjent else ((), None)
        t = beslutt(f.params["id"], _ansatt(f), _avh(), godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring)
        return _tilsagn_svar(t, endret=godkjent)

    return handler


# ----------------------------------------------------------------------------- utbetaling


def _detalj(f: F, utbetaling_id: str, status: int = 200) -> flask.Response:
    v = nav_oppslag.hent_utbetaling(utbetaling_id, _ansatt(f), _avh())
    return json_svar(d.UtbetalingDto.fra(v.utbetaling, v.linjer), status=status)


def list_utbetalinger(f: F) -> flask.Response:
    q = f.query(d.UtbetalingQuery)
    status = q.status.value if q.status else None
    alle = nav_oppslag.list_utbetalinger(status, q.kostnadssted, _ansatt(f), _avh())
    size, page = min(max(q.size, 1), 100), max(q.page, 1)
    side = alle[(page - 1) * size : page * size]
    pagination = d.PagineringDto(total_count=len(alle), page_size=size, total_pages=-(-len(alle) // size))
    return json_svar(d.UtbetalingListeDto(pagination=pagination, data=[d.UtbetalingRadDto.fra(u) for u in side]))


def hent_utbetaling(f: F) -> flask.Response:
    return _detalj(f, f.params["id"])


def forklar(f: F) -> flask.Response:
    """Why the amount changed (issue 18): the same readers as the claim itself."""
    v = nav_oppslag.hent_utbetaling(f.params["id"], _ansatt(f), _avh())
    u, endringer = forklar_utbetaling(v.utbetaling.id, kilde=bootstrap_avstemming.forklaringskilde())
    return json_svar(forklaring_dto.forklaring(u.id, u.belop, endringer))


def send_til_attestering(f: F) -> flask.Response:
    b = f.json(d.UtbetalingLinjerRequest)
    linjer = [LinjeForesporsel(x.id, x.tilsagn_id, x.belop, x.gjor_opp_tilsagn) for x in b.utbetaling_linjer]
    ansatt = _ansatt(f)
    u = nav_utbetaling.send_til_attestering(f.params["id"], linjer, b.begrunnelse_mindre_betalt, ansatt, _avh())
    return _detalj(f, u.id)


def attester(f: F) -> flask.Response:
    return _detalj(f, nav_utbetaling.attester(f.params["id"], _ansatt(f), _avh()).id)


def returner_linje(f: F) -> flask.Response:
    aarsaker, forklaring = _aarsaker(f)
    return _detalj(f, nav_utbetaling.returner(f.params["id"], aarsaker, forklaring, _ansatt(f), _avh()).id)


def send_til_avbrytelse(f: F) -> flask.Response:
    aarsaker, forklaring = _aarsaker(f)
    u = nav_utbetaling.send_til_avbrytelse(f.params["id"], aarsaker, forklaring, _ansatt(f), _avh())
    return _detalj(f, u.id)


def _beslutt_avbrytelse(godkjent: bool) -> Any:
    def handler(f: F) -> flask.Response:
        aarsaker, forklaring = _aarsaker(f) if not godkjent else ((), None)
        u = nav_utbetaling.beslutt_avbrytelse(f.params["id"], _ansatt(f), _avh(), godkjent=godkjent,
                                              aarsaker=aarsaker, forklaring=forklaring)  # fmt: skip
        return _detalj(f, u.id)

    return handler


def republiser_faktura(f: F) -> flask.Response:
    drift = bootstrap_nav.drift_grupper()
    nav_oppslag.republiser_faktura(f.params["id"], f.bruker.grupper, drift, _ansatt(f), _avh())
    bootstrap.publisher().publiser(topics.UTSENDING_TIKK, b"{}")  # nudge the dispatcher (§10.1)
    return tomt_svar(202)


# ----------------------------------------------------------------------------- stengt and korreksjon


def registrer_stengt(f: F) -> flask.Response:
    b = f.json(d.StengtRequest)
    s = nav_stengt.registrer(f.params["id"], NyStengt(b.periode_start, b.periode_slutt, b.beskrivelse), _ansatt(f),
                             _avh(), bootstrap_nav.omberegning())  # fmt: skip
    from datetime import timedelta

    dto = d.StengtDto(
        id=s.id, periode_start=s.start, periode_slutt=s.slutt - timedelta(days=1), beskrivelse=s.beskrivelse
    )
    return json_svar(dto, status=201)


def slett_stengt(f: F) -> flask.Response:
    nav_stengt.slett(f.params["id"], f.params["stengtId"], _ansatt(f), _avh(), bootstrap_nav.omberegning())
    return tomt_svar(204)


def _korreksjon(b: d.KorreksjonRequest) -> NyKorreksjon:
    return NyKorreksjon(b.gjelder_utbetaling_id, b.periode_start, b.periode_slutt, b.belop, b.begrunnelse,
                        b.kommentar, b.kid)  # fmt: skip


def opprett_korreksjon(f: F) -> flask.Response:
    u = nav_korreksjon.opprett(_korreksjon(f.json(d.KorreksjonRequest)), _ansatt(f), _avh())
    return _detalj(f, u.id, status=201)


def endre_korreksjon(f: F) -> flask.Response:
    u = nav_korreksjon.endre(f.params["id"], _korreksjon(f.json(d.KorreksjonRequest)), _ansatt(f), _avh())
    return _detalj(f, u.id)


def slett_korreksjon(f: F) -> flask.Response:
    nav_korreksjon.slett(f.params["id"], _ansatt(f), _avh())
    return tomt_svar(204)


def _skriving(handler: Any) -> Any:
    """A write route: the read-only role (`OKONOMI_LES` alone) is refused before the request is parsed (issue 16)."""

    def kun_skrivere(f: F) -> flask.Response:
        sjekk_skrivetilgang(_ansatt(f))
        svar: flask.Response = handler(f)
        return svar

    return kun_skrivere


# ----------------------------------------------------------------------------- prognose (issue 18)


def prognose(f: F) -> flask.Response:
    """The year's spend forecast: the same readers as the claims."""
    nav_oppslag.sjekk_leser(_ansatt(f))
    klokke = bootstrap.klokke()
    ar = prognose_tjeneste.les_ar(f.query(pd.PrognoseQuery).ar, klokke.na().date())
    p = prognose_tjeneste.lag_prognose(ar, kilde=bootstrap_avstemming.prognosekilde(), klokke=klokke)
    return json_svar(pd.PrognoseDto.fra(p))


def sett_budsjett(f: F) -> flask.Response:
    ar = prognose_tjeneste.les_ar(f.params["ar"], bootstrap.klokke().na().date())
    belop = f.json(pd.BudsjettRequest).belop
    prognose_tjeneste.sett_budsjett(ar, belop, _ansatt(f), kilde=bootstrap_avstemming.prognosekilde(),
                                    klokke=bootstrap.klokke())  # fmt: skip
    return json_svar(pd.BudsjettDto(ar=ar, belop=belop))


def _r(metode: str, sti: str, handler: Any, op: str, **kw: Any) -> Rute:
    h = handler if metode == "GET" else _skriving(handler)
    return Rute(metode, BASE + sti, h, operasjon_id=op, tagger=("Nav",), **kw)


T, U, L, K = "/tilsagn/{id}", "/utbetaling/{id}", "/utbetalingslinje/{id}", "/korreksjon/{id}"
RUTER_LISTE: list[Rute] = [
    _r("POST", "/tilsagn", opprett_tilsagn, "opprettTilsagn", kropp=d.TilsagnRequest, svar=d.TilsagnDto),
    _r("PUT", T, endre_tilsagn, "endreTilsagn", kropp=d.TilsagnRequest, svar=d.TilsagnDto),
    _r("DELETE", T, slett_tilsagn, "slettTilsagn"),
    _r("POST", T + "/godkjenn", godkjenn_tilsagn, "godkjennTilsagn", svar=d.TilsagnDto),
    _r("POST", T + "/returner", returner_tilsagn, "returnerTilsagn", kropp=d.AarsakerRequest, svar=d.TilsagnDto),
    _r("POST", T + "/annuller", _send_til("annullering"), "annullerTilsagn", kropp=d.AarsakerRequest),
    _r("POST", T + "/gjor-opp", _send_til("oppgjor"), "gjorOppTilsagn", kropp=d.AarsakerRequest),
    _r("POST", T + "/annullering/godkjenn", _beslutt("annullering", True), "godkjennAnnullering"),
    _r("POST", T + "/annullering/avvis", _beslutt("annullering", False), "avvisAnnullering"),
    _r("POST", T + "/oppgjor/godkjenn", _beslutt("oppgjor", True), "godkjennOppgjor"),
    _r("POST", T + "/oppgjor/avvis", _beslutt("oppgjor", False), "avvisOppgjor"),
    _r("GET", "/utbetaling", list_utbetalinger, "listUtbetalinger", query=d.UtbetalingQuery),
    _r("GET", U, hent_utbetaling, "hentUtbetaling", svar=d.UtbetalingDto),
    _r("GET", U + "/forklaring", forklar, "forklarUtbetaling", svar=forklaring_dto.ForklaringDto),
    _r("POST", U + "/linjer", send_til_attestering, "sendTilAttestering", kropp=d.UtbetalingLinjerRequest),
    _r("POST", L + "/attester", attester, "attesterLinje", svar=d.UtbetalingDto),
    _r("POST", L + "/returner", returner_linje, "returnerLinje", kropp=d.AarsakerRequest),
    _r("POST", L + "/republiser-faktura", republiser_faktura, "republiserFaktura", svar_status=202),
    _r("POST", U + "/avbrytelse", send_til_avbrytelse, "sendTilAvbrytelse", kropp=d.AarsakerRequest),
    _r("POST", U + "/avbrytelse/godkjenn", _beslutt_avbrytelse(True), "godkjennAvbrytelse"),
    _r("POST", U + "/avbrytelse/avvis", _beslutt_avbrytelse(False), "avvisAvbrytelse"),
    _r("POST", "/gjennomforing/{id}/stengt", registrer_stengt, "registrerStengt", kropp=d.StengtRequest),
    _r("DELETE", "/gjennomforing/{id}/stengt/{stengtId}", slett_stengt, "slettStengt"),
    _r("POST", "/korreksjon", opprett_korreksjon, "opprettKorreksjon", kropp=d.KorreksjonRequest),
    _r("PUT", K, endre_korreksjon, "endreKorreksjon", kropp=d.KorreksjonRequest),
    _r("DELETE", K, slett_korreksjon, "slettKorreksjon"),
    _r("GET", "/prognose", prognose, "hentPrognose", query=pd.PrognoseQuery, svar=pd.PrognoseDto),
    _r("PUT", "/prognose/budsjett/{ar}", sett_budsjett, "settBudsjett", kropp=pd.BudsjettRequest, svar=pd.BudsjettDto),
]


RUTER_LISTE += arbeidsvisning.RUTER

RUTER: Ruter[NavBruker] = Ruter(RUTER_LISTE, autentiser=autentiser_nav)
