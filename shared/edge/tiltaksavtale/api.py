"""Handlers and the route table of the tiltaksavtale API (avtale.md §8.3), base path `/api/avtale/{rolle}`. Every
route that §8.3 writes with `{R}` exists once per role, so the access matrix is generated from this table; a role
outside a route's `roller` gets §5.2's 403 before anything is read. Each handler parses, calls one service function
and answers the committed avtale masked for the caller (200, 201 on create)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import flask

from shared import bootstrap_tiltaksavtale
from shared.domain.tiltaksavtale.avtale import PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.feil import rolle_har_ikke_tilgang
from shared.domain.tiltaksavtale.hendelser import Aktor
from shared.domain.tiltaksavtale.kodeverk import InnholdType, Rolle
from shared.domain.tiltaksavtale.opprett import NyAvtale
from shared.edge.http.openapi import openapi
from shared.edge.http.ruting import Foresporsel, Rute, Ruter, json_svar
from shared.edge.tiltaksavtale import dto as d
from shared.edge.tiltaksavtale.auth import BASE, ROLLER, autentiser
from shared.service.tiltaksavtale import handlinger as h
from shared.service.tiltaksavtale import les
from shared.service.tiltaksavtale.felles import Avhengigheter
from shared.service.tiltaksavtale.opprett import opprett_avtale_som_arbeidsgiver, opprett_avtale_som_veileder
from shared.service.tiltaksavtale.ports import Avtalefilter

F = Foresporsel[Aktor]
ALLE: Final = frozenset(ROLLER.values())
OPPRETTES: Final = "Avtalen kan ikke opprettes"
LAGRES: Final = "Avtalen kan ikke lagres"
GODKJENNES: Final = "Avtalen kan ikke godkjennes"
ENDRES: Final = "Avtalen kan ikke endres"
ENDRINGER: Final = {
    "endre-kontaktinfo": InnholdType.ENDRE_KONTAKTINFO,
    "endre-oppfolging-og-tilrettelegging": InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING,
    "endre-stilling": InnholdType.ENDRE_STILLING,
    "endre-maal": InnholdType.ENDRE_MAAL,
    "endre-inkluderingstilskudd": InnholdType.ENDRE_INKLUDERINGSTILSKUDD,
    "endre-om-mentor": InnholdType.ENDRE_OM_MENTOR,
    "endre-tilskuddsberegning": InnholdType.ENDRE_TILSKUDDSBEREGNING,
}
"""§5.5: route → innhold_type."""


def _avh() -> Avhengigheter:
    return bootstrap_tiltaksavtale.avhengigheter()


def _avtale(v: les.Visning, status: int = 200) -> flask.Response:
    return json_svar(d.AvtaleDto.fra(v), status)


# ---------------------------------------------------------------- reads


def list_avtaler(f: F) -> flask.Response:
    q = f.query(d.ListeQuery)
    filter = Avtalefilter(status=q.status, tiltakstype=q.tiltakstype, veileder_navident=q.veileder_nav_ident)
    rader = les.list_visninger(_avh(), f.bruker, filter)
    return json_svar([d.AvtaleradDto.fra(v) for v in rader if q.bedrift_nr in (None, v.avtale.bedrift_nr)])


def hent_avtale(f: F) -> flask.Response:
    return _avtale(les.hent_visning(_avh(), f.bruker, f.params["id"]))


def hent_versjoner(f: F) -> flask.Response:
    avh = _avh()
    versjoner = les.hent_versjoner(avh, f.bruker, f.params["id"])
    a = les.hent_avtale(avh, f.bruker, f.params["id"])
    return json_svar([d.VersjonDto.fra(a, v) for v in versjoner])


def hent_varsler(f: F) -> flask.Response:
    return json_svar([d.VarselDto.fra(v) for v in les.hent_varsler(_avh(), f.bruker)])


def tilganger(f: F) -> flask.Response:
    rader = les.tilganger(_avh(), f.bruker)
    return json_svar([
        d.TilgangDto(orgnr=t.orgnr, navn=t.navn, tiltakstyper=list(t.tiltakstyper), adressesperre=t.adressesperre,
                     tilskuddsbrev=t.tilskuddsbrev)
        for t in rader
    ])  # fmt: skip


# ---------------------------------------------------------------- writes


def opprett(f: F) -> flask.Response:
    b = f.json(d.OpprettRequest)
    ny = NyAvtale(b.deltaker_fnr, b.bedrift_nr, b.tiltakstype, b.mentor_fnr)
    lag = opprett_avtale_som_veileder if f.bruker.rolle == Rolle.VEILEDER else opprett_avtale_som_arbeidsgiver
    return _avtale(les.hent_visning(_avh(), f.bruker, lag(_avh(), f.bruker, ny).id), 201)


def _svar(f: F, a: Tiltaksavtale) -> flask.Response:
    """The committed avtale, masked for the caller."""
    return _avtale(les.hent_visning(_avh(), f.bruker, a.id))


def endre(f: F) -> flask.Response:
    b = f.json(d.EndreRequest)
    return _svar(f, h.endre(_avh(), f.bruker, f.params["id"], b.sist_endret, b.innhold))


def godkjenn(f: F) -> flask.Response:
    b = f.json(d.GodkjennRequest)
    return _svar(f, h.godkjenn(_avh(), f.bruker, f.params["id"], b.sist_endret, b.bekreftet, b.kostnadssted))


def godkjenn_pa_vegne_av(f: F) -> flask.Response:
    b = f.json(d.GodkjennPaVegneAvRequest)
    grunn = PaVegneAv(**b.grunn.model_dump())
    return _svar(f, h.godkjenn_pa_vegne_av(_avh(), f.bruker, f.params["id"], b.sist_endret, b.bekreftet, grunn))


def _enkel(handling: Callable[..., Tiltaksavtale]) -> Callable[[F], flask.Response]:
    """A mutation whose body is `{sistEndret}` only."""

    def handler(f: F) -> flask.Response:
        b = f.json(d.MedSistEndret)
        return _svar(f, handling(_avh(), f.bruker, f.params["id"], b.sist_endret))

    handler.__name__ = handling.__name__
    return handler


def del_med(f: F) -> flask.Response:
    b = f.json(d.DelRequest)
    return _svar(f, h.del_med(_avh(), f.bruker, f.params["id"], b.sist_endret, b.part))


def _endring(type_: InnholdType) -> Callable[[F], flask.Response]:
    def handler(f: F) -> flask.Response:
        b = f.json(d.EndringRequest)
        return _svar(f, h.endre_etter_inngaelse(_avh(), f.bruker, f.params["id"], b.sist_endret, type_, b.innhold))

    return handler


def forleng(f: F) -> flask.Response:
    b = f.json(d.ForlengRequest)
    return _svar(f, h.forleng(_avh(), f.bruker, f.params["id"], b.sist_endret, b.slutt_dato))


def forkort(f: F) -> flask.Response:
    b = f.json(d.ForkortRequest)
    a = h.forkort(_avh(), f.bruker, f.params["id"], b.sist_endret, b.slutt_dato, b.grunn, b.annet_grunn)
    return _svar(f, a)


def annuller(f: F) -> flask.Response:
    b = f.json(d.AnnullerRequest)
    a = h.annuller(_avh(), f.bruker, f.params["id"], b.sist_endret, b.grunn)
    if a.feilregistrert:  # exists for nobody from now on: answer the committed one, unmasked (Nav role only)
        return _avtale(les.Visning(a, None, a.er_ufordelt))
    return _svar(f, a)


def send_tilbake(f: F) -> flask.Response:
    b = f.json(d.SendTilbakeRequest)
    return _svar(f, h.send_tilbake(_avh(), f.bruker, f.params["id"], b.sist_endret, b.kostnadssted))


def returner(f: F) -> flask.Response:
    b = f.json(d.ReturnerRequest)
    a = h.returner_tilskudd(_avh(), f.bruker, f.params["id"], b.sist_endret, b.aarsaker, b.forklaring)
    return _svar(f, a)


def openapi_dokument(f: F) -> flask.Response:
    return json_svar(dokument())


# ---------------------------------------------------------------- the route table


@dataclass(frozen=True)
class Endepunkt:
    """One row of §8.3; `roller` None = the fixed role in `sti` (no `{R}`)."""

    metode: str
    sti: str
    handler: Callable[[F], flask.Response]
    roller: frozenset[Rolle] | None
    kropp: type[Any] | None = None
    svar: Any = d.AvtaleDto
    overskrift: str | None = None
    svar_status: int = 200


def _med_roller(handler: Callable[[F], flask.Response], roller: frozenset[Rolle]) -> Callable[[F], flask.Response]:
    def sjekk(f: F) -> flask.Response:
        if f.bruker.rolle not in roller:
            raise rolle_har_ikke_tilgang()
        return handler(f)

    return sjekk


DELTAKER, ARBEIDSGIVER, MENTOR = Rolle.DELTAKER, Rolle.ARBEIDSGIVER, Rolle.MENTOR
AG_VEIL = frozenset({ARBEIDSGIVER, Rolle.VEILEDER})
ENDEPUNKTER: Final[tuple[Endepunkt, ...]] = (
    Endepunkt("GET", "/{R}/avtaler", list_avtaler, ALLE, svar=list[d.AvtaleradDto]),
    Endepunkt("GET", "/{R}/avtaler/{id}", hent_avtale, ALLE),
    Endepunkt("GET", "/{R}/avtaler/{id}/versjoner", hent_versjoner, ALLE - {MENTOR}, svar=list[d.VersjonDto]),
    Endepunkt("GET", "/{R}/varsler", hent_varsler, ALLE, svar=list[d.VarselDto]),
    Endepunkt("GET", "/arbeidsgiver/tilganger", tilganger, None, svar=list[d.TilgangDto]),
    Endepunkt("POST", "/arbeidsgiver/avtaler", opprett, None, d.OpprettRequest, overskrift=OPPRETTES, svar_status=201),
    Endepunkt("POST", "/veileder/avtaler", opprett, None, d.OpprettRequest, overskrift=OPPRETTES, svar_status=201),
    Endepunkt("PUT", "/{R}/avtaler/{id}", endre, AG_VEIL, d.EndreRequest, overskrift=LAGRES),
    Endepunkt(
        "POST", "/{R}/avtaler/{id}/godkjenn", godkjenn, AG_VEIL | {DELTAKER}, d.GodkjennRequest, overskrift=GODKJENNES
    ),  # fmt: skip
    Endepunkt(
        "POST",
        "/veileder/avtaler/{id}/godkjenn-paa-vegne-av",
        godkjenn_pa_vegne_av,
        None,
        d.GodkjennPaVegneAvRequest,
        overskrift=GODKJENNES,
    ),  # fmt: skip
    Endepunkt(
        "POST",
        "/mentor/avtaler/{id}/signer-taushetserklaering",
        _enkel(h.signer),
        None,
        d.MedSistEndret,
        overskrift=GODKJENNES,
    ),  # fmt: skip
    Endepunkt(
        "POST", "/{R}/avtaler/{id}/opphev-godkjenninger", _enkel(h.opphev), AG_VEIL, d.MedSistEndret, overskrift=LAGRES
    ),  # fmt: skip
    Endepunkt("PUT", "/veileder/avtaler/{id}/overta", _enkel(h.overta), None, d.MedSistEndret, overskrift=LAGRES),
    Endepunkt("POST", "/veileder/avtaler/{id}/del", del_med, None, d.DelRequest, overskrift=LAGRES),
    *(
        Endepunkt("POST", f"/veileder/avtaler/{{id}}/{navn}", _endring(t), None, d.EndringRequest, overskrift=ENDRES)
        for navn, t in ENDRINGER.items()
    ),
    Endepunkt("POST", "/veileder/avtaler/{id}/forleng", forleng, None, d.ForlengRequest, overskrift=ENDRES),
    Endepunkt("POST", "/veileder/avtaler/{id}/forkort", forkort, None, d.ForkortRequest, overskrift=ENDRES),
    Endepunkt("POST", "/veileder/avtaler/{id}/annuller", annuller, None, d.AnnullerRequest, overskrift=ENDRES),
    Endepunkt(
        "POST",
        "/veileder/avtaler/{id}/oppfolging-utfort",
        _enkel(h.oppfolging_utfort),
        None,
        d.MedSistEndret,
        overskrift=ENDRES,
    ),  # fmt: skip
    Endepunkt(
        "POST",
        "/veileder/avtaler/{id}/send-tilbake-til-beslutter",
        send_tilbake,
        None,
        d.SendTilbakeRequest,
        overskrift=ENDRES,
    ),  # fmt: skip
    Endepunkt(
        "POST",
        "/beslutter/avtaler/{id}/tilskudd/godkjenn",
        _enkel(h.godkjenn_tilskudd),
        None,
        d.MedSistEndret,
        overskrift=GODKJENNES,
    ),  # fmt: skip
    Endepunkt(
        "POST", "/beslutter/avtaler/{id}/tilskudd/returner", returner, None, d.ReturnerRequest, overskrift=ENDRES
    ),  # fmt: skip
    Endepunkt(
        "POST",
        "/beslutter/avtaler/{id}/etterregistrering",
        _enkel(h.etterregistrering),
        None,
        d.MedSistEndret,
        overskrift=ENDRES,
    ),  # fmt: skip
)


def _operasjon(e: Endepunkt, sti: str) -> str:
    deler = [x for x in sti.strip("/").split("/") if not x.startswith("{")]
    return e.metode.lower() + "".join(x.replace("-", " ").title().replace(" ", "") for x in deler)


def _ruter(endepunkter: Iterable[Endepunkt]) -> list[Rute]:
    ut: list[Rute] = []
    for e in endepunkter:
        stier = [(e.sti, e.handler)] if e.roller is None else [
            (e.sti.replace("{R}", navn), _med_roller(e.handler, e.roller)) for navn in ROLLER
        ]  # fmt: skip
        for sti, handler in stier:
            ut.append(Rute(e.metode, BASE + sti, handler, operasjon_id=_operasjon(e, sti), overskrift=e.overskrift,
                           kropp=e.kropp, svar=e.svar, svar_status=e.svar_status, tagger=("Tiltaksavtale",),
                           query=d.ListeQuery if e.handler is list_avtaler else None))  # fmt: skip
    return ut


RUTER_LISTE: Final = _ruter(ENDEPUNKTER)
RUTER: Final = Ruter(
    [*RUTER_LISTE, Rute("GET", BASE + "/openapi.json", openapi_dokument, operasjon_id="openapi", offentlig=True)],
    autentiser=autentiser,
)


@cache
def dokument() -> dict[str, Any]:
    return openapi(RUTER_LISTE, "Tiltaksavtale (avtale_api)")


def roller_for(rute: Rute) -> frozenset[Rolle]:
    """The roles a generated route serves, for the access matrix: the route's own role if it is one of the
    endpoint's, else none (the 403 of §5.2)."""
    rolle = ROLLER[rute.sti.removeprefix(BASE).strip("/").split("/")[0]]
    for e in ENDEPUNKTER:
        if e.metode == rute.metode and BASE + e.sti.replace("{R}", rolle.value.lower()) == rute.sti:
            return frozenset({rolle}) if e.roller is None or rolle in e.roller else frozenset()
    return frozenset()
