"""Reads (§8.3 GET): one avtale, lists and versions, masked per role (§2.5); a Nav employee's reads of deltaker
data are in the access log before they are returned (§10), and list rows the caller may not see are dropped."""

from __future__ import annotations

from dataclasses import dataclass, replace

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.datoer import idag
from shared.domain.tiltaksavtale.feil import AvtaleTjenesteNede, rolle_har_ikke_tilgang
from shared.domain.tiltaksavtale.hendelser import Aktor, Varsel
from shared.domain.tiltaksavtale.kodeverk import ADRESSESPERRE_RESSURS, TYPER, Rolle, Tiltakstype, VenterPa
from shared.domain.tiltaksavtale.maskering import masker
from shared.domain.tiltaksavtale.status import venter_pa
from shared.domain.tiltaksavtale.tilgang import arbeidsgiver_kan_se, er_beskyttet
from shared.service.tiltaksavtale.felles import (
    ALTINN_NEDE,
    NAV_ROLLER,
    Avhengigheter,
    gradering,
    hent,
    logg,
    sjekk_tilgang,
)
from shared.service.tiltaksavtale.ports import Avtalefilter, PortFeil


def _maskert(avh: Avhengigheter, aktor: Aktor, a: Tiltaksavtale) -> Tiltaksavtale:
    beskyttet = aktor.rolle == Rolle.ARBEIDSGIVER and er_beskyttet(gradering(avh, a.deltaker_fnr))
    return masker(a, aktor.rolle, beskyttet=beskyttet)


def hent_avtale(avh: Avhengigheter, aktor: Aktor, avtale_id: str) -> Tiltaksavtale:
    """GET /{R}/avtaler/{id}: 404, 403 with the §2 texts, else the masked avtale."""
    a = hent(avh, avtale_id)
    sjekk_tilgang(avh, aktor, a, "GET /avtaler/{id}")
    return _maskert(avh, aktor, a)


def hent_versjoner(avh: Avhengigheter, aktor: Aktor, avtale_id: str) -> list[Versjon]:
    """GET …/versjoner: every inngått version; not for the mentor. The content is masked as the avtale."""
    if aktor.rolle == Rolle.MENTOR:
        raise rolle_har_ikke_tilgang()
    a = hent(avh, avtale_id)
    sjekk_tilgang(avh, aktor, a, "GET /avtaler/{id}/versjoner")
    return [
        v.model_copy(update={"innhold": masker(a.model_copy(update={"innhold": v.innhold}), aktor.rolle).innhold})
        for v in avh.repo.versjoner(avtale_id)
    ]


def _arbeidsgivers(avh: Avhengigheter, aktor: Aktor, filter: Avtalefilter) -> list[Tiltaksavtale]:
    ressurser = [t.ressurs for t in TYPER.values()] + [ADRESSESPERRE_RESSURS]
    try:
        r = avh.altinn.hent(aktor.ident, ressurser)
    except PortFeil as e:
        raise AvtaleTjenesteNede(ALTINN_NEDE) from e
    orgnr = frozenset().union(*r.values()) if r else frozenset()
    funnet = avh.repo.finn(replace(filter, bedrift_nr=orgnr))
    dag = idag(avh.klokke.na())
    return [a for a in funnet if arbeidsgiver_kan_se(a, r, gradering(avh, a.deltaker_fnr), dag)]


def _synlige(avh: Avhengigheter, aktor: Aktor, filter: Avtalefilter) -> list[Tiltaksavtale]:
    if aktor.rolle == Rolle.ARBEIDSGIVER:
        rader = _arbeidsgivers(avh, aktor, filter)
    elif aktor.rolle == Rolle.DELTAKER:
        rader = avh.repo.finn(replace(filter, deltaker_fnr=aktor.ident))
    elif aktor.rolle == Rolle.MENTOR:
        funnet = avh.repo.finn(replace(filter, mentor_fnr=aktor.ident))
        rader = [a for a in funnet if a.godkjenninger.mentor_taushetserklaering is not None]
    else:
        veileder = filter.veileder_navident or aktor.ident
        funnet = avh.repo.finn(replace(filter, veileder_navident=veileder))
        rader = [a for a in funnet if avh.nav.skrivetilgang(aktor.ident, a.deltaker_fnr) is None]
        logg(avh, aktor, "GET /avtaler", rader, "READ", True)
    return [a for a in rader if not a.feilregistrert]


def list_avtaler(avh: Avhengigheter, aktor: Aktor, filter: Avtalefilter) -> list[Tiltaksavtale]:
    """GET /{R}/avtaler: lists filter silently by the caller's own scope."""
    return [_maskert(avh, aktor, a) for a in _synlige(avh, aktor, filter)]


@dataclass(frozen=True, slots=True)
class Visning:
    """What the §8.2 document shows: the masked avtale, and what is derived from the whole one (`venterPa`,
    `erUfordelt`), since masking hides the NAVident that they are computed from."""

    avtale: Tiltaksavtale
    venter_pa: VenterPa | None
    er_ufordelt: bool


def _visning(avh: Avhengigheter, aktor: Aktor, a: Tiltaksavtale) -> Visning:
    return Visning(_maskert(avh, aktor, a), venter_pa(a), a.er_ufordelt)


def hent_visning(avh: Avhengigheter, aktor: Aktor, avtale_id: str) -> Visning:
    """`hent_avtale` for the document."""
    a = hent(avh, avtale_id)
    sjekk_tilgang(avh, aktor, a, "GET /avtaler/{id}")
    return _visning(avh, aktor, a)


def list_visninger(avh: Avhengigheter, aktor: Aktor, filter: Avtalefilter) -> list[Visning]:
    return [_visning(avh, aktor, a) for a in _synlige(avh, aktor, filter)]


TILSKUDDSBREV_RESSURS = "nav_tiltak_tilskuddsbrev"


@dataclass(frozen=True, slots=True)
class Tilgang:
    """GET /arbeidsgiver/tilganger: one row per orgnr the person holds any tiltak resource for."""

    orgnr: str
    navn: str | None
    tiltakstyper: tuple[Tiltakstype, ...]
    adressesperre: bool
    tilskuddsbrev: bool


def tilganger(avh: Avhengigheter, aktor: Aktor) -> list[Tilgang]:
    if aktor.rolle != Rolle.ARBEIDSGIVER:
        raise rolle_har_ikke_tilgang()
    ressurser = [t.ressurs for t in TYPER.values()] + [ADRESSESPERRE_RESSURS, TILSKUDDSBREV_RESSURS]
    try:
        r = avh.altinn.hent(aktor.ident, ressurser)
    except PortFeil as e:
        raise AvtaleTjenesteNede(ALTINN_NEDE) from e
    ut = []
    for orgnr in sorted(frozenset().union(*[r.get(info.ressurs, frozenset()) for info in TYPER.values()])):
        typer = tuple(t for t, info in TYPER.items() if orgnr in r.get(info.ressurs, frozenset()))
        virksomhet = avh.enheter.hent(orgnr)
        ut.append(
            Tilgang(
                orgnr,
                virksomhet.navn if virksomhet else None,
                typer,
                orgnr in r.get(ADRESSESPERRE_RESSURS, frozenset()),
                orgnr in r.get(TILSKUDDSBREV_RESSURS, frozenset()),
            )
        )
    return ut


def hent_varsler(avh: Avhengigheter, aktor: Aktor) -> list[Varsel]:
    """GET /{R}/varsler: the caller's in-app notices on the avtaler it may see (NAVident for Nav employees, by
    avtale for the parties)."""
    avtaler = list_avtaler(avh, aktor, Avtalefilter())
    mottaker = aktor.ident if aktor.rolle in NAV_ROLLER else None
    return avh.repo.varsler([a.id for a in avtaler], aktor.rolle, mottaker)
