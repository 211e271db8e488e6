"""The tiltaksavtale aggregate (avtale.md §1, §8.2, §9.1): the current version's content embedded, the approvals,
and the life-cycle fields the derived status reads. Immutable: every transition returns a new one."""

from __future__ import annotations

from datetime import date, datetime
from typing import NewType

from pydantic import BaseModel, ConfigDict

from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import (
    BeslutningStatus,
    InnholdType,
    Innsatsgruppe,
    Opphav,
    Returaarsak,
    Status,
    Tiltakstype,
)

AvtaleId = NewType("AvtaleId", str)

_MODELL = ConfigDict(frozen=True, extra="forbid")


class Enhet(BaseModel):
    model_config = _MODELL
    nr: str
    navn: str | None = None


class PaVegneAv(BaseModel):
    """Why the veileder approved on the deltaker's behalf (row 10)."""

    model_config = _MODELL
    ikke_bank_id: bool = False
    reservert: bool = False
    digital_kompetanse: bool = False

    @property
    def har_grunn(self) -> bool:
        return self.ikke_bank_id or self.reservert or self.digital_kompetanse


class Godkjenning(BaseModel):
    model_config = _MODELL
    tidspunkt: datetime
    navident: str | None = None
    """The Nav employee (veileder, beslutter); None for the parties."""
    pa_vegne_av: PaVegneAv | None = None
    """Only on the deltaker's approval given by the veileder."""


class Godkjenninger(BaseModel):
    model_config = _MODELL
    deltaker: Godkjenning | None = None
    arbeidsgiver: Godkjenning | None = None
    mentor_taushetserklaering: Godkjenning | None = None
    veileder: Godkjenning | None = None
    beslutter: Godkjenning | None = None

    @property
    def noen_godkjent(self) -> bool:
        """Any of the three approvals that row 12 lifts (the mentor's signature is not one)."""
        return any(g is not None for g in (self.deltaker, self.arbeidsgiver, self.veileder))


class Beslutning(BaseModel):
    """The grant decision of one version (§6.8). For VTA-O it mirrors tilsagn #1 until §6 (the tilsagn flow)
    calls the same transitions (rows 13–14) from its own transaction."""

    model_config = _MODELL
    status: BeslutningStatus
    versjon: int
    behandlet_av: str
    besluttet_av: str | None = None
    tidspunkt: datetime
    aarsaker: tuple[Returaarsak, ...] = ()
    forklaring: str | None = None


class Oppfolging(BaseModel):
    """VTA-O six-monthly follow-up (§5.8)."""

    model_config = _MODELL
    varsel_fra: date
    frist: date
    varsel_sendt: bool = False


class Tiltaksavtale(BaseModel):
    model_config = _MODELL

    id: AvtaleId
    avtalenr: int
    tiltakstype: Tiltakstype
    deltaker_fnr: str
    deltaker_fodselsdato: date | None = None
    """From the person port at creation; the age limits read it (§0)."""
    mentor_fnr: str | None = None
    bedrift_nr: str
    veileder_navident: str | None = None
    opphav: Opphav
    status: Status
    opprettet: datetime
    sist_endret: datetime
    enhet_oppfolging: Enhet | None = None
    enhet_geografisk: Enhet | None = None
    innsatsgruppe: Innsatsgruppe | None = None
    kostnadssted: str | None = None
    godkjent_for_etterregistrering: bool = False
    versjon: int = 1
    innhold: Avtaleinnhold
    innhold_type: InnholdType = InnholdType.INNGA
    ikrafttredelse: datetime | None = None
    godkjenninger: Godkjenninger = Godkjenninger()
    avtale_inngatt: datetime | None = None
    annullert_tidspunkt: datetime | None = None
    annullert_grunn: str | None = None
    feilregistrert: bool = False
    oppfolging: Oppfolging | None = None
    tilskudd_beslutning: Beslutning | None = None
    utlopsvarsel_sendt: tuple[str, ...] = ()
    """Which expiry warnings (§5.7) were sent for the current `sist_endret`: "1_UKE", "I_DAG"."""

    @property
    def er_ufordelt(self) -> bool:
        return self.veileder_navident is None

    @property
    def er_inngatt(self) -> bool:
        return self.avtale_inngatt is not None

    @property
    def er_annullert(self) -> bool:
        return self.annullert_tidspunkt is not None


class Versjon(BaseModel):
    """The frozen content of one inngått version (`tiltaksavtaler/{id}/versjoner/{nnnn}`)."""

    model_config = _MODELL
    versjon: int
    innhold: Avtaleinnhold
    godkjenninger: Godkjenninger
    innhold_type: InnholdType
    ikrafttredelse: datetime
