"""The messages the tiltaksavtale publishes (avtale.md §9.2), as pydantic schemas: `avtale-hendelse` for every
hendelse, with ids and codes only (no personal data), and `avtale-inngatt` for a decided version of an inngått
avtale (the consumer is a refund system, §12.7, so this one carries the deltaker's fnr and the content)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.hendelser import Hendelse
from shared.domain.tiltaksavtale.kodeverk import InnholdType, Tiltakstype
from shared.domain.tiltaksavtale.tilskudd import beregn_tilskudd

_MELDING = ConfigDict(frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True)


class AvtaleHendelseMelding(BaseModel):
    """`avtale-hendelse`, ordering key = avtale id."""

    model_config = _MELDING
    avtale_id: str
    avtalenr: int
    tiltakstype: Tiltakstype
    hendelse: str
    status: str
    versjon: int
    utfort_av_rolle: str
    tidspunkt: datetime
    bedrift_nr: str
    enhet_oppfolging: str | None


class Trinnmelding(BaseModel):
    model_config = _MELDING
    start: date
    slutt: date
    prosent: int
    manedsbelop: int


class Beslutningsmelding(BaseModel):
    model_config = _MELDING
    besluttet_av: str | None
    tidspunkt: datetime


class AvtaleInngattMelding(BaseModel):
    """`avtale-inngatt`, ordering key = avtale id."""

    model_config = _MELDING
    avtale_id: str
    avtalenr: int
    versjon: int
    innhold_type: InnholdType
    tiltakstype: Tiltakstype
    deltaker_fnr: str
    bedrift_nr: str
    start_dato: date | None
    slutt_dato: date | None
    innhold: dict[str, Any]
    tilskuddstrinn: list[Trinnmelding]
    beslutning: Beslutningsmelding | None
    inngatt: datetime


def hendelse_melding(a: Tiltaksavtale, h: Hendelse) -> AvtaleHendelseMelding:
    return AvtaleHendelseMelding(
        avtale_id=a.id,
        avtalenr=a.avtalenr,
        tiltakstype=a.tiltakstype,
        hendelse=h.hendelse.value,
        status=a.status.value,
        versjon=a.versjon,
        utfort_av_rolle=h.utfort_av_rolle.value,
        tidspunkt=h.tidspunkt,
        bedrift_nr=a.bedrift_nr,
        enhet_oppfolging=a.enhet_oppfolging.nr if a.enhet_oppfolging else None,
    )


def inngatt_melding(a: Tiltaksavtale) -> AvtaleInngattMelding:
    """The current version of an inngått avtale."""
    assert a.avtale_inngatt is not None, "only an inngått avtale is published on avtale-inngatt"
    tilskudd = beregn_tilskudd(a.tiltakstype, a.innhold, a.innsatsgruppe)
    trinn = [Trinnmelding(start=t.start, slutt=t.slutt, prosent=t.prosent, manedsbelop=t.manedsbelop)
             for t in (tilskudd.tilskuddstrinn if tilskudd else ())]  # fmt: skip
    b = a.tilskudd_beslutning
    return AvtaleInngattMelding(
        avtale_id=a.id,
        avtalenr=a.avtalenr,
        versjon=a.versjon,
        innhold_type=a.innhold_type,
        tiltakstype=a.tiltakstype,
        deltaker_fnr=a.deltaker_fnr,
        bedrift_nr=a.bedrift_nr,
        start_dato=a.innhold.start_dato,
        slutt_dato=a.innhold.slutt_dato,
        innhold=a.innhold.model_dump(mode="json", by_alias=True),
        tilskuddstrinn=trinn,
        beslutning=Beslutningsmelding(besluttet_av=b.besluttet_av, tidspunkt=b.tidspunkt) if b else None,
        inngatt=a.avtale_inngatt,
    )
