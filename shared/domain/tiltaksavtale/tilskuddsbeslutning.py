"""The grant decision (avtale.md §6.3, §6.8) and rows 13–15 and 20 of §5.3. One decision per version (avvik).
For VTA-O the decision mirrors tilsagn #1: the tilsagn flow of §6 will call `tilskudd_godkjent` and
`tilskudd_returnert` from its own transaction; the avtale API's beslutter routes call them for the other types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from shared.domain.tiltaksavtale.avtale import Beslutning, Godkjenning, Tiltaksavtale
from shared.domain.tiltaksavtale.feil import AvtaleIkkeTilgang, regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall
from shared.domain.tiltaksavtale.inngaelse import inngaa
from shared.domain.tiltaksavtale.kodeverk import BeslutningStatus, Innsatsgruppe, Returaarsak, Rolle
from shared.domain.tiltaksavtale.overgang import (
    endret,
    krev_ikke_annullert,
    krev_rolle,
    med,
    sjekk_kostnadssted,
    utfall,
)
from shared.domain.tiltaksavtale.tilgang import Avvisning, sjekk_innsatsgruppe, sjekk_persontilgang
from shared.domain.tiltaksavtale.varsler import Kontekst, varsle

SELV_BEHANDLET: Final = "Du kan ikke beslutte noe du selv har behandlet"
MANGLER_BUDSJETTMYNDIGHET: Final = (
    "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet ved tilsagnets kostnadssted ({navn})"
)
IKKE_TIL_BESLUTNING: Final = "Tilskuddet venter ikke på beslutning"
"""(vårt valg) a decision on a grant that is not TIL_BESLUTNING."""
IKKE_RETURNERT: Final = "Tilskuddet er ikke returnert"
"""(vårt valg) row 15 on a grant that was not returned."""
MINST_EN_AARSAK: Final = "Minst én avslagsårsak må velges"
FORKLARING_MANGLER: Final = "Avslagsforklaring må fylles ut"
ETTERREGISTRERING_ETTER_INNGAELSE: Final = "Kan ikke endre etterregistrering etter at avtalen er godkjent."
GODKJENT: Final = "Tilskuddsperiode har blitt godkjent av beslutter"
RETURNERT: Final = "Tilskuddsperiode har blitt sendt i retur av beslutter"
SENDT_PA_NYTT: Final = "Tilskudd sendt til beslutter på nytt"
"""(vårt valg) row 15 has no hendelse text in the spec."""


def til_beslutning(a: Tiltaksavtale, veileder: Aktor, ktx: Kontekst) -> Utfall:
    """A new TIL_BESLUTNING decision for the current version, handled by `veileder` (row 9, row 15, §6.8)."""
    b = Beslutning(
        status=BeslutningStatus.TIL_BESLUTNING, versjon=a.versjon, behandlet_av=veileder.ident, tidspunkt=ktx.na
    )
    ny = endret(a, ktx, tilskudd_beslutning=b)
    return utfall(ny, veileder, (), effekter=(Effekttype.TILSKUDD_TIL_BESLUTNING,))


@dataclass(frozen=True, slots=True)
class Beslutningsgrunnlag:
    """What the service asked the ports about the beslutter."""

    har_rolle_ved_kostnadssted: bool
    avvisning: Avvisning | None
    innsatsgruppe: Innsatsgruppe | None


def _sjekk_beslutter(a: Tiltaksavtale, aktor: Aktor, g: Beslutningsgrunnlag) -> Beslutning:
    krev_rolle(aktor, Rolle.BESLUTTER)
    krev_ikke_annullert(a)
    b = a.tilskudd_beslutning
    if b is None or b.status != BeslutningStatus.TIL_BESLUTNING:
        raise regelbrudd(IKKE_TIL_BESLUTNING)
    if not g.har_rolle_ved_kostnadssted:
        raise AvtaleIkkeTilgang(MANGLER_BUDSJETTMYNDIGHET.format(navn=a.kostnadssted or "ukjent"))
    if b.behandlet_av == aktor.ident:
        raise regelbrudd(SELV_BEHANDLET)
    sjekk_persontilgang(g.avvisning)
    return b


def tilskudd_godkjent(a: Tiltaksavtale, aktor: Aktor, g: Beslutningsgrunnlag, ktx: Kontekst) -> Utfall:
    """Row 13: the decision GODKJENT; if not inngått, row 11 follows; a later version is published as decided."""
    b = _sjekk_beslutter(a, aktor, g)
    sjekk_innsatsgruppe(a.tiltakstype, g.innsatsgruppe)
    besluttet = b.model_copy(
        update={"status": BeslutningStatus.GODKJENT, "besluttet_av": aktor.ident, "tidspunkt": ktx.na}
    )
    godkjenninger = a.godkjenninger.model_copy(
        update={"beslutter": Godkjenning(tidspunkt=ktx.na, navident=aktor.ident)}
    )
    ny = endret(a, ktx, tilskudd_beslutning=besluttet, godkjenninger=godkjenninger)
    if ny.er_inngatt:
        return utfall(
            ny, aktor, ((HendelseType.TILSKUDDSPERIODE_GODKJENT, GODKJENT),), effekter=(Effekttype.AVTALE_INNGATT,)
        )
    return med(
        utfall(ny, aktor, ((HendelseType.TILSKUDDSPERIODE_GODKJENT, GODKJENT),)), inngaa(ny, Aktor.system(), ktx)
    )


def tilskudd_returnert(
    a: Tiltaksavtale,
    aktor: Aktor,
    g: Beslutningsgrunnlag,
    aarsaker: Sequence[Returaarsak],
    forklaring: str | None,
    ktx: Kontekst,
) -> Utfall:
    """Row 14: the decision RETURNERT with reasons; the avtale is otherwise unchanged; the veileder is told."""
    b = _sjekk_beslutter(a, aktor, g)
    if not aarsaker:
        raise regelbrudd(MINST_EN_AARSAK, pointer="/aarsaker")
    if forklaring is None or not forklaring.strip():
        raise regelbrudd(FORKLARING_MANGLER, pointer="/forklaring")
    oppdatert = {
        "status": BeslutningStatus.RETURNERT,
        "besluttet_av": aktor.ident,
        "tidspunkt": ktx.na,
        "aarsaker": tuple(aarsaker),
        "forklaring": forklaring,
    }
    ny = endret(a, ktx, tilskudd_beslutning=b.model_copy(update=oppdatert))
    t = HendelseType.TILSKUDDSPERIODE_AVSLATT
    varsler = varsle(ny, t, RETURNERT, aktor, ktx.na, frozenset({Rolle.VEILEDER}))
    return utfall(ny, aktor, ((t, RETURNERT),), varsler=varsler)


def send_tilbake_til_beslutter(
    a: Tiltaksavtale, aktor: Aktor, avvisning: Avvisning | None, kostnadssted: str | None, ktx: Kontekst
) -> Utfall:
    """Row 15: a RETURNERT grant recalculated with the current kostnadssted and content and sent again."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    b = a.tilskudd_beslutning
    if b is None or b.status != BeslutningStatus.RETURNERT:
        raise regelbrudd(IKKE_RETURNERT)
    sjekk_persontilgang(avvisning)
    if kostnadssted is not None:
        a = a.model_copy(update={"kostnadssted": sjekk_kostnadssted(kostnadssted)})
    sendt = til_beslutning(a, aktor, ktx)
    return med(utfall(sendt.avtale, aktor, ((HendelseType.TILSKUDDSPERIODE_SENDT_PA_NYTT, SENDT_PA_NYTT),)), sendt)


def endre_etterregistrering(a: Tiltaksavtale, aktor: Aktor, har_rolle: bool, ktx: Kontekst) -> Utfall:
    """Row 20: a beslutter toggles `godkjent_for_etterregistrering` before inngåelse."""
    krev_rolle(aktor, Rolle.BESLUTTER)
    krev_ikke_annullert(a)
    if not har_rolle:
        raise AvtaleIkkeTilgang(MANGLER_BUDSJETTMYNDIGHET.format(navn=a.kostnadssted or "ukjent"))
    if a.er_inngatt:
        raise regelbrudd(ETTERREGISTRERING_ETTER_INNGAELSE)
    ny_verdi = not a.godkjent_for_etterregistrering
    ny = endret(a, ktx, godkjent_for_etterregistrering=ny_verdi)
    if ny_verdi:
        hendelse = (HendelseType.GODKJENT_FOR_ETTERREGISTRERING, "Avtale er godkjent for etterregistrering")
    else:
        hendelse = (HendelseType.FJERNET_ETTERREGISTRERING, "Fjernet etterregistrering på avtale")
    return utfall(ny, aktor, (hendelse,))
