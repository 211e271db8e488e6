"""The daily job's rules per avtale (avtale.md §9.3): expiry and its warnings (§5.7, row 21), date-driven status
(row 22), the VTA-O oppfølging warning (§5.8) and "oppfølging utført" (row 23)."""

from __future__ import annotations

from typing import Final

from shared.domain.tiltaksavtale.annuller import UTLOP_ETTER, utlop, utlopsvarsel
from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall
from shared.domain.tiltaksavtale.kodeverk import UFERDIGE, Rolle, Tiltakstype
from shared.domain.tiltaksavtale.oppfolging import neste, skal_varsle
from shared.domain.tiltaksavtale.overgang import endret, gjeldende_status, krev_ikke_annullert, krev_rolle, utfall
from shared.domain.tiltaksavtale.varsler import OPPFOLGING_KREVES, Kontekst, varsle

FEIL_TILTAKSTYPE: Final = "Denne handlingen er ikke tilgjengelig for denne avtaletypen"
OPPFOLGING_IKKE_INNGATT: Final = "Oppfølging kan kun registreres på en inngått avtale"
"""(vårt valg) row 23 on an avtale that is not inngått."""


def statusendring(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall | None:
    """Row 22: an inngått avtale whose date-driven status changed gets it persisted; None when unchanged (no
    write)."""
    krev_rolle(aktor, Rolle.SYSTEM)
    if not a.er_inngatt or a.er_annullert or gjeldende_status(a, ktx) == a.status:
        return None
    ny = endret(a, ktx)
    return utfall(ny, aktor, ((HendelseType.STATUSENDRING, "Statusendring"),), effekter=(Effekttype.STATUS_ENDRET,))


def oppfolging_utfort(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall:
    """Row 23: VTA-O, inngått; the next frist from max(today, current frist)."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if a.tiltakstype != Tiltakstype.VTAO:
        raise regelbrudd(FEIL_TILTAKSTYPE, "KAN_IKKE_ENDRE_FEIL_TILTAKSTYPE")
    if not a.er_inngatt or a.oppfolging is None:
        raise regelbrudd(OPPFOLGING_IKKE_INNGATT)
    ny = endret(a, ktx, oppfolging=neste(a.oppfolging, ktx.idag))
    return utfall(ny, aktor, ((HendelseType.OPPFOLGING_AV_TILTAK_UTFORT, "Oppfølging av tiltaket utført"),))


def oppfolgingsvarsel(a: Tiltaksavtale, ktx: Kontekst) -> Utfall | None:
    """§5.8: once per frist to the veileder, "Oppfølging av tiltaket kreves"; `sist_endret` stays."""
    if a.oppfolging is None or not skal_varsle(a, ktx.idag):
        return None
    ny = a.model_copy(update={"oppfolging": a.oppfolging.model_copy(update={"varsel_sendt": True})})
    t = HendelseType.OPPFOLGING_AV_TILTAK_KREVES
    varsler = varsle(ny, t, OPPFOLGING_KREVES, Aktor.system(), ktx.na, frozenset({Rolle.VEILEDER}))
    return Utfall(avtale=ny, hendelser=(), varsler=varsler)


def daglig(a: Tiltaksavtale, ktx: Kontekst) -> Utfall | None:
    """The one change the daily job makes to this avtale today, or None (no write)."""
    system = Aktor.system()
    if a.er_annullert:
        return None
    if gjeldende_status(a, ktx) in UFERDIGE:
        if a.sist_endret + UTLOP_ETTER <= ktx.na:
            return utlop(a, system, ktx)
        return utlopsvarsel(a, ktx)
    return statusendring(a, system, ktx) or oppfolgingsvarsel(a, ktx)
