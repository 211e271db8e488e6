"""Query and response models of Nav's work views (issue 16 §3), camelCase on the wire. Claims and tilsagn reuse the
Nav API's own DTOs (dto.py); the calculation, advarsler and blokkeringer are the arrangør contract's shapes
(edge/arrangor/dto.py), so a caseworker sees the same pieces the arrangør sees."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.edge.arrangor import dto as ad
from shared.edge.http.ruting import CamelForesporsel, CamelModel, Tidspunkt
from shared.edge.nav import dto as d

Retning = Literal["ASC", "DESC"]


class Side(CamelForesporsel):
    page: int = Field(default=1, ge=1)
    size: int = Field(default=20, ge=1, le=100)
    direction: Retning = "DESC"


class TilsagnListeQuery(Side):
    gjennomforing_id: str | None = None
    status: str | None = None
    kostnadssted: str | None = None
    order_by: Literal["START_DATO", "SLUTT_DATO", "TILSAGN", "STATUS", "BELOP"] = "START_DATO"


class UtbetalingListeQuery(Side):
    status: list[str] = []
    """Repeatable (`status=A&status=B`); none = every status."""
    order_by: Literal["PERIODE", "BELOP", "STATUS", "ENDRET"] = "PERIODE"


class OppgaveQuery(Side):
    direction: Retning = "ASC"
    """Oldest first by default."""


class TilsagnRadDto(d.TilsagnDto):
    handlinger: list[str]
    """What the caller may do with it now."""


class TilsagnSide(CamelModel):
    pagination: d.PagineringDto
    data: list[TilsagnRadDto]


class UtbetalingRadDto(d.UtbetalingRadDto):
    tilskuddstype: str
    kostnadssteder: list[str]


class UtbetalingSide(CamelModel):
    pagination: d.PagineringDto
    data: list[UtbetalingRadDto]


class LinjeDetaljDto(CamelModel):
    linje: d.UtbetalingslinjeDto
    tilsagn: d.TilsagnDto | None
    kandidat_tilsagn_ider: list[str]
    """The tilsagn the line may be charged to (the claim's candidates, its own first)."""
    handlinger: list[str]


class UtbetalingDetaljerDto(CamelModel):
    utbetaling: d.UtbetalingDto
    kostnadssteder: list[str]
    handlinger: list[str]
    """What the caller may do with the claim now; per line in `linjer[].handlinger`."""
    linjer: list[LinjeDetaljDto]
    kandidat_tilsagn: list[d.TilsagnDto]
    """GODKJENT tilsagn the claim may be charged to (§6.6), with their gjenstående beløp."""
    kan_vise_beregning: bool
    beregning: ad.Beregning
    """As the arrangør sees it (§8.3): participants masked by §11, hidden after 12 weeks."""
    advarsler: list[ad.AdvarselDto]
    blokkeringer: list[str]
    innsendingsdetaljer: list[ad.LabeledDataElement]


class HistorikkDto(CamelModel):
    tidspunkt: Tidspunkt
    operasjon: str
    utfort_av: str
    status: str | None
    """The document's status after the change."""


class OppgaveDto(CamelModel):
    type: str
    dokument_type: str
    dokument_id: str
    gjennomforing_id: str
    kostnadssteder: list[str]
    status: str
    belop: int
    valuta: str
    siden: Tidspunkt
    """When it started waiting."""


class OppgaveSide(CamelModel):
    pagination: d.PagineringDto
    data: list[OppgaveDto]
