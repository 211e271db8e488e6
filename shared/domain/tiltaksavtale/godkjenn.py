"""Rows 6–11 of §5.3: the mentor's signature, approvals by deltaker and arbeidsgiver in any order, Nav last
(optionally on the deltaker's behalf), and inngåelse. The common approval checks come first, in the spec's order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from shared.domain.tiltaksavtale.avtale import Godkjenning, PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.datosjekk import Datogrunnlag, sjekk_datoer
from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil, AvtaleValideringsfeil, regelbrudd
from shared.domain.tiltaksavtale.felter import beregning_mangler, felter_som_mangler
from shared.domain.tiltaksavtale.hendelser import Aktor, HendelseType, Utfall
from shared.domain.tiltaksavtale.inngaelse import inngaa
from shared.domain.tiltaksavtale.innhold import peker
from shared.domain.tiltaksavtale.kodeverk import Rolle, Tiltakstype
from shared.domain.tiltaksavtale.opphev import opphevet
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.overgang import (
    endret,
    krev_feil,
    krev_ikke_annullert,
    krev_rolle,
    med,
    sjekk_kostnadssted,
    utfall,
)
from shared.domain.tiltaksavtale.tilgang import (
    Person,
    Virksomhet,
    sjekk_innsatsgruppe,
    sjekk_kode6,
    sjekk_virksomhet,
)
from shared.domain.tiltaksavtale.tilskuddsbeslutning import til_beslutning
from shared.domain.tiltaksavtale.varsler import (
    DELT_SMS,
    Kontekst,
    avtalelenke,
    oppgave_utfort,
    sms,
    varsle,
)

ALT_MA_VAERE_FYLT_UT: Final = "Alt må være fylt ut før du kan godkjenne"
MANGLER_VEILEDER: Final = "Avtalen trenger en veileder før du kan godkjenne"
MANGLER_BEREGNING: Final = "Beregning av tilskudd må være utfylt"
MA_BEKREFTE: Final = "Du må bekrefte at opplysningene er riktige"
IKKE_FORDELT: Final = "Avtalen er ikke fordelt til en veileder"
VEILEDER_SIST: Final = "Veileder må godkjenne avtalen etter deltaker og arbeidsgiver."
MENTOR_FORST: Final = "Veileder må godkjenne avtalen etter deltaker, mentor og arbeidsgiver."
ARBEIDSGIVER_FORST: Final = "Arbeidsgiver må godkjenne avtalen før veileder kan godkjenne"
MINST_EN_GRUNN: Final = "Du må velge minst én grunn"
ALLEREDE_SIGNERT: Final = "Mentor har allerede signert taushetserklæringen"
ALLEREDE: Final = "{part} har allerede godkjent avtalen"


def _felles(a: Tiltaksavtale, bekreftet: bool, *, nav: bool) -> None:
    """The common approval checks (rows 7–10). Nav's own approval needs the avtale fordelt (rows 9–10 text)."""
    krev_ikke_annullert(a)
    mangler = felter_som_mangler(a.tiltakstype, a.innhold)
    if mangler:
        raise AvtaleValideringsfeil(
            [AvtaleFeltFeil(peker(f), ALT_MA_VAERE_FYLT_UT, "ALT_MA_VAERE_FYLT_UT") for f in mangler]
        )
    if a.er_ufordelt:
        raise regelbrudd(IKKE_FORDELT) if nav else regelbrudd(MANGLER_VEILEDER, "MANGLER_VEILEDER_PÅ_AVTALE")
    if beregning_mangler(a.tiltakstype, a.innhold):
        raise regelbrudd(MANGLER_BEREGNING, "MANGLER_BEREGNING")
    if not bekreftet:
        raise regelbrudd(MA_BEKREFTE, pointer="/bekreftet")


def signer_taushetserklaering(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall:
    """Row 6."""
    krev_rolle(aktor, Rolle.MENTOR)
    krev_ikke_annullert(a)
    if a.godkjenninger.mentor_taushetserklaering is not None:
        raise regelbrudd(ALLEREDE_SIGNERT)
    g = a.godkjenninger.model_copy(update={"mentor_taushetserklaering": Godkjenning(tidspunkt=ktx.na)})
    ny = endret(a, ktx, godkjenninger=g)
    return utfall(ny, aktor, ((HendelseType.SIGNERT_AV_MENTOR, "Mentor har signert taushetserklæring"),))


def _partgodkjenning(a: Tiltaksavtale, aktor: Aktor, felt: str, type_: HendelseType, ktx: Kontekst) -> Utfall:
    ny = endret(a, ktx, godkjenninger=a.godkjenninger.model_copy(update={felt: Godkjenning(tidspunkt=ktx.na)}))
    tekst = f"Avtale er godkjent av {aktor.rolle.value.lower()}"
    intern = DELT_SMS.format(lenke=avtalelenke(ktx.intern_lenke, ny))
    utsendinger = sms(ny, ny.innhold.veileder_tlf, intern, type_, ktx.na)
    if aktor.rolle == Rolle.ARBEIDSGIVER:
        utsendinger = (oppgave_utfort(ny, ktx.na), *utsendinger)
    varsler = varsle(ny, type_, tekst, aktor, ktx.na, frozenset({Rolle.VEILEDER}))
    return utfall(ny, aktor, ((type_, tekst),), varsler=varsler, utsendinger=utsendinger)


def godkjenn_som_deltaker(a: Tiltaksavtale, aktor: Aktor, bekreftet: bool, ktx: Kontekst) -> Utfall:
    """Row 7."""
    krev_rolle(aktor, Rolle.DELTAKER)
    _felles(a, bekreftet, nav=False)
    if a.godkjenninger.deltaker is not None:
        raise regelbrudd(ALLEREDE.format(part="Deltaker"))
    return _partgodkjenning(a, aktor, "deltaker", HendelseType.GODKJENT_AV_DELTAKER, ktx)


def godkjenn_som_arbeidsgiver(a: Tiltaksavtale, aktor: Aktor, bekreftet: bool, ktx: Kontekst) -> Utfall:
    """Row 8."""
    krev_rolle(aktor, Rolle.ARBEIDSGIVER)
    _felles(a, bekreftet, nav=False)
    if a.godkjenninger.arbeidsgiver is not None:
        raise regelbrudd(ALLEREDE.format(part="Arbeidsgiver"))
    return _partgodkjenning(a, aktor, "arbeidsgiver", HendelseType.GODKJENT_AV_ARBEIDSGIVER, ktx)


@dataclass(frozen=True, slots=True)
class Navgrunnlag:
    """What the service fetched fresh for Nav's approval (rows 9–10)."""

    bekreftet: bool
    person: Person
    oppfolging: Oppfolgingsstatus
    virksomhet: Virksomhet | None
    kostnadssted: str | None = None
    """From the body; default the stored one, else the oppfølgingsenhet."""


class InnsatsbehovEndret(AvtaleValideringsfeil):
    """§4.5: midlertidig lønnstilskudd whose innsatsgruppe changed before Nav's approval. `utfall` (approvals
    lifted, new gruppe) must be committed before the 400 is answered."""

    TEKST: Final = "Deltakers innsatsbehov har endret seg, og avtalen må derfor signeres på nytt av alle parter."

    def __init__(self, utfall: Utfall) -> None:
        super().__init__([AvtaleFeltFeil("/", self.TEKST, "OPPFOLGINGSTATUS_ENDRET")])
        self.utfall = utfall


def _sjekk_innsatsbehov(a: Tiltaksavtale, g: Navgrunnlag, aktor: Aktor, ktx: Kontekst) -> None:
    ny_gruppe = g.oppfolging.innsatsgruppe
    if a.tiltakstype != Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD or ny_gruppe == a.innsatsgruppe:
        return
    raise InnsatsbehovEndret(opphevet(a, aktor, ktx, innsatsgruppe=ny_gruppe))


def _kostnadssted(a: Tiltaksavtale, g: Navgrunnlag) -> str:
    return sjekk_kostnadssted(
        g.kostnadssted or a.kostnadssted or (a.enhet_oppfolging.nr if a.enhet_oppfolging else None)
    )


def _sjekk_nav(a: Tiltaksavtale, g: Navgrunnlag, aktor: Aktor, ktx: Kontekst) -> tuple[str, str]:
    """Row 9's checks after the common ones; (kostnadssted, bedriftNavn refreshed from the register)."""
    ga = a.godkjenninger
    if a.tiltakstype == Tiltakstype.MENTOR and ga.mentor_taushetserklaering is None:
        raise regelbrudd(MENTOR_FORST, "MENTOR_MÅ_SIGNERE_TAUSHETSERKLÆRING")
    d = Datogrunnlag(
        a.tiltakstype,
        ktx.idag,
        a.deltaker_fodselsdato,
        g.oppfolging.innsatsgruppe,
        etterregistrering=a.godkjent_for_etterregistrering,
        lagret=True,
    )
    krev_feil(sjekk_datoer(a.innhold.start_dato, a.innhold.slutt_dato, d))
    _sjekk_innsatsbehov(a, g, aktor, ktx)
    sjekk_innsatsgruppe(a.tiltakstype, g.oppfolging.innsatsgruppe)
    virksomhet = sjekk_virksomhet(g.virksomhet)
    sjekk_kode6(g.person)
    kostnadssted = _kostnadssted(a, g)
    if ga.veileder is not None:
        raise regelbrudd(ALLEREDE.format(part="Veileder"))
    return kostnadssted, virksomhet.navn


def _nav_godkjent(
    a: Tiltaksavtale,
    aktor: Aktor,
    g: Navgrunnlag,
    ktx: Kontekst,
    deltaker: Godkjenning | None,
    hendelse: tuple[HendelseType, str],
) -> Utfall:
    kostnadssted, navn = _sjekk_nav(a, g, aktor, ktx)
    oppdatert = {"veileder": Godkjenning(tidspunkt=ktx.na, navident=aktor.ident)}
    if deltaker is not None:
        oppdatert["deltaker"] = deltaker
    ny = endret(
        a,
        ktx,
        godkjenninger=a.godkjenninger.model_copy(update=oppdatert),
        kostnadssted=kostnadssted,
        innhold=a.innhold.model_copy(update={"bedrift_navn": navn}),
        enhet_oppfolging=g.oppfolging.oppfolgingsenhet or a.enhet_oppfolging,
        innsatsgruppe=g.oppfolging.innsatsgruppe,
    )
    forste = utfall(ny, aktor, (hendelse,))
    if ny.tiltakstype in (Tiltakstype.ARBEIDSTRENING, Tiltakstype.INKLUDERINGSTILSKUDD):
        return med(forste, inngaa(ny, Aktor.system(), ktx))
    return med(forste, til_beslutning(ny, aktor, ktx))


def godkjenn_som_veileder(a: Tiltaksavtale, aktor: Aktor, g: Navgrunnlag, ktx: Kontekst) -> Utfall:
    """Row 9: Nav approves last; no-grant types are inngått at once (row 11), the others go to the beslutter."""
    krev_rolle(aktor, Rolle.VEILEDER)
    _felles(a, g.bekreftet, nav=True)
    if a.godkjenninger.deltaker is None or a.godkjenninger.arbeidsgiver is None:
        raise regelbrudd(VEILEDER_SIST, "VEILEDER_SKAL_GODKJENNE_SIST")
    return _nav_godkjent(a, aktor, g, ktx, None, (HendelseType.GODKJENT_AV_VEILEDER, "Avtale er godkjent av veileder"))


def godkjenn_pa_vegne_av_deltaker(
    a: Tiltaksavtale, aktor: Aktor, g: Navgrunnlag, grunn: PaVegneAv, ktx: Kontekst
) -> Utfall:
    """Row 10: the deltaker's and Nav's approval in one step, with the reasons."""
    krev_rolle(aktor, Rolle.VEILEDER)
    _felles(a, g.bekreftet, nav=True)
    if a.godkjenninger.deltaker is not None:
        raise regelbrudd(ALLEREDE.format(part="Deltaker"))
    if a.godkjenninger.arbeidsgiver is None:
        raise regelbrudd(ARBEIDSGIVER_FORST, "ARBEIDSGIVER_SKAL_GODKJENNE_FOER_VEILEDER")
    if not grunn.har_grunn:
        raise regelbrudd(MINST_EN_GRUNN, pointer="/grunn")
    deltaker = Godkjenning(tidspunkt=ktx.na, pa_vegne_av=grunn)
    tekst = "Veileder godkjente avtalen på vegne av seg selv og deltaker"
    return _nav_godkjent(a, aktor, g, ktx, deltaker, (HendelseType.GODKJENT_PAA_VEGNE_AV, tekst))
