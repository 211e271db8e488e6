"""HTTP models of the arrangør API, shaped as the contract `arrangorflate-openapi.yaml` (domene.md §8). Our OpenAPI
document is generated from these; additions are marked."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.tilsagn.tilsagn import TilsagnType
from shared.domain.utbetaling.innsending import AdvarselType, ArrangorStatus, KanAvbrytes
from shared.edge.forklaring.dto import BeregningsendringDto
from shared.edge.http.ruting import CamelForesporsel, CamelModel, Tidspunkt

Valuta = Literal["NOK", "SEK"]
Retning = Literal["ASC", "DESC"]
FilterType = Literal["AKTIVE", "HISTORISKE"]
Tiltakskode = Literal[
    "ARBEIDSRETTET_REHABILITERING", "AVKLARING", "DIGITALT_OPPFOLGINGSTILTAK", "JOBBKLUBB", "OPPFOLGING",
    "ARBEIDSFORBEREDENDE_TRENING", "VARIG_TILRETTELAGT_ARBEID_SKJERMET", "TILRETTELAGT_ARBEID_ORDINAER",
    "ARBEIDSMARKEDSOPPLAERING", "ENKELTPLASS_ARBEIDSMARKEDSOPPLAERING", "ENKELTPLASS_FAG_OG_YRKESOPPLAERING",
    "FAG_OG_YRKESOPPLAERING", "GRUPPE_ARBEIDSMARKEDSOPPLAERING", "GRUPPE_FAG_OG_YRKESOPPLAERING", "HOYERE_UTDANNING",
    "HOYERE_YRKESFAGLIG_UTDANNING", "NORSKOPPLAERING_GRUNNLEGGENDE_FERDIGHETER_FOV", "STUDIESPESIALISERING",
    "INDIVIDUELL_JOBBSTOTTE", "INDIVIDUELL_JOBBSTOTTE_UNG", "ARBEID_MED_STOTTE", "ARBEIDSTRENING",
    "MIDLERTIDIG_LONNSTLSKUDD", "VARIG_LONNSTILSKUD", "MENTOR", "INKLUDERINGSTILSKUD", "SOMMERJOBB", "VTAO",
    "FIREARIG_LONNSTILSUDD",
]  # fmt: skip
"""The contract's Tiltakskode enum (Nav's full list; only the codes of kodeverk.TILTAKSTYPER have claims)."""
FeatureToggle = Literal[
    "TILTAKSHISTORIKK_VIS_KOMET_ENKELTPLASSER",
    "TILTAKSADMINISTRASJON_ENKELTPLASS_FILTER",
    "TILTAKSADMINISTRASJON_VIS_TILSKUDDSBEHANDLING",
]


class Periode(CamelModel):
    start: date
    slutt: date


class ValutaBelop(CamelModel):
    belop: int = Field(ge=-(2**31), le=2**31 - 1)
    valuta: Valuta


class PaginationSummary(CamelModel):
    total_count: int
    page_size: int
    total_pages: int


# ------------------------------------------------------------------ display elements (§8.1)
class DataElementText(CamelModel):
    type: Literal["DATA_ELEMENT_TEXT"] = "DATA_ELEMENT_TEXT"
    value: str | None
    format: Literal["date", "number"] | None = None


class DataElementMoneyAmount(CamelModel):
    type: Literal["DATA_ELEMENT_MONEY_AMOUNT"] = "DATA_ELEMENT_MONEY_AMOUNT"
    value: str | None
    currency: str


class DataElementPeriode(CamelModel):
    type: Literal["DATA_ELEMENT_PERIODE"] = "DATA_ELEMENT_PERIODE"
    start: str
    slutt: str


StatusVariant = Literal[
    "blank", "neutral", "alt-1", "alt-2", "alt-3", "info", "success", "warning", "error", "error-border-strikethrough"
]


class DataElementStatus(CamelModel):
    type: Literal["DATA_ELEMENT_STATUS"] = "DATA_ELEMENT_STATUS"
    value: str
    variant: StatusVariant
    description: str | None = None


DataElement = Annotated[
    DataElementText | DataElementMoneyAmount | DataElementPeriode | DataElementStatus, Field(discriminator="type")
]
"""Every variant we send (our OpenAPI document lists exactly these); the contract has more."""


class LabeledDataElement(CamelModel):
    type: Literal["INLINE", "MULTILINE"] = "INLINE"
    label: str
    value: DataElement | None


class DataDetails(CamelModel):
    header: str | None
    entries: list[LabeledDataElement]


class Kolonne(CamelModel):
    key: str
    label: str | None
    sortable: bool = False
    align: Literal["left", "center", "right"] = "left"


class Rad(CamelModel):
    cells: dict[str, DataElement]
    content: None = None
    """Always null: no row has expandable content (the contract allows null or a TimelineDto)."""
    deltakelse_id: str | None = None
    """Addition: the deltakelse of the row."""


class DataDrivenTableDto(CamelModel):
    columns: list[Kolonne]
    rows: list[Rad]


# ------------------------------------------------------------------ shared pieces
class GjennomforingDto(CamelModel):
    id: str
    navn: str
    lopenummer: str


class ArrangorDto(CamelModel):
    id: str
    organisasjonsnummer: str
    navn: str


class TiltakstypeDto(CamelModel):
    navn: str
    tiltakskode: Tiltakskode


class StengtPeriodeDto(CamelModel):
    periode: Periode
    beskrivelse: str


# ------------------------------------------------------------------ tilsagn
class TilsagnRadDto(CamelModel):
    id: str
    organisasjonsnummer: str
    tiltak_type_navn: str
    tiltak_navn: str
    arrangor_navn: str
    periode: Periode
    tilsagn_type: str
    bestillingsnummer: str
    status: TilsagnStatus


class PersonaliaDto(CamelModel):
    norsk_ident: str | None
    navn: str | None


class TilsagnDto(CamelModel):
    id: str
    tiltakstype: TiltakstypeDto
    gjennomforing: GjennomforingDto
    arrangor: ArrangorDto
    type: TilsagnType
    periode: Periode
    status: TilsagnStatus
    brukt_belop: ValutaBelop
    gjenstaende_belop: ValutaBelop
    beregning: DataDetails
    bestillingsnummer: str
    beskrivelse: str | None
    deltakere: list[PersonaliaDto]
    belop: ValutaBelop
    """Addition: the tilsagn's amount."""


class TilsagnSide(CamelModel):
    pagination: PaginationSummary
    data: list[TilsagnRadDto]


# ------------------------------------------------------------------ utbetaling
class UtbetalingRadDto(CamelModel):
    utbetaling_id: str
    gjennomforing: GjennomforingDto
    arrangor: ArrangorDto
    tiltakstype: TiltakstypeDto
    periode: Periode
    beregnet_belop: ValutaBelop
    godkjent_belop: ValutaBelop | None
    type: str
    status: ArrangorStatus


class UtbetalingSide(CamelModel):
    pagination: PaginationSummary
    data: list[UtbetalingRadDto]


class BBan(CamelModel):
    kontonummer: str
    kid: str | None


class Beregning(CamelModel):
    display_name: str
    pris: ValutaBelop
    stengt: list[StengtPeriodeDto]
    deltakelser: DataDrivenTableDto | None
    sats_detaljer: list[DataDetails]


class UtbetalingTypeDto(CamelModel):
    display_name: str
    display_name_long: str | None
    tag_name: str | None
    kode: Literal["INNSENDING", "INVESTERING", "KORRIGERING"]
    """Addition."""


class TilsagnSummary(CamelModel):
    id: str
    bestillingsnummer: str


class LinjeDto(CamelModel):
    id: str
    tilsagn: TilsagnSummary
    status: Literal["TIL_ATTESTERING", "GODKJENT", "RETURNERT", "UTBETALT", "OVERFORT_TIL_UTBETALING", "AVBRUTT"]
    status_sist_oppdatert: Tidspunkt | None
    pris: ValutaBelop


class AdvarselDto(CamelModel):
    deltaker_id: str
    navn: str | None
    beskrivelse: str
    type: AdvarselType


class AvbruttAvArrangor(CamelModel):
    type: Literal["AVBRUTT_AV_ARRANGOR"] = "AVBRUTT_AV_ARRANGOR"
    avbrutt_dato: date
    begrunnelse: str | None


class AvbruttAvNav(CamelModel):
    type: Literal["AVBRUTT_AV_NAV"] = "AVBRUTT_AV_NAV"
    avbrutt_dato: date
    aarsaker: list[str]
    forklaring: str | None


Avbrytelse = Annotated[AvbruttAvArrangor | AvbruttAvNav, Field(discriminator="type")]


class UtbetalingDto(CamelModel):
    id: str
    status: ArrangorStatus
    innsendt_av_arrangor_dato: date | None
    utbetales_tidligst_dato: date | None
    kan_vise_beregning: bool
    created_at: Tidspunkt
    updated_at: Tidspunkt
    tiltakstype: TiltakstypeDto
    gjennomforing: GjennomforingDto
    arrangor: ArrangorDto
    betalingsinformasjon: BBan | None
    valuta: Valuta
    beregning: Beregning
    periode: Periode
    type: UtbetalingTypeDto
    innsendingsdetaljer: list[LabeledDataElement] = Field(alias="innsendingsDetaljer")
    linjer: list[LinjeDto]
    advarsler: list[AdvarselDto]
    kan_avbrytes: KanAvbrytes
    kan_regenereres: bool
    avbrytelse: Avbrytelse | None
    blokkeringer: list[Literal["UBEHANDLET_FORSLAG", "MANGLER_TILSAGN"]]
    regenerert_id: str | None
    godkjent_belop: ValutaBelop | None
    """Addition."""
    beregningsendringer: list[BeregningsendringDto] = []
    """Addition (issue 18): why the amount changed, newest first; empty when it never did."""


class KvitteringDto(CamelModel):
    id: str
    mottatt_dato: date
    utbetales_tidligst_dato: date | None
    kontonummer: str | None


class KontonummerDto(CamelModel):
    kontonummer: str
    updated_at: Tidspunkt
    """Addition."""


class RegenerertDto(CamelModel):
    id: str


# ------------------------------------------------------------------ requests
class SideQuery(CamelForesporsel):
    page: int = Field(default=1, ge=1, le=2**31 - 1)
    size: int = Field(default=20, ge=1, le=100)
    direction: Retning = "DESC"


class UtbetalingQuery(SideQuery):
    sok: str | None = None
    type: FilterType = "AKTIVE"
    order_by: Literal["TILTAK", "ARRANGOR", "PERIODE", "BEREGNET_BELOP", "GODKJENT_BELOP", "STATUS"] = "PERIODE"


class TilsagnQuery(SideQuery):
    search: str | None = None
    order_by: Literal["TILTAK", "ARRANGOR", "START_DATO", "SLUTT_DATO", "TILSAGN", "STATUS"] = "START_DATO"


class TiltakQuery(SideQuery):
    sok: str | None = None
    type: FilterType = "AKTIVE"
    order_by: Literal["TILTAK", "ARRANGOR", "START_DATO", "SLUTT_DATO", "STATUS"] = "START_DATO"


class FeatureQuery(CamelForesporsel):
    feature: FeatureToggle
    tiltakskoder: list[Tiltakskode] = []


class GodkjennUtbetaling(CamelForesporsel):
    updated_at: str
    kid: str | None = None
    bekreftet: bool | None = None
    """Addition (§8.3)."""


class AvbrytUtbetaling(CamelForesporsel):
    begrunnelse: str | None = None


class TiltakRadDto(CamelModel):
    gjennomforing: GjennomforingDto
    arrangor: ArrangorDto
    tiltakstype: TiltakstypeDto
    start_dato: date
    slutt_dato: date | None
    prismodell: str
    """Addition."""


class TiltakSide(CamelModel):
    pagination: PaginationSummary
    data: list[TiltakRadDto]
