"""What every transition of §5.3 shares: the actor check of §5.2, the annulled check, and committing a change
(status recomputed, `sist_endret` = now, one hendelse per row) into an `Utfall`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil, AvtaleValideringsfeil, regelbrudd, rolle_har_ikke_tilgang
from shared.domain.tiltaksavtale.hendelser import (
    Aktor,
    Effekt,
    Effekttype,
    Hendelse,
    HendelseType,
    Utfall,
    Utsending,
    Varsel,
    utfort_av_ident,
)
from shared.domain.tiltaksavtale.kodeverk import Rolle, Status
from shared.domain.tiltaksavtale.status import utled_status
from shared.domain.tiltaksavtale.varsler import Kontekst

ANNULLERT_TEKST: Final = "Kan ikke endre en annullert avtale"
FIRESIFRET: Final = "Enheten må oppgis som et firesifret tall"


def krev_rolle(aktor: Aktor, *roller: Rolle) -> None:
    """§5.2: the actor column is exhaustive."""
    if aktor.rolle not in roller:
        raise rolle_har_ikke_tilgang()


def krev_ikke_annullert(a: Tiltaksavtale) -> None:
    if a.er_annullert:
        raise regelbrudd(ANNULLERT_TEKST, "KAN_IKKE_ENDRE_ANNULLERT_AVTALE")


def sjekk_kostnadssted(kostnadssted: str | None) -> str:
    """Rows 9 and 15: four digits, at `/kostnadssted`."""
    if kostnadssted is None or len(kostnadssted) != 4 or not kostnadssted.isdigit():
        raise regelbrudd(FIRESIFRET, pointer="/kostnadssted")
    return kostnadssted


def gjeldende_status(a: Tiltaksavtale, ktx: Kontekst) -> Status:
    """The status as of now (the stored one may be a day old: row 22 persists date-driven changes)."""
    return utled_status(a, ktx.idag)


def krev_feil(feil: list[AvtaleFeltFeil]) -> None:
    if feil:
        raise AvtaleValideringsfeil(feil)


def endret(a: Tiltaksavtale, ktx: Kontekst, **felt: object) -> Tiltaksavtale:
    """The avtale with `felt` changed, `sist_endret` = now (which postpones expiry, §5.7) and its status."""
    oppdatering: Mapping[str, object] = {**felt, "sist_endret": ktx.na, "utlopsvarsel_sendt": ()}
    ny = a.model_copy(update=oppdatering)
    return ny.model_copy(update={"status": utled_status(ny, ktx.idag)})


def hendelse(a: Tiltaksavtale, type_: HendelseType, tekst: str, aktor: Aktor) -> Hendelse:
    """A hendelse on the committed avtale (its `sist_endret` and `versjon`)."""
    return Hendelse(a.id, type_, tekst, aktor.rolle, utfort_av_ident(aktor, a), a.sist_endret, a.versjon)


def utfall(
    a: Tiltaksavtale,
    aktor: Aktor,
    hendelser: tuple[tuple[HendelseType, str], ...],
    varsler: tuple[Varsel, ...] = (),
    utsendinger: tuple[Utsending, ...] = (),
    effekter: tuple[Effekttype, ...] = (),
) -> Utfall:
    return Utfall(
        avtale=a,
        hendelser=tuple(hendelse(a, t, tekst, aktor) for t, tekst in hendelser),
        varsler=varsler,
        utsendinger=utsendinger,
        effekter=tuple(Effekt(e, a.versjon) for e in effekter),
    )


def med_effekt(u: Utfall, *typer: Effekttype) -> Utfall:
    return replace(u, effekter=u.effekter + tuple(Effekt(t, u.avtale.versjon) for t in typer))


def med(forste: Utfall, andre: Utfall) -> Utfall:
    """Two steps of one transaction (row 9 then row 11): the second's avtale, both steps' records."""
    return Utfall(
        avtale=andre.avtale,
        hendelser=forste.hendelser + andre.hendelser,
        varsler=forste.varsler + andre.varsler,
        utsendinger=forste.utsendinger + andre.utsendinger,
        ny_versjon=andre.ny_versjon or forste.ny_versjon,
        effekter=forste.effekter + andre.effekter,
    )
