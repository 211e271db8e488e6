"""Automatic payment without a person (domene.md §6.6 "Automatic paths", §6.3 rows 4–5, §12).

- **AFT/VTA** (`FAST_SATS_PER_BENYTTET_PLASS_PER_MANED`, DRIFT), in the transaction that sends the claim in:
  exactly one GODKJENT TILSAGN/EKSTRATILSAGN overlaps the period (else `FEIL_ANTALL_TILSAGN`), its gjenstående
  covers the amount (else `IKKE_NOK_PENGER`), and the claim has no lines (else
  `UTBETALINGLINJER_ALLEREDE_OPPRETTET`). Then one line for the full amount, `gjor_opp_tilsagn` = the tilsagn's
  last day lies in the period, handled and decided by SYSTEM, and the last-attestation step of §6.6.
- **TAO** (`FAST_SATS_PER_AVTALT_PLASS_PER_MANED`), at generation and in the daily retry: with a kontonummer, one
  line per `tilsagn_bidrag` (`gjor_opp_tilsagn = false`), decided by SYSTEM; without one (`MANGLER_KONTONUMMER`)
  the claim stays GENERERT.

Both pass through TIL_ATTESTERING in one transaction and end FERDIG_BEHANDLET with one FAKTURA per line in the
outbox. Any other outcome leaves the claim as it was and returns the reason, which the caller logs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.domain.felles.kodeverk import Prismodell, TilsagnStatus, Tilskuddstype
from shared.domain.felles.periode import Periode
from shared.domain.nav.totrinnskontroll import Kontrolltype, system_godkjent
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType, gjenstaende_belop, kan_brukes_for
from shared.domain.utbetaling.behandling import Fullforing, fullfor
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje, fakturanummer


class Resultatkode(StrEnum):
    UTBETALT_AUTOMATISK = "UTBETALT_AUTOMATISK"
    """The claim is FERDIG_BEHANDLET with its FAKTURA messages in the outbox."""
    IKKE_AKTUELL = "IKKE_AKTUELL"
    """Not a claim of an automatic path (other prismodell, investering, wrong status)."""
    FEIL_ANTALL_TILSAGN = "FEIL_ANTALL_TILSAGN"
    """AFT/VTA: not exactly one GODKJENT TILSAGN/EKSTRATILSAGN overlaps the period."""
    IKKE_NOK_PENGER = "IKKE_NOK_PENGER"
    """The tilsagn's gjenstående does not cover the amount."""
    UTBETALINGLINJER_ALLEREDE_OPPRETTET = "UTBETALINGLINJER_ALLEREDE_OPPRETTET"
    """The claim already has lines."""
    MANGLER_KONTONUMMER = "MANGLER_KONTONUMMER"
    """TAO: no account yet; the daily job retries (§12.3)."""


@dataclass(frozen=True, slots=True)
class AutomatiskUtfall:
    kode: Resultatkode
    fullforing: Fullforing | None = None
    """Set only for UTBETALT_AUTOMATISK: what the transaction writes."""


AFT_VTA = Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED
TAO = Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED
_DRIFT_TYPER = (TilsagnType.TILSAGN, TilsagnType.EKSTRATILSAGN)


def _ny_linje(u: Utbetaling, t: Tilsagn, belop: int, gjor_opp: bool, tid: datetime, lid: str) -> Utbetalingslinje:
    lopenummer = t.neste_linje_lopenummer
    return Utbetalingslinje(
        id=lid,
        utbetaling_id=u.id,
        tilsagn_id=t.id,
        periode_start=max(u.periode_start, t.periode_start),
        periode_slutt=min(u.periode_slutt, t.periode_slutt),
        belop=belop,
        gjor_opp_tilsagn=gjor_opp,
        lopenummer=lopenummer,
        fakturanummer=fakturanummer(t.bestillingsnummer or t.id, lopenummer),
        status=LinjeStatus.GODKJENT,
        totrinnskontroll=system_godkjent(Kontrolltype.ATTESTERING, tid),
    )


def _betal(
    u: Utbetaling, deler: Sequence[tuple[Tilsagn, int, bool]], tid: datetime, ny_id: Callable[[], str]
) -> AutomatiskUtfall:
    linjer: list[Utbetalingslinje] = []
    tilsagn: dict[str, Tilsagn] = {}
    for t, belop, gjor_opp in deler:
        linjer.append(_ny_linje(u, t, belop, gjor_opp, tid, ny_id()))
        tilsagn[t.id] = t.model_copy(update={"neste_linje_lopenummer": t.neste_linje_lopenummer + 1})
    til_attestering = u.model_copy(update={"status": UtbetalingStatus.TIL_ATTESTERING})
    resultat = fullfor(til_attestering, linjer, tilsagn, tid)
    if resultat.retur is not None:
        return AutomatiskUtfall(Resultatkode.IKKE_NOK_PENGER)
    for tid_, t in tilsagn.items():
        resultat.tilsagn.setdefault(tid_, t)
    return AutomatiskUtfall(Resultatkode.UTBETALT_AUTOMATISK, resultat)


def aft_vta(
    u: Utbetaling,
    tilsagn: Sequence[Tilsagn],
    linjer: Sequence[Utbetalingslinje],
    tidspunkt: datetime,
    ny_id: Callable[[], str],
) -> AutomatiskUtfall:
    """The AFT/VTA path for a claim that has just become TIL_BEHANDLING."""
    if (
        u.prismodell != AFT_VTA
        or u.tilskuddstype is not Tilskuddstype.TILTAK_DRIFTSTILSKUDD
        or u.status is not UtbetalingStatus.TIL_BEHANDLING
    ):
        return AutomatiskUtfall(Resultatkode.IKKE_AKTUELL)
    aktuelle = [
        t
        for t in tilsagn
        if t.type in _DRIFT_TYPER and kan_brukes_for(t, u.tilskuddstype, u.valuta, u.periode_start, u.periode_slutt)
    ]
    if len(aktuelle) != 1:
        return AutomatiskUtfall(Resultatkode.FEIL_ANTALL_TILSAGN)
    t = aktuelle[0]
    if gjenstaende_belop(t) < u.belop:
        return AutomatiskUtfall(Resultatkode.IKKE_NOK_PENGER)
    if linjer:
        return AutomatiskUtfall(Resultatkode.UTBETALINGLINJER_ALLEREDE_OPPRETTET)
    siste_dag = Periode(t.periode_start, t.periode_slutt).siste_dag
    gjor_opp = u.periode_start <= siste_dag < u.periode_slutt
    return _betal(u, [(t, u.belop, gjor_opp)], tidspunkt, ny_id)


def tao(
    u: Utbetaling,
    bidrag: Sequence[tuple[str, int]],
    tilsagn: Mapping[str, Tilsagn],
    linjer: Sequence[Utbetalingslinje],
    tidspunkt: datetime,
    ny_id: Callable[[], str],
) -> AutomatiskUtfall:
    """The TAO path for a GENERERT claim: one line per (tilsagn_id, belop) share of the beregning."""
    if u.prismodell != TAO or u.status is not UtbetalingStatus.GENERERT:
        return AutomatiskUtfall(Resultatkode.IKKE_AKTUELL)
    if u.betalingsinformasjon is None or not u.betalingsinformasjon.kontonummer:
        return AutomatiskUtfall(Resultatkode.MANGLER_KONTONUMMER)
    if linjer:
        return AutomatiskUtfall(Resultatkode.UTBETALINGLINJER_ALLEREDE_OPPRETTET)
    deler = _tao_deler(bidrag, tilsagn)
    if isinstance(deler, Resultatkode):
        return AutomatiskUtfall(deler)
    return _betal(u, deler, tidspunkt, ny_id)


def _tao_deler(
    bidrag: Sequence[tuple[str, int]], tilsagn: Mapping[str, Tilsagn]
) -> list[tuple[Tilsagn, int, bool]] | Resultatkode:
    deler: list[tuple[Tilsagn, int, bool]] = []
    for tilsagn_id, belop in bidrag:
        t = tilsagn.get(tilsagn_id)
        if belop <= 0:
            continue
        if t is None or t.status is not TilsagnStatus.GODKJENT:
            return Resultatkode.FEIL_ANTALL_TILSAGN
        if gjenstaende_belop(t) < belop:
            return Resultatkode.IKKE_NOK_PENGER
        deler.append((t, belop, False))
    return deler or Resultatkode.FEIL_ANTALL_TILSAGN
