"""Notices of the tiltaksavtale (avtale.md §7) as data: in-app varsler per party and outbox records, produced by
the transitions. The "bjelle" rings for a party that did not cause the event (as Nav)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.datoer import idag
from shared.domain.tiltaksavtale.hendelser import Aktor, HendelseType, Kanal, Utsending, Varsel, ekstern_id
from shared.domain.tiltaksavtale.kodeverk import TYPER, Rolle, Tiltakstype

DELT_SMS: Final = "Du har mottatt et nytt varsel på {lenke}"
OPPRETTET_AV_VEILEDER_BESKJED: Final = "Ny avtale om arbeidstiltak opprettet. Åpne avtale og fyll ut innholdet."
OPPRETTET_AV_ARBEIDSGIVER_OPPGAVE: Final = (
    "Avtale er opprettet av arbeidsgiver på tiltak {tittel}. Se avtalen under «Ufordelte»."
)
MA_GODKJENNES_OPPGAVE: Final = "Avtale om {tittel} må godkjennes"
GODKJENNES_PA_NYTT: Final = "Avtalen må godkjennes på nytt."
INNGATT_BESKJED: Final = "Avtale om arbeidstiltak godkjent."
VTAO_STARTET_OPPGAVE: Final = (
    "Brukeren har fått innvilget tiltaksplass og har startet på varig tilrettelagt arbeid i ordinær virksomhet {dato}."
)
OPPFOLGING_KREVES: Final = "Oppfølging av tiltaket kreves"
UFORETRYGD_MOTTAKER: Final = "UFORETRYGD"
"""The Nav oppgave receiver of the VTA-O start notice; the adapter maps it to the configured enhet."""


@dataclass(frozen=True, slots=True)
class Kontekst:
    """What every transition is given: the instant, and the front ends' bases for links (nothing secret)."""

    na: datetime
    lenke: str = ""
    """The parties' front end, e.g. https://arbeidsgiver.nav.no/tiltaksgjennomforing."""
    intern_lenke: str = ""
    """Nav's internal front end."""

    @property
    def idag(self) -> date:
        return idag(self.na)


def kort_tittel(tiltakstype: Tiltakstype) -> str:
    """The title without "Avtale om ", for "Avtale om {tittel} må godkjennes" and "på tiltak {tittel}"."""
    return TYPER[tiltakstype].tittel.removeprefix("Avtale om ")


def avtalelenke(base: str, a: Tiltaksavtale) -> str:
    return f"{base}/avtale/{a.id}"


def parter(a: Tiltaksavtale) -> list[tuple[Rolle, str]]:
    """(role, mottaker) of every party that has a varsel list for this avtale."""
    liste = [(Rolle.DELTAKER, Rolle.DELTAKER.value), (Rolle.ARBEIDSGIVER, a.bedrift_nr)]
    if a.tiltakstype == Tiltakstype.MENTOR:
        liste.append((Rolle.MENTOR, Rolle.MENTOR.value))
    if a.veileder_navident is not None:
        liste.append((Rolle.VEILEDER, a.veileder_navident))
    return liste


def varsle(
    a: Tiltaksavtale,
    hendelse: HendelseType,
    tekst: str,
    aktor: Aktor,
    na: datetime,
    til: frozenset[Rolle] | None = None,
) -> tuple[Varsel, ...]:
    """One in-app varsel per party (or per party in `til`)."""
    return tuple(
        Varsel(a.id, rolle, mottaker, hendelse, tekst, bjelle=rolle != aktor.rolle, opprettet=na)
        for rolle, mottaker in parter(a)
        if til is None or rolle in til
    )


def utsending(a: Tiltaksavtale, kanal: Kanal, mottaker: str, innhold: str, hendelse: str, na: datetime) -> Utsending:
    """An outbox record; `ekstern_id` is keyed by the version and `sist_endret`, so redelivery sends it once."""
    noekkel = f"{a.versjon}/{a.sist_endret.isoformat()}/{kanal}"
    return Utsending(a.id, kanal, mottaker, innhold, ekstern_id(a.id, hendelse, noekkel), send_tidligst=na)


def beskjed(a: Tiltaksavtale, tekst: str, hendelse: str, na: datetime) -> Utsending:
    """Min side – arbeidsgiver beskjed to the virksomhet (scoped to the type's Altinn resource by the adapter)."""
    return utsending(a, Kanal.MIN_SIDE_BESKJED, a.bedrift_nr, tekst, hendelse, na)


def sms(a: Tiltaksavtale, tlf: str | None, tekst: str, hendelse: str, na: datetime) -> tuple[Utsending, ...]:
    """An SMS when there is a phone number to send it to (none: nothing, the in-app varsel remains)."""
    return (utsending(a, Kanal.SMS, tlf, tekst, hendelse, na),) if tlf else ()


def ma_godkjennes_oppgave(a: Tiltaksavtale, na: datetime) -> Utsending:
    tekst = MA_GODKJENNES_OPPGAVE.format(tittel=kort_tittel(a.tiltakstype))
    return utsending(a, Kanal.MIN_SIDE_OPPGAVE, a.bedrift_nr, tekst, "MA_GODKJENNES", na)


def oppgave_utfort(a: Tiltaksavtale, na: datetime) -> Utsending:
    """Marks the "må godkjennes" oppgave done (on approval) or removes it (annulment, expiry)."""
    return utsending(a, Kanal.MIN_SIDE_OPPGAVE_UTFORT, a.bedrift_nr, "", "MA_GODKJENNES_UTFORT", na)


def nav_oppgave(a: Tiltaksavtale, enhet: str, tekst: str, hendelse: str, na: datetime) -> Utsending:
    return utsending(a, Kanal.NAV_OPPGAVE, enhet, tekst, hendelse, na)
