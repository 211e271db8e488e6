"""§5.1: the derived status, every row, first match wins; and venterPa."""

from __future__ import annotations

from datetime import date

import pytest

from shared.domain.tiltaksavtale.felter import felter_som_mangler
from shared.domain.tiltaksavtale.kodeverk import BeslutningStatus, Status, Tiltakstype, VenterPa
from shared.domain.tiltaksavtale.status import utled_status, venter_pa
from tests.unit.tiltaksavtale.byggere import NA, fullt_innhold, godkjent, lag_avtale, med_godkjenninger

START = date(2025, 9, 15)
SLUTT = date(2026, 12, 31)


def test_annullert_vinner_over_alt_annet() -> None:
    a = lag_avtale(avtale_inngatt=NA, annullert_tidspunkt=NA)
    assert utled_status(a, date(2027, 6, 1)) == Status.ANNULLERT


@pytest.mark.parametrize(
    ("idag", "forventet"),
    [
        (date(2027, 1, 1), Status.AVSLUTTET),
        (SLUTT, Status.GJENNOMFORES),
        (START, Status.GJENNOMFORES),
        (date(2025, 9, 14), Status.KLAR_FOR_OPPSTART),
    ],
)
def test_inngatt_avtale_folger_datoene(idag: date, forventet: Status) -> None:
    assert utled_status(lag_avtale(avtale_inngatt=NA), idag) == forventet


@pytest.mark.parametrize("t", list(Tiltakstype))
def test_alle_pakrevde_felt_fylt_gir_mangler_godkjenning(t: Tiltakstype) -> None:
    a = lag_avtale(t)
    assert felter_som_mangler(t, a.innhold) == ()
    assert utled_status(a, START) == Status.MANGLER_GODKJENNING


@pytest.mark.parametrize("t", list(Tiltakstype))
def test_ett_manglende_felt_gir_pabegynt(t: Tiltakstype) -> None:
    a = lag_avtale(t, innhold=fullt_innhold(t, tilrettelegging="  "))
    assert felter_som_mangler(t, a.innhold) == ("tilrettelegging",)
    assert utled_status(a, START) == Status.PABEGYNT


def test_familietilknytning_krever_forklaring() -> None:
    i = fullt_innhold(Tiltakstype.VTAO, har_familietilknytning=True)
    assert felter_som_mangler(Tiltakstype.VTAO, i) == ("familietilknytning_forklaring",)


def test_fadder_uten_navn_mangler() -> None:
    i = fullt_innhold(Tiltakstype.VTAO, fadder={"fornavn": "Ola"})
    assert felter_som_mangler(Tiltakstype.VTAO, i) == ("fadder",)


def test_venter_pa_forste_manglende_steg_i_rekkefolge() -> None:
    a = lag_avtale(Tiltakstype.MENTOR, veileder_navident=None)
    assert venter_pa(a) == VenterPa.FORDELING
    a = a.model_copy(update={"veileder_navident": "Z1"})
    assert venter_pa(a) == VenterPa.ARBEIDSGIVER
    a = med_godkjenninger(a, arbeidsgiver=godkjent())
    assert venter_pa(a) == VenterPa.DELTAKER
    a = med_godkjenninger(a, deltaker=godkjent())
    assert venter_pa(a) == VenterPa.MENTOR
    a = med_godkjenninger(a, mentor_taushetserklaering=godkjent())
    assert venter_pa(a) == VenterPa.VEILEDER
    a = med_godkjenninger(a, veileder=godkjent(navident="Z1"))
    assert venter_pa(a) == VenterPa.BESLUTTER
    beslutning = {"status": BeslutningStatus.GODKJENT, "versjon": 1, "behandlet_av": "Z1", "tidspunkt": NA}
    a = a.model_validate({**a.model_dump(), "tilskudd_beslutning": beslutning})
    assert venter_pa(a) is None


def test_venter_ikke_pa_noe_nar_inngatt() -> None:
    assert venter_pa(lag_avtale(avtale_inngatt=NA)) is None
