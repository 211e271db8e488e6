"""VTA-O oppfølging every six months (avtale.md §5.8): the frist and the date from which the veileder is warned.
Example: inngått 2025-09-10, start 2025-09-15 → frist 2026-03-31, varsel from 2026-02-01; follow-up recorded
2026-03-10 → frist 2026-09-30."""

from __future__ import annotations

from datetime import date
from typing import Final

from shared.domain.tiltaksavtale.avtale import Oppfolging, Tiltaksavtale
from shared.domain.tiltaksavtale.datoer import pluss_maneder, siste_dag_i_maned

KREVER_OPPFOLGING: Final = (
    "Tilskuddsperioden krever oppfølging. Startdatoen er etter fristen for oppfølging av VTAO-avtalen."
)
"""§6.2's refusal of a tilskuddsperiode after the frist [KREVER_OPPFØLGING_AV_VTAO]; used by §6."""


def oppfolging_fra(basis: date) -> Oppfolging:
    """frist = last day of the month six months after `basis`'s month; varsel_fra = 1st of the month before."""
    frist = siste_dag_i_maned(pluss_maneder(basis.replace(day=1), 6))
    return Oppfolging(varsel_fra=pluss_maneder(frist.replace(day=1), -1), frist=frist)


def ved_inngaelse(a: Tiltaksavtale, idag: date) -> Oppfolging:
    start = a.innhold.start_dato or idag
    return oppfolging_fra(max(idag, start))


def neste(o: Oppfolging, idag: date) -> Oppfolging:
    """After "oppfølging utført" (row 23), and at a forleng while `varsel_fra` is past."""
    return oppfolging_fra(max(idag, o.frist))


def skal_varsle(a: Tiltaksavtale, idag: date) -> bool:
    """The daily job warns once when today ≥ varsel_fra, unless the avtale ends first: only if varsel_fra is
    before the first day of the month before sluttdato's month."""
    o, slutt = a.oppfolging, a.innhold.slutt_dato
    if o is None or o.varsel_sendt or idag < o.varsel_fra or a.er_annullert:
        return False
    return slutt is None or o.varsel_fra < pluss_maneder(slutt.replace(day=1), -1)
