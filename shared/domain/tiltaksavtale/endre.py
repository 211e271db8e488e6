"""Rows 3–5 of §5.3 and §5.4, §5.6: replace the content before any approval, take over as veileder, share.

Any change before inngåelse requires that no party has approved (row 3); lifting approvals is row 12."""

from __future__ import annotations

import re
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.datosjekk import Datogrunnlag, sjekk_datoer
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.grenser import sjekk_grenser
from shared.domain.tiltaksavtale.hendelser import Aktor, HendelseType, Utfall, Utsending
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import Part, Rolle, Status, Stillingstype, Tiltakstype
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.overgang import (
    endret,
    gjeldende_status,
    krev_feil,
    krev_ikke_annullert,
    krev_rolle,
    utfall,
)
from shared.domain.tiltaksavtale.tilgang import Avvisning, sjekk_persontilgang
from shared.domain.tiltaksavtale.varsler import DELT_SMS, Kontekst, avtalelenke, ma_godkjennes_oppgave, sms

KAN_IKKE_ENDRE_GODKJENT: Final = (
    "Avtalen er godkjent av minst én part. Godkjenningene må oppheves før avtalen kan endres."
)
KAN_IKKE_ENDRE_INNGATT: Final = "Avtalen er inngått og endres med egne endringer"
"""(vårt valg) PUT on an inngått avtale; the §5.5 routes change it."""
ALLEREDE_VEILEDER: Final = "Innlogget bruker er allerede veileder på denne avtalen"
UGYLDIG_MOBIL: Final = "Telefonnummeret er ikke et gyldig mobilnummer"
FEIL_TILTAKSTYPE: Final = "Denne handlingen er ikke tilgjengelig for denne avtaletypen"
ENDRET: Final = "Avtale endret"
_MOBIL: Final = re.compile(r"[49]\d{7}")


def _sjekk_kan_endres(a: Tiltaksavtale, ktx: Kontekst) -> None:
    krev_ikke_annullert(a)
    if a.er_inngatt:
        raise regelbrudd(KAN_IKKE_ENDRE_INNGATT)
    if a.godkjenninger.noen_godkjent:
        raise regelbrudd(KAN_IKKE_ENDRE_GODKJENT, "KAN_IKKE_ENDRE_GODKJENT")
    assert gjeldende_status(a, ktx) in (Status.PABEGYNT, Status.MANGLER_GODKJENNING)


def _normalisert(a: Tiltaksavtale, nytt: Avtaleinnhold) -> Avtaleinnhold:
    """bedriftNavn is read-only (from the register); sommerjobb's stillingstype is always MIDLERTIDIG."""
    endring: dict[str, object] = {"bedrift_navn": a.innhold.bedrift_navn}
    if a.tiltakstype == Tiltakstype.SOMMERJOBB:
        endring["stillingstype"] = Stillingstype.MIDLERTIDIG
    return nytt.model_copy(update=endring)


def _oppfrisket(a: Tiltaksavtale, aktor: Aktor, oppfolging: Oppfolgingsstatus | None) -> dict[str, object]:
    """A veileder's save refreshes the oppfølgingsstatus and enheter first (row 3)."""
    if aktor.rolle != Rolle.VEILEDER or oppfolging is None:
        return {}
    return {"enhet_oppfolging": oppfolging.oppfolgingsenhet, "innsatsgruppe": oppfolging.innsatsgruppe}


def endre(
    a: Tiltaksavtale,
    aktor: Aktor,
    nytt: Avtaleinnhold,
    ktx: Kontekst,
    oppfolging: Oppfolgingsstatus | None = None,
) -> Utfall:
    """Row 3: the content replaced (fields not sent become null); a veileder's oppfølgingsstatus refreshed first."""
    krev_rolle(aktor, Rolle.ARBEIDSGIVER, Rolle.VEILEDER)
    _sjekk_kan_endres(a, ktx)
    innhold = _normalisert(a, nytt)
    oppfrisket = _oppfrisket(a, aktor, oppfolging)
    g = Datogrunnlag(
        tiltakstype=a.tiltakstype,
        idag=ktx.idag,
        fodselsdato=a.deltaker_fodselsdato,
        innsatsgruppe=oppfolging.innsatsgruppe if oppfrisket and oppfolging else a.innsatsgruppe,
        etterregistrering=a.godkjent_for_etterregistrering,
        arbeidsgiver_ufordelt=aktor.rolle == Rolle.ARBEIDSGIVER and a.er_ufordelt,
    )
    krev_feil(sjekk_grenser(a.tiltakstype, innhold) + sjekk_datoer(innhold.start_dato, innhold.slutt_dato, g))
    ny = endret(a, ktx, innhold=innhold, **oppfrisket)
    oppgave: tuple[Utsending, ...] = ()
    if a.status != Status.MANGLER_GODKJENNING and ny.status == Status.MANGLER_GODKJENNING:
        oppgave = (ma_godkjennes_oppgave(ny, ktx.na),)
    return utfall(ny, aktor, ((HendelseType.ENDRET, ENDRET),), utsendinger=oppgave)


def overta(a: Tiltaksavtale, aktor: Aktor, avvisning: Avvisning | None, ktx: Kontekst) -> Utfall:
    """Row 4: any status but ANNULLERT; person access; not already the veileder."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    sjekk_persontilgang(avvisning)
    if a.veileder_navident == aktor.ident:
        raise regelbrudd(ALLEREDE_VEILEDER)
    if a.er_ufordelt:
        hendelse = (HendelseType.AVTALE_FORDELT, "Avtale tildelt veileder")
    else:
        hendelse = (HendelseType.NY_VEILEDER, "Avtale tildelt ny veileder")
    return utfall(endret(a, ktx, veileder_navident=aktor.ident), aktor, (hendelse,))


_DELING: Final[dict[Part, tuple[str, HendelseType, str]]] = {
    Part.DELTAKER: ("deltaker_tlf", HendelseType.DELT_MED_DELTAKER, "Avtale delt med deltaker"),
    Part.ARBEIDSGIVER: ("arbeidsgiver_tlf", HendelseType.DELT_MED_ARBEIDSGIVER, "Avtale delt med arbeidsgiver"),
    Part.MENTOR: ("mentor_tlf", HendelseType.DELT_MED_MENTOR, "Avtale delt med mentor"),
}


def del_med_avtalepart(a: Tiltaksavtale, aktor: Aktor, part: Part, ktx: Kontekst) -> Utfall:
    """Row 5 (§5.6): an SMS with the link to a mobile `[49]\\d{7}`; the link carries nothing secret."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if part == Part.MENTOR and a.tiltakstype != Tiltakstype.MENTOR:
        raise regelbrudd(FEIL_TILTAKSTYPE, "KAN_IKKE_ENDRE_FEIL_TILTAKSTYPE", "/part")
    felt, type_, tekst = _DELING[part]
    tlf = getattr(a.innhold, felt)
    if tlf is None or not _MOBIL.fullmatch(tlf):
        raise regelbrudd(UGYLDIG_MOBIL, "UGYLDIG_TLF")
    ny = endret(a, ktx)
    melding = DELT_SMS.format(lenke=avtalelenke(ktx.lenke, ny))
    return utfall(ny, aktor, ((type_, tekst),), utsendinger=sms(ny, tlf, melding, type_, ktx.na))
