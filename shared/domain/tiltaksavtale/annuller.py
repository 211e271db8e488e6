"""Row 19 (annul) and row 21 with §5.7 (expiry of unfinished avtaler after 12 weeks without a write)."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall
from shared.domain.tiltaksavtale.kodeverk import ANNULLER_GRUNNER, FEILREGISTRERING, UTLOPT, Rolle, Status, Tiltakstype
from shared.domain.tiltaksavtale.overgang import endret, gjeldende_status, krev_ikke_annullert, krev_rolle, utfall
from shared.domain.tiltaksavtale.varsler import Kontekst, beskjed, oppgave_utfort, varsle

ANNULLERT: Final = "Avtale annullert"
GRUNN_MANGLER: Final = "Grunn for annullering må velges"
"""(vårt valg) the spec lists the reasons but no text."""
UTBETALT: Final = "Avtalen inneholder utbetalte tilskuddsperiode(er). Avtalen kan derfor ikke annulleres."
UTLOP_ETTER: Final = timedelta(weeks=12)
EN_UKE: Final = "Avtale vil automatisk slettes om 1 uke dersom det ikke foretas noen endringer"
I_DAG: Final = "Avtale vil automatisk slettes i dag dersom det ikke foretas noen endringer innen kl 23:59"


def _annullert(a: Tiltaksavtale, aktor: Aktor, grunn: str, ktx: Kontekst, **felt: object) -> Utfall:
    ny = endret(a, ktx, annullert_tidspunkt=ktx.na, annullert_grunn=grunn, **felt)
    t = HendelseType.ANNULLERT
    return utfall(
        ny,
        aktor,
        ((t, ANNULLERT),),
        varsler=varsle(ny, t, ANNULLERT, aktor, ktx.na),
        utsendinger=(oppgave_utfort(ny, ktx.na),),
        effekter=(Effekttype.ANNULLERT, Effekttype.TILSKUDD_TREKKES),
    )


def annuller(a: Tiltaksavtale, aktor: Aktor, grunn: str | None, ktx: Kontekst, har_utbetalt: bool = False) -> Utfall:
    """Row 19: any status but ANNULLERT; «Feilregistrering» hides it for all; VTA-O: no month paid
    (`har_utbetalt`, from §6); an ufordelt avtale gets this veileder."""
    krev_rolle(aktor, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if grunn not in ANNULLER_GRUNNER:
        raise regelbrudd(GRUNN_MANGLER, pointer="/grunn")
    if a.tiltakstype == Tiltakstype.VTAO and har_utbetalt:
        raise regelbrudd(UTBETALT, "AVTALE_INNEHOLDER_UTBETALT_TILSKUDDSPERIODE")
    felt: dict[str, object] = {"feilregistrert": grunn == FEILREGISTRERING}
    if a.er_ufordelt:
        felt["veileder_navident"] = aktor.ident
    return _annullert(a, aktor, grunn, ktx, **felt)


def utlop(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall:
    """Row 21: PABEGYNT or MANGLER_GODKJENNING, `sist_endret` + 12 weeks ≤ now → annulled «Utløpt», feilregistrert."""
    krev_rolle(aktor, Rolle.SYSTEM)
    krev_ikke_annullert(a)
    if gjeldende_status(a, ktx) not in (Status.PABEGYNT, Status.MANGLER_GODKJENNING):
        raise regelbrudd("Avtalen er ikke uferdig")
    if a.sist_endret + UTLOP_ETTER > ktx.na:
        raise regelbrudd("Avtalen er ikke utløpt")
    return _annullert(a, aktor, UTLOPT, ktx, feilregistrert=True)


def utlopsvarsel(a: Tiltaksavtale, ktx: Kontekst) -> Utfall | None:
    """§5.7 warnings at U − 7 days ≤ now < U − 6 days and U − 1 day ≤ now < U, once each. Not a write in the
    sense of §5.7: `sist_endret` stays, so the warning does not postpone the expiry it announces."""
    if a.er_annullert or a.er_inngatt:
        return None
    u = a.sist_endret + UTLOP_ETTER
    for noekkel, fra, til, tekst in (
        ("1_UKE", u - timedelta(days=7), u - timedelta(days=6), EN_UKE),
        ("I_DAG", u - timedelta(days=1), u, I_DAG),
    ):
        if fra <= ktx.na < til and noekkel not in a.utlopsvarsel_sendt:
            ny = a.model_copy(update={"utlopsvarsel_sendt": (*a.utlopsvarsel_sendt, noekkel)})
            t = HendelseType.UTLOPSVARSEL
            system = Aktor.system()
            return Utfall(
                avtale=ny,
                hendelser=(),
                varsler=varsle(ny, t, tekst, system, ktx.na),
                utsendinger=(beskjed(ny, tekst, f"{t}/{noekkel}", ktx.na),),
            )
    return None
