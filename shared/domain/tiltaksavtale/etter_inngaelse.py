"""Rows 16–18 of §5.3 (§5.5): changes after inngåelse, forleng and forkort. Only the veileder; each creates
version n+1 (`innhold_type`, `ikrafttredelse` = now); every party is told and can read every version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.datosjekk import START_ETTER_SLUTT, Datogrunnlag, sjekk_datoer
from shared.domain.tiltaksavtale.endringer import ENDRINGER
from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil, regelbrudd
from shared.domain.tiltaksavtale.grenser import sjekk_grenser
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall
from shared.domain.tiltaksavtale.inngaelse import versjon_av
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import (
    FORKORT_GRUNNER,
    TYPER,
    BeslutningStatus,
    InnholdType,
    Innsatsgruppe,
    Rolle,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.oppfolging import neste
from shared.domain.tiltaksavtale.overgang import (
    endret,
    krev_feil,
    krev_ikke_annullert,
    krev_rolle,
    med,
    med_effekt,
    utfall,
)
from shared.domain.tiltaksavtale.tilskuddsbeslutning import til_beslutning
from shared.domain.tiltaksavtale.varsler import Kontekst, beskjed, varsle

FEIL_TILTAKSTYPE: Final = "Denne handlingen er ikke tilgjengelig for denne avtaletypen"
FORLENG_FOR_GODKJENT: Final = "Avtalen kan ikke forlenges før den er godkjent"
FORLENG_FEIL_SLUTT: Final = "Avtalen kan ikke forlenges til før sluttdato"
FORKORT_FOR_GODKJENT: Final = "Kan ikke forkorte avtalen før den er godkjent"
FORKORT_FEIL_SLUTT: Final = "Avtalen kan ikke forkortes til etter sluttdato"
FORKORT_GRUNN: Final = "Grunn for forkortelse må velges"
FORKORT_UTBETALT: Final = "Avtalen kan ikke forkortes til før slutten av en måned som allerede er utbetalt"


def _ny_versjon(
    a: Tiltaksavtale,
    aktor: Aktor,
    ktx: Kontekst,
    innhold: Avtaleinnhold,
    innhold_type: InnholdType,
    hendelse: tuple[HendelseType, str],
    beskjedtekst: str,
    ny_beslutning: bool = False,
    **felt: object,
) -> Utfall:
    """Version n+1 with the new content; a returned grant (or a change that needs one) goes to the beslutter."""
    ny = endret(
        a, ktx, innhold=innhold, innhold_type=innhold_type, versjon=a.versjon + 1, ikrafttredelse=ktx.na, **felt
    )
    resultat = utfall(
        ny,
        aktor,
        (hendelse,),
        varsler=varsle(ny, hendelse[0], hendelse[1], aktor, ktx.na),
        utsendinger=(beskjed(ny, beskjedtekst, hendelse[0], ktx.na),),
    )
    resultat = replace(resultat, ny_versjon=versjon_av(ny))
    returnert = a.tilskudd_beslutning is not None and a.tilskudd_beslutning.status == BeslutningStatus.RETURNERT
    if (ny_beslutning and TYPER[a.tiltakstype].beslutter) or returnert:
        return med(resultat, til_beslutning(ny, aktor, ktx))
    return med_effekt(resultat, Effekttype.AVTALE_INNGATT)


def endre_etter_inngaelse(
    a: Tiltaksavtale, aktor: Aktor, type_: InnholdType, forespurt: Avtaleinnhold, ktx: Kontekst
) -> Utfall:
    """Row 16: one §5.5 kind; its fields copied from the request onto the current content."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    e = ENDRINGER[type_]
    if a.tiltakstype not in e.typer:
        raise regelbrudd(FEIL_TILTAKSTYPE, "KAN_IKKE_ENDRE_FEIL_TILTAKSTYPE")
    if not a.er_inngatt:
        raise regelbrudd(e.ikke_inngatt)
    innhold = a.innhold.model_copy(update={f: getattr(forespurt, f) for f in e.felt(a.tiltakstype)})
    feil = e.sjekk(a.tiltakstype, a.innhold, innhold) if e.sjekk else []
    krev_feil(feil or sjekk_grenser(a.tiltakstype, innhold))
    return _ny_versjon(a, aktor, ktx, innhold, type_, (e.hendelse, e.tekst), e.tekst + ".", e.ny_beslutning)


def _datogrunnlag(a: Tiltaksavtale, ktx: Kontekst, innsatsgruppe: Innsatsgruppe | None) -> Datogrunnlag:
    return Datogrunnlag(a.tiltakstype, ktx.idag, a.deltaker_fodselsdato, innsatsgruppe, inngatt=True)


def _sluttfeil(feil: list[AvtaleFeltFeil]) -> list[AvtaleFeltFeil]:
    """Forleng and forkort have `{sluttDato}` as body: point there."""
    return [replace(f, pointer="/sluttDato") if f.pointer.startswith("/innhold") else f for f in feil]


def forleng(
    a: Tiltaksavtale, aktor: Aktor, slutt: date, ktx: Kontekst, innsatsgruppe: Innsatsgruppe | None = None
) -> Utfall:
    """Row 17: a later sluttdato within the type's limits; the oppfølgingsstatus refreshed (`innsatsgruppe`)."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if not a.er_inngatt:
        raise regelbrudd(FORLENG_FOR_GODKJENT)
    assert a.innhold.slutt_dato is not None
    if slutt <= a.innhold.slutt_dato:
        raise regelbrudd(FORLENG_FEIL_SLUTT, "KAN_IKKE_FORLENGE_FEIL_SLUTTDATO", "/sluttDato")
    gruppe = innsatsgruppe or a.innsatsgruppe
    krev_feil(_sluttfeil(sjekk_datoer(a.innhold.start_dato, slutt, _datogrunnlag(a, ktx, gruppe))))
    felt: dict[str, object] = {"innsatsgruppe": gruppe}
    if a.tiltakstype == Tiltakstype.VTAO and a.oppfolging and a.oppfolging.varsel_fra <= ktx.idag:
        felt["oppfolging"] = neste(a.oppfolging, ktx.idag)
    innhold = a.innhold.model_copy(update={"slutt_dato": slutt})
    tekst = "Avtale forlenget av veileder"
    hendelse = (HendelseType.AVTALE_FORLENGET, tekst)
    ny_beslutning = a.tiltakstype != Tiltakstype.VTAO  # VTA-O: new blocks and tilsagn instead (§6.5)
    resultat = _ny_versjon(a, aktor, ktx, innhold, InnholdType.FORLENGE, hendelse, tekst + ".", ny_beslutning, **felt)
    return med_effekt(resultat, Effekttype.SLUTTDATO_ENDRET)


def forkort(
    a: Tiltaksavtale,
    aktor: Aktor,
    slutt: date,
    grunn: str | None,
    annet_grunn: str | None,
    ktx: Kontekst,
    siste_utbetalte_dag: date | None = None,
) -> Utfall:
    """Row 18 (also "avslutt"): an earlier sluttdato ≥ startdato, a reason; VTA-O: not before a paid month's end
    (`siste_utbetalte_dag`, from §6)."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if not a.er_inngatt:
        raise regelbrudd(FORKORT_FOR_GODKJENT)
    assert a.innhold.slutt_dato is not None and a.innhold.start_dato is not None
    if slutt >= a.innhold.slutt_dato:
        raise regelbrudd(FORKORT_FEIL_SLUTT, pointer="/sluttDato")
    if slutt < a.innhold.start_dato:
        raise regelbrudd(START_ETTER_SLUTT, "START_ETTER_SLUTT", "/sluttDato")
    if grunn not in FORKORT_GRUNNER or (grunn == "Annet" and not (annet_grunn or "").strip()):
        raise regelbrudd(FORKORT_GRUNN, pointer="/grunn")
    if siste_utbetalte_dag is not None and slutt < siste_utbetalte_dag:
        raise regelbrudd(FORKORT_UTBETALT, "KAN_IKKE_FORKORTE_FOR_UTBETALT_TILSKUDDSPERIODE", "/sluttDato")
    innhold = a.innhold.model_copy(update={"slutt_dato": slutt})
    hendelse = (HendelseType.AVTALE_FORKORTET, "Avtale forkortet av veileder")
    resultat = _ny_versjon(a, aktor, ktx, innhold, InnholdType.FORKORTE, hendelse, "Avtale forkortet.")
    return med_effekt(resultat, Effekttype.SLUTTDATO_ENDRET)
