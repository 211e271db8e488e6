"""Attestation, return and the last attestation of a claim's lines (domene.md §6.3 rows 9–10, §6.6 Approval).

`attester` decides one line's totrinnskontroll. When every line is GODKJENT, `fullfor` runs in the same
transaction: it returns all lines if a tilsagn is no longer GODKJENT (`TILSAGN_FEIL_STATUS`) or a line exceeds
its tilsagn's gjenstående (`IKKE_NOK_GJENSTAENDE`); otherwise every line → OVERFORT_TIL_UTBETALING,
`belop_brukt += belop`, a tilsagn is settled when `gjor_opp_tilsagn` is set or it is used up, one FAKTURA per
line goes to the outbox, and the claim → FERDIG_BEHANDLET.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from shared.domain.felles.betaling import utbetales_tidligst
from shared.domain.felles.kodeverk import TILTAKSTYPER, TilsagnStatus, Tiltakskode
from shared.domain.nav.feil import ManglerTilgang, UgyldigHandling
from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import (
    ARSAKER_PAKREVD,
    SYSTEM,
    Agent,
    Kontrollstatus,
    Totrinnskontroll,
    beslutt,
    sjekk_kan_beslutte,
)
from shared.domain.tilsagn.behandling import OPPGJORT_VED_ATTESTERING, OPPGJORT_VED_BEHANDLING
from shared.domain.tilsagn.tilsagn import Tilsagn, gjenstaende_belop
from shared.domain.utbetaling.faktura import faktura
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.domain.utsending.utsending import Utsending

KAN_IKKE_ATTESTERES = "Utbetalingen kan ikke attesteres"
KAN_IKKE_RETURNERES = "Utbetalingen kan ikke returneres"
MANGLER_TILGANG_RETUR = "Du kan ikke returnere utbetalingen fordi du mangler tilgang"
SENDT_TIL_ATTESTERING = "Utbetaling sendt til attestering"
OVERFORT = "Overført til utbetaling"
RETURNERT = "Utbetaling returnert"
ATTESTERT = "Utbetalingslinje attestert"
"""Not in §11's list: the change log gets one entry per attested line, "every step" (vårt valg)."""


def ikke_attestant(kostnadssted_navn: str) -> str:
    return (
        "Du kan ikke attestere utbetalingen fordi du ikke er attestant ved tilsagnets kostnadssted "
        f"({kostnadssted_navn})"
    )


class Returarsak(StrEnum):
    FEIL_BELOP = "FEIL_BELOP"
    ANNET = "ANNET"
    PROPAGERT_RETUR = "PROPAGERT_RETUR"
    """Another line of the claim was returned."""
    TILSAGN_FEIL_STATUS = "TILSAGN_FEIL_STATUS"
    """System: a tilsagn was no longer GODKJENT at the last attestation."""
    IKKE_NOK_GJENSTAENDE = "IKKE_NOK_GJENSTAENDE"
    """System: a line exceeded its tilsagn's gjenstående at the last attestation."""


MANUELLE_ARSAKER = frozenset({Returarsak.FEIL_BELOP, Returarsak.ANNET})


@dataclass
class Fullforing:
    """Everything the last-attestation transaction writes."""

    utbetaling: Utbetaling
    linjer: list[Utbetalingslinje]
    tilsagn: dict[str, Tilsagn] = field(default_factory=dict)
    utsendinger: list[Utsending] = field(default_factory=list)
    tilsagn_operasjoner: list[tuple[str, str]] = field(default_factory=list)
    """(tilsagn id, change-log text) in order."""
    operasjon: str = OVERFORT
    retur: Returarsak | None = None


def _linje(linjer: Sequence[Utbetalingslinje], linje_id: str) -> Utbetalingslinje:
    for linje in linjer:
        if linje.id == linje_id:
            return linje
    raise UgyldigHandling(KAN_IKKE_ATTESTERES)


def _erstatt(linjer: Sequence[Utbetalingslinje], ny: Utbetalingslinje) -> list[Utbetalingslinje]:
    return [ny if linje.id == ny.id else linje for linje in linjer]


def attester(
    u: Utbetaling,
    linjer: Sequence[Utbetalingslinje],
    linje_id: str,
    t: Tilsagn,
    ansatt: NavAnsatt,
    kostnadssted_navn: str,
    tidspunkt: datetime,
) -> list[Utbetalingslinje]:
    """Decide one line (ATTESTANT_UTBETALING at the line's kostnadssted, ≠ handler). Returns all lines."""
    linje = _linje(linjer, linje_id)
    if u.status is not UtbetalingStatus.TIL_ATTESTERING or linje.status not in (
        LinjeStatus.TIL_ATTESTERING,
        LinjeStatus.GODKJENT,  # beslutt() answers "Totrinnskontrollen er allerede godkjent"
    ):
        raise UgyldigHandling(KAN_IKKE_ATTESTERES)
    if not ansatt.har_rolle_ved(Rolle.ATTESTANT_UTBETALING, t.kostnadssted):
        raise ManglerTilgang(ikke_attestant(kostnadssted_navn))
    k = beslutt(linje.totrinnskontroll, Agent.nav(ansatt.navident), tidspunkt, godkjent=True)
    return _erstatt(linjer, linje.model_copy(update={"status": LinjeStatus.GODKJENT, "totrinnskontroll": k}))


def alle_godkjent(linjer: Sequence[Utbetalingslinje]) -> bool:
    return bool(linjer) and all(linje.status is LinjeStatus.GODKJENT for linje in linjer)


def _retur(
    k: Totrinnskontroll, av: Agent, tid: datetime, arsak: Returarsak, forklaring: str | None
) -> Totrinnskontroll:
    """Return a line's check; an already decided one is overwritten by the system's return."""
    return k.model_copy(
        update={
            "besluttet_av": av,
            "besluttet_tidspunkt": tid,
            "status": Kontrollstatus.RETURNERT,
            "aarsaker": (arsak.value,),
            "forklaring": forklaring,
        }
    )


def returner_alle(
    u: Utbetaling, linjer: Sequence[Utbetalingslinje], arsak: Returarsak, tidspunkt: datetime
) -> tuple[Utbetaling, list[Utbetalingslinje]]:
    """The system returns every line (§6.3 row 10, system reasons)."""
    nye = [
        linje.model_copy(
            update={
                "status": LinjeStatus.RETURNERT,
                "totrinnskontroll": _retur(linje.totrinnskontroll, SYSTEM, tidspunkt, arsak, None),
            }
        )
        for linje in linjer
    ]
    return u.model_copy(update={"status": UtbetalingStatus.RETURNERT}), nye


def returner(
    u: Utbetaling,
    linjer: Sequence[Utbetalingslinje],
    linje_id: str,
    t: Tilsagn,
    ansatt: NavAnsatt,
    tidspunkt: datetime,
    aarsaker: tuple[str, ...],
    forklaring: str | None,
) -> tuple[Utbetaling, list[Utbetalingslinje]]:
    """An attestant (at the kostnadssted) or a saksbehandler returns one line; the others follow with
    PROPAGERT_RETUR. Returning decides the line's check, so the two-person rule applies."""
    linje = _linje(linjer, linje_id)
    if u.status is not UtbetalingStatus.TIL_ATTESTERING or linje.status is not LinjeStatus.TIL_ATTESTERING:
        raise UgyldigHandling(KAN_IKKE_RETURNERES)
    if not (
        ansatt.har_rolle_ved(Rolle.ATTESTANT_UTBETALING, t.kostnadssted)
        or ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI)
    ):
        raise ManglerTilgang(MANGLER_TILGANG_RETUR)
    if not aarsaker:
        raise UgyldigHandling(ARSAKER_PAKREVD, "/aarsaker")
    if any(a not in MANUELLE_ARSAKER for a in aarsaker):
        raise UgyldigHandling("Ugyldig årsak", "/aarsaker")  # (vårt valg)
    if Returarsak.ANNET in aarsaker and not (forklaring or "").strip():
        raise UgyldigHandling("Forklaring er påkrevd", "/forklaring")  # (vårt valg)
    av = Agent.nav(ansatt.navident)
    sjekk_kan_beslutte(linje.totrinnskontroll, av)
    k = beslutt(linje.totrinnskontroll, av, tidspunkt, godkjent=False, aarsaker=aarsaker, forklaring=forklaring)
    nye = [
        linje.model_copy(update={"status": LinjeStatus.RETURNERT, "totrinnskontroll": k})
        if linje.id == linje_id
        else linje.model_copy(
            update={
                "status": LinjeStatus.RETURNERT,
                "totrinnskontroll": _retur(linje.totrinnskontroll, SYSTEM, tidspunkt, Returarsak.PROPAGERT_RETUR, None),
            }
        )
        for linje in linjer
    ]
    return u.model_copy(update={"status": UtbetalingStatus.RETURNERT}), nye


def _tidligst(u: Utbetaling, linje: Utbetalingslinje) -> date | None:
    """§6.8: the claim's value, or the same rule applied to the line period when that value is null."""
    if u.utbetales_tidligst is not None:
        return u.utbetales_tidligst
    try:
        return utbetales_tidligst(Tiltakskode(u.tiltakskode), linje.periode)
    except ValueError:
        return None


def tiltakstype_navn(tiltakskode: str) -> str:
    try:
        return TILTAKSTYPER[Tiltakskode(tiltakskode)].navn
    except ValueError:
        return tiltakskode


def fullfor(
    u: Utbetaling, linjer: Sequence[Utbetalingslinje], tilsagn: Mapping[str, Tilsagn], tidspunkt: datetime
) -> Fullforing:
    """§6.6 steps 1–3 for a claim whose lines are all GODKJENT."""
    if any(tilsagn[linje.tilsagn_id].status is not TilsagnStatus.GODKJENT for linje in linjer):
        ny, nye = returner_alle(u, linjer, Returarsak.TILSAGN_FEIL_STATUS, tidspunkt)
        return Fullforing(ny, nye, operasjon=RETURNERT, retur=Returarsak.TILSAGN_FEIL_STATUS)
    if any(linje.belop > gjenstaende_belop(tilsagn[linje.tilsagn_id]) for linje in linjer):
        ny, nye = returner_alle(u, linjer, Returarsak.IKKE_NOK_GJENSTAENDE, tidspunkt)
        return Fullforing(ny, nye, operasjon=RETURNERT, retur=Returarsak.IKKE_NOK_GJENSTAENDE)
    ut = Fullforing(u.model_copy(update={"status": UtbetalingStatus.FERDIG_BEHANDLET}), [])
    navn = tiltakstype_navn(u.tiltakskode)
    for linje in linjer:
        t = ut.tilsagn.get(linje.tilsagn_id) or tilsagn[linje.tilsagn_id]
        t = t.model_copy(update={"belop_brukt": t.belop_brukt + linje.belop})
        gjor_opp = linje.gjor_opp_tilsagn or t.belop_brukt >= t.belop
        post, t = faktura(
            u, linje, t, tiltakstype_navn=navn, utbetales_tidligst=_tidligst(u, linje), gjor_opp=gjor_opp,
            opprettet=tidspunkt,
        )  # fmt: skip
        if gjor_opp:
            t = t.model_copy(update={"status": TilsagnStatus.OPPGJORT})
            ut.tilsagn_operasjoner += [(t.id, OPPGJORT_VED_BEHANDLING), (t.id, OPPGJORT_VED_ATTESTERING)]
        ut.tilsagn[t.id] = t
        ut.utsendinger.append(post)
        ut.linjer.append(linje.model_copy(update={"status": LinjeStatus.OVERFORT_TIL_UTBETALING}))
    return ut
