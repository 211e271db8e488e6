"""HTTP models of the manual-claim endpoints (domene.md §8.2 wizard data, §8.4), shaped as the contract
`arrangorflate-openapi.yaml`; additions are marked."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from shared.edge.arrangor.dto import (
    DataDetails,
    DataDrivenTableDto,
    LabeledDataElement,
    Periode,
    StengtPeriodeDto,
    TilsagnDto,
    Valuta,
)
from shared.edge.http.ruting import CamelForesporsel, CamelModel

GuidePanel = Literal["INVESTERING_VTA_AFT", "TIMESPRIS", "AVTALT_PRIS"]
StegType = Literal["INFORMASJON", "DELTAKERLISTE", "UTBETALING", "VEDLEGG", "OPPSUMMERING"]


class StegDto(CamelModel):
    type: StegType
    navn: str
    order: int


class DatoVelgerSelect(CamelModel):
    type: Literal["DatoVelgerSelect"] = "DatoVelgerSelect"
    periode_forslag: list[Periode]


class DatoVelgerRange(CamelModel):
    type: Literal["DatoVelgerRange"] = "DatoVelgerRange"
    maks_sluttdato: date
    min_startdato: date
    """Addition: the lower limit (§8.4)."""


DatoVelger = Annotated[DatoVelgerRange | DatoVelgerSelect, Field(discriminator="type")]


class InnsendingStegDto(CamelModel):
    guide_panel: GuidePanel | None
    definisjons_liste: list[LabeledDataElement]
    tilsagn: list[TilsagnDto]
    dato_velger: DatoVelger


class UtbetalingStegDto(CamelModel):
    kontonummer: str | None
    valuta: Valuta


class VedleggStegDto(CamelModel):
    guide_panel: GuidePanel | None
    min_antall_vedlegg: int
    maks_antall_vedlegg: int = 10
    """Addition."""
    maks_storrelse_bytes: int = 10_485_760
    """Addition."""


class OpprettKravDataDto(CamelModel):
    steg: list[StegDto]
    innsending_steg: InnsendingStegDto
    utbetaling_steg: UtbetalingStegDto
    vedlegg_steg: VedleggStegDto


class OpprettKravDeltakereDto(CamelModel):
    guide_panel: Literal["GENERELL", "TIMESPRIS"]
    stengt_hos_arrangor: list[StengtPeriodeDto]
    tabell: DataDrivenTableDto
    tabell_footer: list[DataDetails]


class DeltakereQuery(CamelForesporsel):
    periode_start: str | None = None
    periode_slutt: str | None = None


class OpprettKravRequest(CamelForesporsel):
    """The multipart form of POST …/opprett-krav (only for OpenAPI: the handler reads the parts itself, so the
    checks run in the documented order with their texts)."""

    periode_start: str
    periode_slutt: str
    periode_type: Literal["Inklusiv", "Eksklusiv"]
    kid_nummer: str | None
    belop: int = Field(ge=-(2**31), le=2**31 - 1)
    vedlegg: list[bytes] = Field(json_schema_extra={"items": {"type": "string", "format": "binary"}})
    vedlegg_ids: list[str] = []
    """Addition: ids from POST …/opprett-krav/vedlegg."""
    bekreftet: bool | None = None
    """Addition (§8.3)."""


class VedleggRequest(CamelForesporsel):
    vedlegg: bytes = Field(json_schema_extra={"format": "binary"})


class OpprettKravSvar(CamelModel):
    id: str = Field(json_schema_extra={"format": "uuid"})


class VedleggSvar(CamelModel):
    vedlegg_id: str
    filnavn: str
    storrelse: int
