"""What every tiltaksavtale use case shares: the dependencies, access per role (§2) with the access log first
(§10), and the one write path: read, optimistic lock on `sistEndret`, transition, commit (§5.3, §8.1)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.datoer import idag
from shared.domain.tiltaksavtale.feil import AvtaleFinnesIkke, AvtaleIkkeTilgang, AvtaleTjenesteNede, SamtidigeEndringer
from shared.domain.tiltaksavtale.godkjenn import InnsatsbehovEndret
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, Hendelse, Kanal, Utfall, Utsending, ekstern_id
from shared.domain.tiltaksavtale.kodeverk import ADRESSESPERRE_RESSURS, TYPER, Adressebeskyttelse, Rolle
from shared.domain.tiltaksavtale.meldinger import hendelse_melding, inngatt_melding
from shared.domain.tiltaksavtale.tilgang import (
    IKKE_TILGANG_TIL_AVTALE,
    Rettigheter,
    deltaker_kan_se,
    mentor_kan_se,
    persontilgang_feil,
    sjekk_arbeidsgiver,
)
from shared.domain.tiltaksavtale.varsler import Kontekst
from shared.service.tiltaksavtale.ports import (
    AltinnRettigheter,
    Enhetsregisteret,
    Klokke,
    NavAnsattTilgang,
    Oppfolgingsregister,
    Personregister,
    PortFeil,
    Tilgangslogg,
    Tilgangsloggpost,
    TiltaksavtaleRepo,
    TiltaksavtaleTransaksjon,
)

ALTINN_NEDE: Final = "Klarte ikke få kontakt med Altinn. Vennligst prøv igjen senere"
INNSATSBEHOV_FEILET: Final = "Feil ved henting av innsatsbehov"
TILGANGSLOGG_NEDE: Final = "Tilgangsloggen er utilgjengelig. Prøv igjen senere"
"""(vårt valg) §10: no data leaves when the access log cannot be written."""
AVTALE_HENDELSE: Final = "avtale-hendelse"
AVTALE_INNGATT: Final = "avtale-inngatt"
NAV_ROLLER: Final = frozenset({Rolle.VEILEDER, Rolle.BESLUTTER})


@dataclass(frozen=True)
class Avhengigheter:
    repo: TiltaksavtaleRepo
    klokke: Klokke
    altinn: AltinnRettigheter
    personer: Personregister
    oppfolging: Oppfolgingsregister
    nav: NavAnsattTilgang
    enheter: Enhetsregisteret
    tilgangslogg: Tilgangslogg
    lenke: str = ""
    intern_lenke: str = ""
    ny_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))

    def kontekst(self) -> Kontekst:
        return Kontekst(self.klokke.na(), self.lenke, self.intern_lenke)


def rettigheter(avh: Avhengigheter, pid: str, a: Tiltaksavtale) -> Rettigheter:
    try:
        return avh.altinn.hent(pid, [TYPER[a.tiltakstype].ressurs, ADRESSESPERRE_RESSURS])
    except PortFeil as e:
        raise AvtaleTjenesteNede(ALTINN_NEDE) from e


def gradering(avh: Avhengigheter, fnr: str) -> Adressebeskyttelse:
    person = avh.personer.hent(fnr)
    return person.adressebeskyttelse if person else Adressebeskyttelse.UGRADERT


def logg(avh: Avhengigheter, aktor: Aktor, endepunkt: str, avtaler: list[Tiltaksavtale], type_: str, ok: bool) -> None:
    """§10: a Nav employee's look at deltaker data is logged first, one entry per distinct (avtale, deltaker)."""
    if aktor.rolle not in NAV_ROLLER or not avtaler:
        return
    na = avh.klokke.na()
    poster = [
        Tilgangsloggpost(na, aktor.ident, aktor.rolle, endepunkt, a.id, a.deltaker_fnr, type_, ok)
        for a in {(a.id, a.deltaker_fnr): a for a in avtaler}.values()
    ]
    try:
        avh.tilgangslogg.skriv(poster)
    except PortFeil as e:
        raise AvtaleTjenesteNede(TILGANGSLOGG_NEDE) from e


def sjekk_tilgang(
    avh: Avhengigheter, aktor: Aktor, a: Tiltaksavtale, endepunkt: str, type_: str = "READ", *, signering: bool = False
) -> None:
    """§2: the caller may reach this avtale in its role (a mentor before signing only for the signing route)."""
    ikke_tilgang = AvtaleIkkeTilgang(IKKE_TILGANG_TIL_AVTALE, "IKKE_TILGANG_TIL_AVTALE")
    if aktor.rolle == Rolle.DELTAKER and not deltaker_kan_se(a, aktor.ident):
        raise ikke_tilgang
    if aktor.rolle == Rolle.MENTOR and not mentor_kan_se(a, aktor.ident, krever_signatur=not signering):
        raise ikke_tilgang
    if aktor.rolle == Rolle.ARBEIDSGIVER:
        dag = idag(avh.klokke.na())
        sjekk_arbeidsgiver(a, rettigheter(avh, aktor.ident, a), gradering(avh, a.deltaker_fnr), dag)
    if aktor.rolle in NAV_ROLLER:
        if a.feilregistrert:
            raise AvtaleFinnesIkke(a.id)
        avvisning = avh.nav.skrivetilgang(aktor.ident, a.deltaker_fnr)
        logg(avh, aktor, endepunkt, [a], type_, avvisning is None)
        if avvisning is not None:
            raise persontilgang_feil(avvisning)


def hendelsemelding(a: Tiltaksavtale, h: Hendelse) -> Utsending:
    """`avtale-hendelse` (§9.2): every hendelse, no personal data, ordering key = avtale id."""
    innhold = hendelse_melding(a, h).model_dump_json(by_alias=True)
    return Utsending(a.id, Kanal.PUBSUB, AVTALE_HENDELSE, innhold, h.id, h.tidspunkt, AVTALE_HENDELSE, a.id)


def inngattmelding(a: Tiltaksavtale, tidspunkt: datetime) -> Utsending:
    """`avtale-inngatt` (§9.2): a decided version, once per (avtale, versjon)."""
    innhold = inngatt_melding(a).model_dump_json(by_alias=True)
    eid = ekstern_id(a.id, AVTALE_INNGATT, str(a.versjon))
    return Utsending(a.id, Kanal.PUBSUB, AVTALE_INNGATT, innhold, eid, tidspunkt, AVTALE_INNGATT, a.id)


def skriv_utfall(tx: TiltaksavtaleTransaksjon, u: Utfall, *, ny: bool = False) -> None:
    """Everything one transition writes, in its transaction."""
    tx.lagre(u.avtale, ny=ny)
    if u.ny_versjon is not None:
        tx.lagre_versjon(u.avtale.id, u.ny_versjon)
    for h in u.hendelser:
        tx.skriv_hendelse(h)
        tx.skriv_utsending(hendelsemelding(u.avtale, h))
    for v in u.varsler:
        tx.skriv_varsel(v)
    for s in u.utsendinger:
        tx.skriv_utsending(s)
    if any(e.type == Effekttype.AVTALE_INNGATT for e in u.effekter) and u.avtale.er_inngatt:
        tx.skriv_utsending(inngattmelding(u.avtale, u.avtale.sist_endret))


def hent(avh: Avhengigheter, avtale_id: str) -> Tiltaksavtale:
    a = avh.repo.hent(avtale_id)
    if a is None:
        raise AvtaleFinnesIkke(avtale_id)
    return a


Overgang = Callable[[Tiltaksavtale, Kontekst], Utfall]


def utfor(avh: Avhengigheter, avtale_id: str, sist_endret: datetime | None, overgang: Overgang) -> Tiltaksavtale:
    """One write: in one transaction read, compare `sistEndret` (409 when stale; None only for system jobs),
    apply the transition and commit what it produced. §4.5's changed innsatsgruppe commits, then answers 400."""
    ktx = avh.kontekst()

    def fn(tx: TiltaksavtaleTransaksjon) -> tuple[Tiltaksavtale, InnsatsbehovEndret | None]:
        a = tx.hent(avtale_id)
        if a is None:
            raise AvtaleFinnesIkke(avtale_id)
        if sist_endret is not None and a.sist_endret != sist_endret:
            raise SamtidigeEndringer()
        try:
            u = overgang(a, ktx)
        except InnsatsbehovEndret as e:
            skriv_utfall(tx, e.utfall)
            return e.utfall.avtale, e
        skriv_utfall(tx, u)
        return u.avtale, None

    avtale, avvist = avh.repo.i_transaksjon(fn)
    if avvist is not None:
        raise avvist
    return avtale
