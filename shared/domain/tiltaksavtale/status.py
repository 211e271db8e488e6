"""The derived status (avtale.md §5.1): computed from the data at every write and on read, first match wins; and
`venterPa`, the first missing step, for display."""

from __future__ import annotations

from datetime import date

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.felter import felter_som_mangler
from shared.domain.tiltaksavtale.kodeverk import TYPER, BeslutningStatus, Status, Tiltakstype, VenterPa


def utled_status(a: Tiltaksavtale, idag: date) -> Status:
    """§5.1 top to bottom; an inngått avtale always has both dates (approval requires them)."""
    if a.annullert_tidspunkt is not None:
        return Status.ANNULLERT
    if a.avtale_inngatt is not None:
        start, slutt = a.innhold.start_dato, a.innhold.slutt_dato
        if slutt is not None and slutt < idag:
            return Status.AVSLUTTET
        if start is not None and start <= idag:
            return Status.GJENNOMFORES
        return Status.KLAR_FOR_OPPSTART
    if not felter_som_mangler(a.tiltakstype, a.innhold):
        return Status.MANGLER_GODKJENNING
    return Status.PABEGYNT


def med_status(a: Tiltaksavtale, idag: date) -> Tiltaksavtale:
    return a.model_copy(update={"status": utled_status(a, idag)})


def venter_pa(a: Tiltaksavtale) -> VenterPa | None:
    """FORDELING, ARBEIDSGIVER, DELTAKER, MENTOR, VEILEDER, BESLUTTER: the first missing; None once inngått
    (or annulled)."""
    if a.er_inngatt or a.er_annullert:
        return None
    g = a.godkjenninger
    steg = (
        (VenterPa.FORDELING, a.er_ufordelt),
        (VenterPa.ARBEIDSGIVER, g.arbeidsgiver is None),
        (VenterPa.DELTAKER, g.deltaker is None),
        (VenterPa.MENTOR, a.tiltakstype == Tiltakstype.MENTOR and g.mentor_taushetserklaering is None),
        (VenterPa.VEILEDER, g.veileder is None),
        (VenterPa.BESLUTTER, TYPER[a.tiltakstype].beslutter and not _besluttet(a)),
    )
    return next((navn for navn, mangler in steg if mangler), None)


def _besluttet(a: Tiltaksavtale) -> bool:
    b = a.tilskudd_beslutning
    return b is not None and b.status == BeslutningStatus.GODKJENT
