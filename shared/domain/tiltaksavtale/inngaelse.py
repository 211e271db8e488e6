"""Row 11 of §5.3: inngåelse, by the system inside Nav's approval (rows 9–10) or the grant decision (row 13).
Version 1 is frozen, the VTA-O oppfølging starts (§5.8), and every party is told (§7)."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall, Utsending
from shared.domain.tiltaksavtale.kodeverk import Rolle, Tiltakstype
from shared.domain.tiltaksavtale.oppfolging import ved_inngaelse
from shared.domain.tiltaksavtale.overgang import endret, krev_rolle, utfall
from shared.domain.tiltaksavtale.varsler import (
    INNGATT_BESKJED,
    UFORETRYGD_MOTTAKER,
    VTAO_STARTET_OPPGAVE,
    Kontekst,
    beskjed,
    nav_oppgave,
    varsle,
)

ALLEREDE_INNGATT: Final = "Avtalen er allerede inngått"
INNGATT: Final = "Avtale godkjent av Nav"


def versjon_av(a: Tiltaksavtale) -> Versjon:
    """The frozen copy of the current version (`tiltaksavtaler/{id}/versjoner/{nnnn}`)."""
    assert a.ikrafttredelse is not None
    return Versjon(
        versjon=a.versjon,
        innhold=a.innhold,
        godkjenninger=a.godkjenninger,
        innhold_type=a.innhold_type,
        ikrafttredelse=a.ikrafttredelse,
    )


def _utsendinger(a: Tiltaksavtale, ktx: Kontekst) -> tuple[Utsending, ...]:
    t = HendelseType.AVTALE_INNGAATT
    liste = [beskjed(a, INNGATT_BESKJED, t, ktx.na)]
    if a.tiltakstype == Tiltakstype.VTAO and a.innhold.start_dato is not None:
        tekst = VTAO_STARTET_OPPGAVE.format(dato=a.innhold.start_dato.strftime("%d.%m.%Y"))
        liste.append(nav_oppgave(a, UFORETRYGD_MOTTAKER, tekst, t, ktx.na))
    return tuple(liste)


def inngaa(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall:
    """Row 11: `avtale_inngatt` = now; the `avtale-inngatt` message and archiving follow as an effect."""
    krev_rolle(aktor, Rolle.SYSTEM)
    if a.er_inngatt:
        raise regelbrudd(ALLEREDE_INNGATT)
    oppfolging = ved_inngaelse(a, ktx.idag) if a.tiltakstype == Tiltakstype.VTAO else None
    ny = endret(a, ktx, avtale_inngatt=ktx.na, ikrafttredelse=ktx.na, oppfolging=oppfolging)
    t = HendelseType.AVTALE_INNGAATT
    resultat = utfall(
        ny,
        aktor,
        ((t, INNGATT),),
        varsler=varsle(ny, t, INNGATT, aktor, ktx.na),
        utsendinger=_utsendinger(ny, ktx),
        effekter=(Effekttype.AVTALE_INNGATT,),
    )
    return replace(resultat, ny_versjon=versjon_av(ny))
