"""Row 12 of §5.3 and §5.4: lifting approvals. It clears the deltaker's, the arbeidsgiver's and Nav's approvals
(the mentor's signature stays), withdraws a pending grant, and tells every party "Avtalen må godkjennes på nytt."."""

from __future__ import annotations

from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.feil import regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype, HendelseType, Utfall
from shared.domain.tiltaksavtale.kodeverk import Innsatsgruppe, Rolle
from shared.domain.tiltaksavtale.overgang import endret, krev_ikke_annullert, krev_rolle, utfall
from shared.domain.tiltaksavtale.varsler import (
    GODKJENNES_PA_NYTT,
    Kontekst,
    beskjed,
    ma_godkjennes_oppgave,
    varsle,
)

KAN_IKKE_OPPHEVE: Final = (
    "Kan ikke oppheve godkjenninger i avtalen. Det er gjort endringer i avtalen som du ikke har sett. "
    "Oppfrisk siden og prøv igjen."
)
ER_INNGATT: Final = "Avtalen er inngått. Godkjenninger kan derfor ikke oppheves. Forsøk å oppfrisk siden."


def _hendelser(a: Tiltaksavtale, aktor: Aktor) -> tuple[tuple[HendelseType, str], ...]:
    av = aktor.rolle.value.lower() if aktor.rolle != Rolle.SYSTEM else "veileder"
    veileder = aktor.rolle != Rolle.ARBEIDSGIVER
    liste = [
        (
            HendelseType.GODKJENNINGER_OPPHEVET_AV_VEILEDER
            if veileder
            else HendelseType.GODKJENNINGER_OPPHEVET_AV_ARBEIDSGIVER,
            f"Avtalens godkjenninger er opphevet av {av}",
        )
    ]
    if a.godkjenninger.deltaker is not None:
        liste.append(
            (
                HendelseType.DELTAKERS_GODKJENNING_OPPHEVET_AV_VEILEDER
                if veileder
                else HendelseType.DELTAKERS_GODKJENNING_OPPHEVET_AV_ARBEIDSGIVER,
                f"Deltakers godkjenning opphevet av {av}",
            )
        )
    if veileder and a.godkjenninger.arbeidsgiver is not None:
        liste.append(
            (
                HendelseType.ARBEIDSGIVERS_GODKJENNING_OPPHEVET_AV_VEILEDER,
                "Arbeidsgivers godkjenning opphevet av veileder",
            )
        )
    return tuple(liste)


def opphevet(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst, innsatsgruppe: Innsatsgruppe | None = None) -> Utfall:
    """The effect of row 12 without its checks (also used by §4.5's implicit lifting on a new innsatsgruppe)."""
    g = a.godkjenninger.model_copy(update={"deltaker": None, "arbeidsgiver": None, "veileder": None, "beslutter": None})
    felt: dict[str, object] = {"godkjenninger": g, "tilskudd_beslutning": None}
    if innsatsgruppe is not None:
        felt["innsatsgruppe"] = innsatsgruppe
    ny = endret(a, ktx, **felt)
    hendelser = _hendelser(a, aktor)
    return utfall(
        ny,
        aktor,
        hendelser,
        varsler=varsle(ny, hendelser[0][0], GODKJENNES_PA_NYTT, aktor, ktx.na),
        utsendinger=(beskjed(ny, GODKJENNES_PA_NYTT, hendelser[0][0], ktx.na), ma_godkjennes_oppgave(ny, ktx.na)),
        effekter=(Effekttype.TILSKUDD_TREKKES,) if a.tilskudd_beslutning is not None else (),
    )


def opphev_godkjenninger(a: Tiltaksavtale, aktor: Aktor, ktx: Kontekst) -> Utfall:
    """Row 12: not inngått; someone approved; an arbeidsgiver only before Nav's approval."""
    krev_rolle(aktor, Rolle.ARBEIDSGIVER, Rolle.VEILEDER)
    krev_ikke_annullert(a)
    if a.er_inngatt:
        raise regelbrudd(ER_INNGATT)
    if not a.godkjenninger.noen_godkjent:
        raise regelbrudd(KAN_IKKE_OPPHEVE, "KAN_IKKE_OPPHEVE")
    if aktor.rolle == Rolle.ARBEIDSGIVER and a.godkjenninger.veileder is not None:
        raise regelbrudd(KAN_IKKE_OPPHEVE, "KAN_IKKE_OPPHEVE")
    return opphevet(a, aktor, ktx)
