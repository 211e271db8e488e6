"""Utbetalingslinje: the part of a claim charged to one tilsagn (domene.md §6.1, §6.6), and charging a claim.

`fakturanummer` = `{bestillingsnummer}-{linje løpenummer}`; the løpenummer comes from the tilsagn's counter when
the line is first created, and a returned line that is sent again keeps both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.domain.felles.feil import FeltFeil, Valideringsfeil
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.felles.periode import Periode
from shared.domain.nav.feil import ManglerTilgang
from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import Agent, Kontrolltype, Totrinnskontroll, behandle
from shared.domain.tilsagn.behandling import STATUS_NAVN
from shared.domain.tilsagn.tilsagn import Tilsagn, gjenstaende_belop, kan_brukes_for
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus


class LinjeStatus(StrEnum):
    TIL_ATTESTERING = "TIL_ATTESTERING"
    """Waiting for an attestant."""
    GODKJENT = "GODKJENT"
    """Attested; the claim waits for its other lines."""
    RETURNERT = "RETURNERT"
    """Returned to the saksbehandler."""
    OVERFORT_TIL_UTBETALING = "OVERFORT_TIL_UTBETALING"
    """FAKTURA written to the outbox."""
    UTBETALT = "UTBETALT"
    """The economy system reported it (partly or fully) paid."""
    AVBRUTT = "AVBRUTT"
    """The claim was cancelled."""


class Fakturastatus(StrEnum):
    SENDT = "SENDT"
    IKKE_BETALT = "IKKE_BETALT"
    DELVIS_BETALT = "DELVIS_BETALT"
    FULLT_BETALT = "FULLT_BETALT"
    FEILET = "FEILET"


class Faktura(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Fakturastatus | None = None
    status_endret_tidspunkt: datetime | None = None
    """The economy system's time of the last applied status message (never compared with our clock)."""
    sendt_tidspunkt: datetime | None = None


class Utbetalingslinje(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    utbetaling_id: str
    tilsagn_id: str
    periode_start: date
    periode_slutt: date
    belop: int
    gjor_opp_tilsagn: bool = False
    lopenummer: int
    fakturanummer: str
    status: LinjeStatus
    totrinnskontroll: Totrinnskontroll
    faktura: Faktura = Faktura()

    @property
    def periode(self) -> Periode:
        return Periode(self.periode_start, self.periode_slutt)


def fakturanummer(bestillingsnummer: str, lopenummer: int) -> str:
    return f"{bestillingsnummer}-{lopenummer}"


def bestillingsnummer_for(linje: Utbetalingslinje) -> str:
    """The tilsagn's bestillingsnummer, from the line's own fakturanummer (`fakturanummer` above), no tilsagn read."""
    return linje.fakturanummer.removesuffix(f"-{linje.lopenummer}")


SEND_TIL_ATTESTERING = "Utbetalingen kan ikke sendes til attestering"
MANGLER_ROLLE_SEND = "Du kan ikke sende utbetaling til attestering"
OVERSTIGER = (
    "Beløp overstiger gjenstående beløp på tilsagn. For å utbetale hele beløpet må dere først opprette og godkjenne "
    "et ekstratilsagn"
)
KAN_IKKE_BENYTTES = "Tilsagnet kan ikke benyttes for denne utbetalingen"
EN_GANG = "Et tilsagn kan bare benyttes én gang per utbetaling"
ANDRE_LINJER = "Utbetaling kan ikke sendes til attestering fordi den allerede har andre utbetalingslinjer"


@dataclass(frozen=True, slots=True)
class LinjeForesporsel:
    id: str | None
    tilsagn_id: str
    belop: int
    gjor_opp_tilsagn: bool = False


@dataclass(frozen=True, slots=True)
class Kontering:
    """Result of charging: the claim, the lines to write, the lines to delete and the tilsagn with counters."""

    utbetaling: Utbetaling
    linjer: tuple[Utbetalingslinje, ...]
    slettet: tuple[str, ...]
    tilsagn: tuple[Tilsagn, ...]


def _sjekk_sum(u: Utbetaling, linjer: Sequence[LinjeForesporsel], begrunnelse: str | None) -> list[FeltFeil]:
    if not linjer:
        return [FeltFeil("/utbetalingLinjer", "Utbetalingslinjer mangler")]
    total = sum(linje.belop for linje in linjer)
    if total <= 0:
        return [FeltFeil("/utbetalingLinjer", "Totalt beløp må være større enn 0")]
    if total > u.belop:
        return [FeltFeil("/utbetalingLinjer", "Kan ikke utbetale mer enn innsendt beløp")]
    if total < u.belop and not (begrunnelse or "").strip():
        return [
            FeltFeil("/begrunnelseMindreBetalt", "Begrunnelse er påkrevd ved utbetaling av mindre enn innsendt beløp")
        ]
    return []


def _sjekk_tilsagn(u: Utbetaling, t: Tilsagn | None, belop: int, p: str) -> FeltFeil | None:
    if t is None or t.gjennomforing_id != u.gjennomforing_id:
        return FeltFeil(f"{p}/tilsagnId", KAN_IKKE_BENYTTES)
    if t.status is not TilsagnStatus.GODKJENT:
        return FeltFeil(
            f"{p}/tilsagnId", f"Tilsagnet har status {STATUS_NAVN[t.status]} og kan ikke benyttes, linjen må fjernes"
        )
    if not kan_brukes_for(t, u.tilskuddstype, u.valuta, u.periode_start, u.periode_slutt):
        return FeltFeil(f"{p}/tilsagnId", KAN_IKKE_BENYTTES)
    if belop > gjenstaende_belop(t):
        return FeltFeil(f"{p}/tilsagnId", OVERSTIGER)
    return None


def _valider(
    u: Utbetaling,
    eksisterende: Sequence[Utbetalingslinje],
    indekserte: Sequence[tuple[int, LinjeForesporsel]],
    tilsagn: Mapping[str, Tilsagn],
    begrunnelse: str | None,
) -> list[FeltFeil]:
    if u.status not in (UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT):
        return [FeltFeil("/", "Utbetaling kan bare endres når den er til behandling")]
    feil = [FeltFeil(f"/utbetalingLinjer/{i}/belop", "Beløp må være positivt") for i, f in indekserte if f.belop < 0]
    if feil:
        return feil
    feil = _sjekk_sum(u, [f for _, f in indekserte], begrunnelse)
    sett: set[str] = set()
    for i, f in indekserte:
        p = f"/utbetalingLinjer/{i}"
        if f.tilsagn_id in sett:
            feil.append(FeltFeil(f"{p}/tilsagnId", EN_GANG))
            continue
        sett.add(f.tilsagn_id)
        if (e := _sjekk_tilsagn(u, tilsagn.get(f.tilsagn_id), f.belop, p)) is not None:
            feil.append(e)
    beholdt = {f.id for _, f in indekserte if f.id}
    if any(e.id not in beholdt and e.status is not LinjeStatus.RETURNERT for e in eksisterende):
        feil.append(FeltFeil("/utbetalingLinjer", ANDRE_LINJER))
    return feil


def send_til_attestering(
    u: Utbetaling,
    eksisterende: Sequence[Utbetalingslinje],
    foresporsel: Sequence[LinjeForesporsel],
    begrunnelse_mindre_betalt: str | None,
    tilsagn: Mapping[str, Tilsagn],
    ansatt: NavAnsatt,
    tidspunkt: datetime,
    ny_id: Callable[[], str],
) -> Kontering:
    """§6.6 charging + §6.3 row 8. Raises `ManglerTilgang` or `Valideringsfeil` (every failing check)."""
    if not ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        raise ManglerTilgang(MANGLER_ROLLE_SEND)
    indekserte = [(i, f) for i, f in enumerate(foresporsel) if f.belop != 0]
    feil = _valider(u, eksisterende, indekserte, tilsagn, begrunnelse_mindre_betalt)
    if feil:
        raise Valideringsfeil(feil)
    return _lag_linjer(u, eksisterende, [f for _, f in indekserte], begrunnelse_mindre_betalt, tilsagn,
                       Agent.nav(ansatt.navident), tidspunkt, ny_id)  # fmt: skip


def _lag_linjer(
    u: Utbetaling,
    eksisterende: Sequence[Utbetalingslinje],
    foresporsel: Sequence[LinjeForesporsel],
    begrunnelse: str | None,
    tilsagn: Mapping[str, Tilsagn],
    av: Agent,
    tidspunkt: datetime,
    ny_id: Callable[[], str],
) -> Kontering:
    gamle = {e.id: e for e in eksisterende}
    returnerte = {e.tilsagn_id: e for e in eksisterende if e.status is LinjeStatus.RETURNERT}
    linjer: list[Utbetalingslinje] = []
    endrede: dict[str, Tilsagn] = {}
    for f in foresporsel:
        t = endrede.get(f.tilsagn_id) or tilsagn[f.tilsagn_id]
        forrige = gamle.get(f.id or "") or returnerte.get(f.tilsagn_id)
        if forrige is not None and forrige.tilsagn_id == f.tilsagn_id:
            lopenummer, nummer, lid = forrige.lopenummer, forrige.fakturanummer, forrige.id
        else:
            lopenummer = t.neste_linje_lopenummer
            nummer = fakturanummer(t.bestillingsnummer or t.id, lopenummer)
            lid = f.id if f.id and f.id not in gamle else ny_id()
            endrede[t.id] = t.model_copy(update={"neste_linje_lopenummer": lopenummer + 1})
        snitt = Periode(max(u.periode_start, t.periode_start), min(u.periode_slutt, t.periode_slutt))
        linjer.append(
            Utbetalingslinje(
                id=lid,
                utbetaling_id=u.id,
                tilsagn_id=t.id,
                periode_start=snitt.start,
                periode_slutt=snitt.slutt,
                belop=f.belop,
                gjor_opp_tilsagn=f.gjor_opp_tilsagn,
                lopenummer=lopenummer,
                fakturanummer=nummer,
                status=LinjeStatus.TIL_ATTESTERING,
                totrinnskontroll=behandle(Kontrolltype.ATTESTERING, av, tidspunkt),
            )
        )
    beholdt = {linje.id for linje in linjer}
    slettet = tuple(e.id for e in eksisterende if e.id not in beholdt)
    ny = u.model_copy(
        update={
            "status": UtbetalingStatus.TIL_ATTESTERING,
            "begrunnelse_mindre_betalt": begrunnelse if (begrunnelse or "").strip() else None,
        }
    )
    return Kontering(ny, tuple(linjer), slettet, tuple(endrede.values()))
