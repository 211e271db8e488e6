"""Handlers and the route table of the arrangør API (domene.md §8.2). Each handler parses, calls one service
function, and maps the result to the contract's DTOs. Base path `/api/arrangorflate`."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import flask

from shared import bootstrap
from shared.adapters.dokumenter_pdf import Kvitteringsinnhold, lag_pdf
from shared.config import settings
from shared.domain.innsending import (
    AVBRYT_OVERSKRIFT,
    GODKJENN_OVERSKRIFT,
    REGENERER_OVERSKRIFT,
    TYPE_VISNING,
    idag,
    type_kode,
)
from shared.edge import arrangor_dto as d
from shared.edge import arrangor_visning as vis
from shared.edge.auth import ArrangorBruker
from shared.edge.http import Foresporsel, Rute, Ruter, fil_svar, json_svar
from shared.edge.openapi import openapi
from shared.service import arrangor as tjeneste

BASE = "/api/arrangorflate"
TAGG = ("Arrangorflate",)


def _bruker(f: Foresporsel[ArrangorBruker]) -> tjeneste.Bruker:
    return tjeneste.Bruker(f.bruker.pid, f.korrelasjon_id)


def _avh() -> tjeneste.ArrangorAvh:
    return bootstrap.arrangor_api().avh


def orgnr_tilganger(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    return json_svar(sorted(tjeneste.krev_noen(tjeneste.tilganger(_bruker(f), _avh()))))


def list_tilsagn(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    q = f.query(d.TilsagnQuery)
    return json_svar(vis.tilsagn_rader(tjeneste.list_tilsagn(_bruker(f), _avh()), q))


def hent_tilsagn(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    liste = tjeneste.hent_tilsagn(f.params["id"], _bruker(f), _avh())
    return json_svar(vis.tilsagn(liste.tilsagn[0], liste))


def list_utbetalinger(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    q = f.query(d.UtbetalingQuery)
    return json_svar(vis.utbetaling_rader(tjeneste.list_utbetalinger(_bruker(f), _avh()), q))


def hent_utbetaling(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    v = tjeneste.hent_utbetaling(f.params["id"], _bruker(f), _avh(), "GET /utbetaling/{id}")
    return json_svar(vis.utbetaling(v))


def _etter_endring(f: Foresporsel[ArrangorBruker], utbetaling_id: str) -> flask.Response:
    v = tjeneste.hent_utbetaling(utbetaling_id, _bruker(f), _avh(), f"{f.request.method} {f.request.path}")
    return json_svar(vis.utbetaling(v))


def godkjenn(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    body = f.json(d.GodkjennUtbetaling)
    g = tjeneste.Godkjenning(updated_at=body.updated_at, kid=body.kid, bekreftet=body.bekreftet)
    u = tjeneste.godkjenn(f.params["id"], g, _bruker(f), _avh())
    return _etter_endring(f, u.id)


def avbryt(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    body = f.json(d.AvbrytUtbetaling)
    u = tjeneste.avbryt(f.params["id"], body.begrunnelse, _bruker(f), _avh())
    return _etter_endring(f, u.id)


def regenerer(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    f.json(d.AvbrytUtbetaling)
    ny = tjeneste.regenerer(f.params["id"], _bruker(f), _avh(), bootstrap.arrangor_api().navnerom)
    return json_svar(d.RegenerertDto(id=ny.id))


def kvittering(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    return json_svar(vis.kvittering(tjeneste.kvittering(f.params["id"], _bruker(f), _avh())))


def tilsagn_for_utbetaling(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    liste = tjeneste.tilsagn_for_utbetaling(f.params["id"], _bruker(f), _avh())
    return json_svar([vis.tilsagn(t, liste) for t in liste.tilsagn])


def synk_kontonummer(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    u = tjeneste.synk_kontonummer(f.params["id"], _bruker(f), _avh())
    konto = u.betalingsinformasjon.kontonummer if u.betalingsinformasjon else None
    return json_svar(d.KontonummerDto(kontonummer=konto or "", updated_at=u.updated_at))


def pdf(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    """§11: no participant data — the PDF is built from the claim and the sums per sats only."""
    v = tjeneste.hent_utbetaling(f.params["id"], _bruker(f), _avh(), "GET /utbetaling/{id}/pdf")
    dto = vis.utbetaling(v)
    u = v.u
    topp = [(e.label, _verdi(e)) for e in dto.innsendingsdetaljer]
    rader = [("Utbetalingsperiode", f"{u.periode_start:%d.%m.%Y} - {u.periode_slutt:%d.%m.%Y}")]
    if u.utbetales_tidligst:
        rader.append(("Utbetales tidligst", f"{u.utbetales_tidligst:%d.%m.%Y}"))
    if dto.beregning.stengt:
        stengt = [
            f"{s.periode.start:%d.%m.%Y} - {s.periode.slutt:%d.%m.%Y} {s.beskrivelse}" for s in dto.beregning.stengt
        ]
        rader.append(("Det er registrert stengt hos arrangør i følgende perioder", ", ".join(stengt)))
    for sd in dto.beregning.sats_detaljer:
        rader += [(e.label, _verdi(e)) for e in sd.entries]
    rader.append(("Beløp", f"{u.belop} kr"))
    bban = dto.betalingsinformasjon
    betaling = [("Kontonummer", bban.kontonummer if bban else "-"), ("KID-nummer", (bban.kid if bban else None) or "-")]
    status: list[tuple[str, str]] = []
    tilsagn: list[str] = []
    if dto.godkjent_belop is not None:
        alle_betalt = bool(dto.linjer) and all(linje.status == "UTBETALT" for linje in dto.linjer)
        status = [("Utbetalingsstatus", "Utbetalt" if alle_betalt else "Overført til utbetaling"),
                  ("Godkjent beløp til utbetaling", f"{dto.godkjent_belop.belop} kr")]  # fmt: skip
        tilsagn = [f"{lin.tilsagn.bestillingsnummer}: {lin.pris.belop} kr, {lin.status}" for lin in dto.linjer]
    innhold = Kvitteringsinnhold(TYPE_VISNING[type_kode(u)][1] or "", topp, rader, betaling, status, tilsagn)
    return fil_svar(lag_pdf(innhold), "application/pdf", "utbetaling.pdf")


def _verdi(e: d.LabeledDataElement) -> str:
    v = e.value
    if isinstance(v, d.DataElementText):
        return v.value or "-"
    if isinstance(v, d.DataElementMoneyAmount):
        return f"{v.value} kr"
    if isinstance(v, d.DataElementPeriode):
        return f"{v.start} - {v.slutt}"
    return "-"


def features(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    q = f.query(d.FeatureQuery, lister=("tiltakskoder",))
    tjeneste.krev_orgnr(f.params["orgnr"], tjeneste.tilganger(_bruker(f), _avh()))
    try:
        verdier = json.loads(settings().arrangor_features)
    except ValueError:
        verdier = {}
    return json_svar(bool(isinstance(verdier, dict) and verdier.get(q.feature) is True))


def openapi_json(f: Foresporsel[Any]) -> flask.Response:
    return json_svar(dokument())


def _r(metode: str, sti: str, handler: Any, op: str, **kw: Any) -> Rute:
    return Rute(metode, BASE + sti, handler, operasjon_id=op, tagger=TAGG, **kw)


RUTER_LISTE: list[Rute] = [
    _r("GET", "/orgnr-tilganger", orgnr_tilganger, "getOrganisasjonTilganger", svar=list[str],
       beskrivelse="Organisasjonsnumre som brukeren har tilgang til"),
    _r("GET", "/tilsagn", list_tilsagn, "getArrangorflateTilsagnRader", query=d.TilsagnQuery, svar=d.TilsagnSide),
    _r("GET", "/tilsagn/{id}", hent_tilsagn, "getArrangorflateTilsagn", svar=d.TilsagnDto),
    _r("GET", "/utbetaling", list_utbetalinger, "getArrangorflateUtbetalinger", query=d.UtbetalingQuery,
       svar=d.UtbetalingSide),
    _r("GET", "/utbetaling/{id}", hent_utbetaling, "getArrangorflateUtbetaling", svar=d.UtbetalingDto),
    _r("POST", "/utbetaling/{id}/godkjenn", godkjenn, "godkjennUtbetaling", kropp=d.GodkjennUtbetaling,
       svar=d.UtbetalingDto, overskrift=GODKJENN_OVERSKRIFT),
    _r("GET", "/utbetaling/{id}/kvittering", kvittering, "getUtbetalingKvittering", svar=d.KvitteringDto),
    _r("POST", "/utbetaling/{id}/avbryt", avbryt, "avbrytUtbetaling", kropp=d.AvbrytUtbetaling, svar=d.UtbetalingDto,
       overskrift=AVBRYT_OVERSKRIFT),
    _r("POST", "/utbetaling/{id}/regenerer", regenerer, "regenererUtbetaling", kropp=d.AvbrytUtbetaling,
       svar=d.RegenerertDto, overskrift=REGENERER_OVERSKRIFT),
    _r("GET", "/utbetaling/{id}/pdf", pdf, "getUtbetalingPdf", svar=str, svar_innhold="application/pdf"),
    _r("GET", "/utbetaling/{id}/tilsagn", tilsagn_for_utbetaling, "getArrangorflateTilsagnTilUtbetaling",
       svar=list[d.TilsagnDto]),
    _r("GET", "/utbetaling/{id}/sync-kontonummer", synk_kontonummer, "synkroniserKontonummerForUtbetaling",
       svar=d.KontonummerDto, overskrift="Ugyldig input"),
    Rute("GET", BASE + "/{orgnr}/features", features, operasjon_id="getFeatureToggle", tagger=("FeatureToggle",),
         query=d.FeatureQuery, query_lister=("tiltakskoder",), svar=bool),
    Rute("GET", BASE + "/openapi.json", openapi_json, operasjon_id="getOpenApi", offentlig=True, svar=dict[str, Any]),
]  # fmt: skip


@cache
def dokument() -> dict[str, Any]:
    return openapi(RUTER_LISTE, "Utbetalinger for tiltaksarrangører: arrangør-API")


def _autentiser(request: flask.Request) -> ArrangorBruker:
    return bootstrap.arrangor_api().autentiser(request)


RUTER: Ruter[ArrangorBruker] = Ruter(RUTER_LISTE, autentiser=_autentiser)
__all__ = ["RUTER", "dokument", "idag"]
