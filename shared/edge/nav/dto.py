"""Request and response models of the Nav API (domene.md §9.1): camelCase on the wire via `CamelModel`, dates as
`YYYY-MM-DD` (the `periodeStart`/`periodeSlutt` of requests are inclusive, the `periode` of responses is half-open
as everywhere, §0), instants as in §0. Mapping from domain objects is here, so handlers stay one line each."""

from __future__ import annotations

from datetime import date

from shared.domain.nav.totrinnskontroll import Totrinnskontroll
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType, gjenstaende_belop
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.edge.http.ider import Kostnadssted
from shared.edge.http.ruting import CamelForesporsel, CamelModel, Tidspunkt

# ----------------------------------------------------------------------------- requests


class TilsagnLinjeRequest(CamelForesporsel):
    beskrivelse: str | None = None
    pris: int | None = None
    antall: int | None = None
    valuta: str | None = None


class TilsagnRequest(CamelForesporsel):
    gjennomforing_id: str = ""
    type: TilsagnType = TilsagnType.TILSAGN
    periode_start: date | None = None
    periode_slutt: date | None = None
    kostnadssted: Kostnadssted = None
    antall_plasser: int | None = None
    antall_timer_oppfolging_per_deltaker: int | None = None
    linjer: list[TilsagnLinjeRequest] | None = None
    kommentar: str | None = None
    beskrivelse: str | None = None


class AarsakerRequest(CamelForesporsel):
    aarsaker: list[str] = []
    forklaring: str | None = None


class UtbetalingLinjeRequest(CamelForesporsel):
    id: str | None = None
    tilsagn_id: str
    belop: int
    gjor_opp_tilsagn: bool = False


class UtbetalingLinjerRequest(CamelForesporsel):
    utbetaling_linjer: list[UtbetalingLinjeRequest] = []
    begrunnelse_mindre_betalt: str | None = None


class StengtRequest(CamelForesporsel):
    periode_start: date | None = None
    periode_slutt: date | None = None
    beskrivelse: str | None = None


class KorreksjonRequest(CamelForesporsel):
    gjelder_utbetaling_id: str = ""
    periode_start: date | None = None
    periode_slutt: date | None = None
    belop: int | None = None
    begrunnelse: str | None = None
    kommentar: str | None = None
    kid: str | None = None


class UtbetalingQuery(CamelForesporsel):
    status: UtbetalingStatus | None = None
    kostnadssted: Kostnadssted = None
    page: int = 1
    size: int = 20


# ----------------------------------------------------------------------------- responses


class PeriodeDto(CamelModel):
    start: date
    slutt: date


class TotrinnskontrollDto(CamelModel):
    type: str
    status: str
    behandlet_av: str
    behandlet_tidspunkt: Tidspunkt
    besluttet_av: str | None
    besluttet_tidspunkt: Tidspunkt | None
    aarsaker: list[str]
    forklaring: str | None

    @classmethod
    def fra(cls, k: Totrinnskontroll) -> TotrinnskontrollDto:
        return cls(
            type=k.type.value, status=k.status.value, behandlet_av=k.behandlet_av.utfort_av,
            behandlet_tidspunkt=k.behandlet_tidspunkt,
            besluttet_av=k.besluttet_av.utfort_av if k.besluttet_av else None,
            besluttet_tidspunkt=k.besluttet_tidspunkt, aarsaker=list(k.aarsaker), forklaring=k.forklaring,
        )  # fmt: skip


class TilsagnDto(CamelModel):
    id: str
    gjennomforing_id: str
    type: str
    status: str
    periode: PeriodeDto
    kostnadssted: str | None
    belop: int
    belop_brukt: int
    gjenstaende_belop: int
    valuta: str
    lopenummer: int | None
    bestillingsnummer: str | None
    antall_plasser: int | None
    kommentar: str | None
    beskrivelse: str | None
    totrinnskontroller: list[TotrinnskontrollDto]

    @classmethod
    def fra(cls, t: Tilsagn) -> TilsagnDto:
        return cls(
            id=t.id, gjennomforing_id=t.gjennomforing_id, type=t.type.value, status=t.status.value,
            periode=PeriodeDto(start=t.periode_start, slutt=t.periode_slutt), kostnadssted=t.kostnadssted,
            belop=t.belop, belop_brukt=t.belop_brukt, gjenstaende_belop=gjenstaende_belop(t), valuta=t.valuta,
            lopenummer=t.lopenummer, bestillingsnummer=t.bestillingsnummer, antall_plasser=t.antall_plasser,
            kommentar=t.kommentar, beskrivelse=t.beskrivelse,
            totrinnskontroller=[TotrinnskontrollDto.fra(k) for k in t.totrinnskontroller],
        )  # fmt: skip


class FakturaDto(CamelModel):
    status: str | None
    status_endret_tidspunkt: Tidspunkt | None
    sendt_tidspunkt: Tidspunkt | None


class UtbetalingslinjeDto(CamelModel):
    id: str
    tilsagn_id: str
    periode: PeriodeDto
    belop: int
    gjor_opp_tilsagn: bool
    lopenummer: int
    fakturanummer: str
    status: str
    totrinnskontroll: TotrinnskontrollDto
    faktura: FakturaDto

    @classmethod
    def fra(cls, linje: Utbetalingslinje) -> UtbetalingslinjeDto:
        f = linje.faktura
        return cls(
            id=linje.id, tilsagn_id=linje.tilsagn_id,
            periode=PeriodeDto(start=linje.periode_start, slutt=linje.periode_slutt), belop=linje.belop,
            gjor_opp_tilsagn=linje.gjor_opp_tilsagn, lopenummer=linje.lopenummer, fakturanummer=linje.fakturanummer,
            status=linje.status.value, totrinnskontroll=TotrinnskontrollDto.fra(linje.totrinnskontroll),
            faktura=FakturaDto(status=f.status.value if f.status else None,
                               status_endret_tidspunkt=f.status_endret_tidspunkt, sendt_tidspunkt=f.sendt_tidspunkt),
        )  # fmt: skip


class KorreksjonDto(CamelModel):
    gjelder_utbetaling_id: str | None
    begrunnelse: str | None


class UtbetalingDto(CamelModel):
    id: str
    gjennomforing_id: str
    tiltakskode: str
    arrangor_orgnr: str
    periode: PeriodeDto
    status: str
    opprinnelse: str
    tilskuddstype: str
    belop: int
    valuta: str
    kid: str | None
    innsendt_tidspunkt: Tidspunkt | None
    utbetales_tidligst: date | None
    begrunnelse_mindre_betalt: str | None
    kommentar: str | None
    korreksjon: KorreksjonDto | None
    avbrytelse: dict[str, object] | None
    updated_at: Tidspunkt
    linjer: list[UtbetalingslinjeDto]
    totrinnskontroller: list[TotrinnskontrollDto]
    """Every line's attestering, in line order (the avbrytelse's check is inside `avbrytelse`)."""

    @classmethod
    def fra(cls, u: Utbetaling, linjer: list[Utbetalingslinje]) -> UtbetalingDto:
        k = u.korreksjon
        return cls(
            id=u.id, gjennomforing_id=u.gjennomforing_id, tiltakskode=u.tiltakskode, arrangor_orgnr=u.arrangor_orgnr,
            periode=PeriodeDto(start=u.periode_start, slutt=u.periode_slutt), status=u.status.value,
            opprinnelse=u.opprinnelse.value, tilskuddstype=u.tilskuddstype.value, belop=u.belop, valuta=u.valuta,
            kid=u.betalingsinformasjon.kid if u.betalingsinformasjon else None,
            innsendt_tidspunkt=u.innsendt_tidspunkt, utbetales_tidligst=u.utbetales_tidligst,
            begrunnelse_mindre_betalt=u.begrunnelse_mindre_betalt, kommentar=u.kommentar,
            korreksjon=KorreksjonDto(gjelder_utbetaling_id=k.get("gjelder_utbetaling_id"),
                                     begrunnelse=k.get("begrunnelse")) if k else None,
            avbrytelse=_json(u.avbrytelse), updated_at=u.updated_at,
            linjer=[UtbetalingslinjeDto.fra(linje) for linje in linjer],
            totrinnskontroller=[TotrinnskontrollDto.fra(linje.totrinnskontroll) for linje in linjer],
        )  # fmt: skip


def _json(verdi: dict[str, object] | None) -> dict[str, object] | None:
    """The stored avbrytelse as plain JSON (instants as strings)."""
    if verdi is None:
        return None
    import pydantic_core

    data: dict[str, object] = pydantic_core.to_jsonable_python(verdi)
    return data


class UtbetalingRadDto(CamelModel):
    id: str
    gjennomforing_id: str
    tiltakskode: str
    arrangor_orgnr: str
    periode: PeriodeDto
    status: str
    opprinnelse: str
    belop: int
    valuta: str
    updated_at: Tidspunkt

    @classmethod
    def fra(cls, u: Utbetaling) -> UtbetalingRadDto:
        return cls(
            id=u.id, gjennomforing_id=u.gjennomforing_id, tiltakskode=u.tiltakskode, arrangor_orgnr=u.arrangor_orgnr,
            periode=PeriodeDto(start=u.periode_start, slutt=u.periode_slutt), status=u.status.value,
            opprinnelse=u.opprinnelse.value, belop=u.belop, valuta=u.valuta, updated_at=u.updated_at,
        )  # fmt: skip


class PagineringDto(CamelModel):
    total_count: int
    page_size: int
    total_pages: int


class UtbetalingListeDto(CamelModel):
    pagination: PagineringDto
    data: list[UtbetalingRadDto]


class StengtDto(CamelModel):
    id: str
    periode_start: date
    periode_slutt: date
    """Inclusive last day, as entered."""
    beskrivelse: str
