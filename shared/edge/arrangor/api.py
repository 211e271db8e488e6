"""Handlers and the route table of the arrangør API (domene.md §8.2). Each handler parses, calls one service
function, and maps the result to the contract's DTOs. Base path `/api/arrangorflate`."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import flask

from shared import bootstrap, bootstrap_avstemming
from shared.config import settings
from shared.domain.utbetaling import manuelt_krav as mk
from shared.domain.utbetaling.innsending import (
    AVBRYT_OVERSKRIFT,
    GODKJENN_OVERSKRIFT,
    REGENERER_OVERSKRIFT,
    idag,
)
from shared.edge.arrangor import dto as d
from shared.edge.arrangor import krav_dto as k
from shared.edge.arrangor import krav_visning as kvis
from shared.edge.arrangor import visning as vis
from shared.edge.arrangor.kvittering_pdf import kvitteringsinnhold, lag_pdf
from shared.edge.forklaring import dto as forklaring_dto
from shared.edge.http.auth import ArrangorBruker, autentiser_arrangor
from shared.edge.http.openapi import openapi
from shared.edge.http.ruting import Foresporsel, Rute, Ruter, fil_svar, json_svar
from shared.service.arrangor import arrangorflate as tjeneste
from shared.service.arrangor import manuelt_krav as krav
from shared.service.forklaring.forklar import forklar_utbetaling

BASE = "/api/arrangorflate"
KRAV = "/arrangor/{orgnr}/gjennomforing/{gjennomforingId}/opprett-krav"
TAGG = ("Arrangorflate",)


def _bruker(f: Foresporsel[ArrangorBruker]) -> tjeneste.Bruker:
    return tjeneste.Bruker(f.bruker.pid, f.korrelasjon_id)


def _avh() -> tjeneste.ArrangorAvh:
    return bootstrap.arrangor_api().avh


def orgnr_tilganger(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    """§8.1: no granted organisation is `200 []` (the front end shows «Mangler tilgang»); other lists answer 403."""
    return json_svar(sorted(tjeneste.tilganger(_bruker(f), _avh())))


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
    _, endringer = forklar_utbetaling(v.u.id, kilde=bootstrap_avstemming.forklaringskilde())  # issue 18
    return json_svar(vis.utbetaling(v).model_copy(update={"beregningsendringer": forklaring_dto.endringer(endringer)}))


def _etter_endring(f: Foresporsel[ArrangorBruker], utbetaling_id: str) -> flask.Response:
    v = tjeneste.hent_utbetaling(utbetaling_id, _bruker(f), _avh(), f"{f.request.method} {f.request.path}")
    return json_svar(vis.utbetaling(v))


def godkjenn(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    tilgjengelig = tjeneste.krev_tilgang(f.params["id"], _bruker(f), _avh())
    body = f.json(d.GodkjennUtbetaling)
    g = tjeneste.Godkjenning(updated_at=body.updated_at, kid=body.kid, bekreftet=body.bekreftet)
    u = tjeneste.godkjenn(tilgjengelig, g, _bruker(f), _avh())
    return _etter_endring(f, u.id)


def avbryt(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    tilgjengelig = tjeneste.krev_tilgang(f.params["id"], _bruker(f), _avh())
    body = f.json(d.AvbrytUtbetaling)
    u = tjeneste.avbryt(tilgjengelig, body.begrunnelse, _bruker(f), _avh())
    return _etter_endring(f, u.id)


def regenerer(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    tilgjengelig = tjeneste.krev_tilgang(f.params["id"], _bruker(f), _avh())
    f.json(d.AvbrytUtbetaling)
    ny = tjeneste.regenerer(tilgjengelig, _bruker(f), _avh(), bootstrap.arrangor_api().navnerom)
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
    """§11: no participant data — the PDF is built from the claim document's summary, never its deltakelser."""
    v = tjeneste.hent_utbetaling(f.params["id"], _bruker(f), _avh(), "GET /utbetaling/{id}/pdf", viser_deltakere=False)
    return fil_svar(lag_pdf(kvitteringsinnhold(vis.utbetaling(v))), "application/pdf", "utbetaling.pdf")


def features(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    tjeneste.krev_orgnr(f.params["orgnr"], tjeneste.tilganger(_bruker(f), _avh()))
    q = f.query(d.FeatureQuery, lister=("tiltakskoder",))
    try:
        verdier = json.loads(settings().arrangor_features)
    except ValueError:
        verdier = {}
    return json_svar(bool(isinstance(verdier, dict) and verdier.get(q.feature) is True))


# ------------------------------------------------------------------ manual claims (§8.2, §8.4)
def _vavh() -> krav.VedleggAvh:
    return bootstrap.arrangor_api().vedlegg_avh


def _rute(f: Foresporsel[ArrangorBruker]) -> krav.KravRute:
    return krav.sjekk_rute(f.params["orgnr"], f.params["gjennomforingId"], _bruker(f), _avh())


def tiltaksoversikt(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    q = f.query(d.TiltakQuery)
    return json_svar(kvis.tiltak_rader(krav.tiltaksoversikt(_bruker(f), _avh()), q))


def opprett_krav_data(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    return json_svar(kvis.krav_data(krav.krav_data(_rute(f), _avh())))


def opprett_krav_deltakere(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    rute = _rute(f)
    q = f.query(k.DeltakereQuery)
    endepunkt = "GET /arrangor/{orgnr}/gjennomforing/{gjennomforingId}/opprett-krav/deltakere"
    return json_svar(kvis.deltakere(krav.deltakere(rute, q.periode_start, q.periode_slutt, _bruker(f), _avh(),
                                                   endepunkt)))  # fmt: skip


def _filer(request: flask.Request) -> list[krav.Fil]:
    """The `vedlegg` parts, each read to at most one byte over the limit (the size check needs no more)."""
    filer = [krav.Fil(mk.filnavn(fs.filename), fs.stream.read(mk.MAKS_VEDLEGG_BYTES + 1))
             for fs in request.files.getlist("vedlegg")]  # fmt: skip
    filer += [krav.Fil("vedlegg", v.encode()) for v in request.form.getlist("vedlegg")]
    return filer


def last_opp_vedlegg(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    rute = _rute(f)
    v = krav.last_opp_vedlegg(rute, _filer(f.request), _bruker(f), _avh(), _vavh())
    return json_svar(k.VedleggSvar(vedlegg_id=v.id, filnavn=v.filnavn, storrelse=v.storrelse), status=201)


def opprett_krav(f: Foresporsel[ArrangorBruker]) -> flask.Response:
    rute = _rute(f)
    skjema = f.request.form
    filer = _filer(f.request)
    s = mk.KravSkjema(
        periode_start=skjema.get("periodeStart"), periode_slutt=skjema.get("periodeSlutt"),
        periode_type=skjema.get("periodeType"), kid_nummer=skjema.get("kidNummer"), belop=skjema.get("belop"),
        bekreftet=skjema.get("bekreftet"), antall_filer=len(filer),
        vedlegg_ider=tuple(i for i in skjema.getlist("vedleggIds") if i),
    )  # fmt: skip
    u = krav.opprett_krav(rute, s, filer, _bruker(f), _avh(), _vavh())
    return json_svar(k.OpprettKravSvar(id=u.id))


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
    _r("GET", "/tiltaksoversikt", tiltaksoversikt, "getArrangorTiltaksoversikt", query=d.TiltakQuery,
       svar=d.TiltakSide, beskrivelse="Hent tiltakene for alle arrangører brukeren har tilgang til"),
    _r("GET", KRAV, opprett_krav_data, "getOpprettKravData", svar=k.OpprettKravDataDto),
    _r("POST", KRAV, opprett_krav, "postOpprettKrav", kropp=k.OpprettKravRequest, kropp_type="multipart/form-data",
       svar=k.OpprettKravSvar, overskrift=mk.OPPRETT_OVERSKRIFT, maks_bytes=mk.MAKS_FORESPORSEL_BYTES,
       for_stor_tekst=mk.FOR_STOR_FORESPORSEL),
    _r("GET", KRAV + "/deltakere", opprett_krav_deltakere, "getOpprettKravDeltakere", query=k.DeltakereQuery,
       svar=k.OpprettKravDeltakereDto, overskrift="Klarte ikke hente deltakere"),
    _r("POST", KRAV + "/vedlegg", last_opp_vedlegg, "postOpprettKravVedlegg", kropp=k.VedleggRequest,
       kropp_type="multipart/form-data", svar=k.VedleggSvar, svar_status=201, overskrift=mk.VEDLEGG_OVERSKRIFT,
       maks_bytes=mk.MAKS_FORESPORSEL_BYTES, for_stor_tekst=mk.FOR_STOR_FORESPORSEL,
       beskrivelse="Last opp ett vedlegg (PDF) før kravet sendes inn"),
    Rute("GET", BASE + "/{orgnr}/features", features, operasjon_id="getFeatureToggle", tagger=("FeatureToggle",),
         query=d.FeatureQuery, query_lister=("tiltakskoder",), svar=bool),
    Rute("GET", BASE + "/openapi.json", openapi_json, operasjon_id="getOpenApi", offentlig=True, svar=dict[str, Any]),
]  # fmt: skip


@cache
def dokument() -> dict[str, Any]:
    return openapi(RUTER_LISTE, "Utbetalinger for tiltaksarrangører: arrangør-API")


RUTER: Ruter[ArrangorBruker] = Ruter(RUTER_LISTE, autentiser=autentiser_arrangor)
__all__ = ["RUTER", "dokument", "idag"]
