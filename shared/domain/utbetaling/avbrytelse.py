"""Nav's cancellation of a claim with two persons (domene.md §6.3 rows 13–15).

A saksbehandler sends a GENERERT, TIL_BEHANDLING or RETURNERT claim (not a korreksjon) to TIL_AVBRYTELSE with the
reason `TILSAGN_GJORT_OPP` or `ANNET` + forklaring; another saksbehandler approves (→ AVBRUTT, lines → AVBRUTT) or
rejects with reasons (→ the previous status).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.domain.nav.feil import ManglerTilgang, UgyldigHandling
from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import ARSAKER_PAKREVD, Agent, Kontrolltype, Totrinnskontroll, behandle, beslutt
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje

SENDT = "Utbetaling sendt til avbrytelse"
AVVIST = "Avbrytelse avvist"
AVBRUTT = "Utbetaling avbrutt"
KAN_IKKE = "Utbetaling kan ikke settes til avbrytelse"
MANGLER_ROLLE = "Du kan ikke avbryte utbetalingen fordi du ikke er saksbehandler økonomi"  # (vårt valg)
ARSAKER = frozenset({"TILSAGN_GJORT_OPP", "ANNET"})
_FRA = (UtbetalingStatus.GENERERT, UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT)


def _rolle(ansatt: NavAnsatt) -> None:
    if not ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        raise ManglerTilgang(MANGLER_ROLLE)


def send_til_avbrytelse(
    u: Utbetaling, ansatt: NavAnsatt, tidspunkt: datetime, aarsaker: tuple[str, ...], forklaring: str | None
) -> Utbetaling:
    _rolle(ansatt)
    if u.status not in _FRA or u.er_korreksjon:
        raise UgyldigHandling(KAN_IKKE)
    if not aarsaker:
        raise UgyldigHandling(ARSAKER_PAKREVD, "/aarsaker")
    if any(a not in ARSAKER for a in aarsaker):
        raise UgyldigHandling("Ugyldig årsak", "/aarsaker")  # (vårt valg)
    if "ANNET" in aarsaker and not (forklaring or "").strip():
        raise UgyldigHandling("Forklaring er påkrevd", "/forklaring")  # (vårt valg)
    k = behandle(Kontrolltype.AVBRYTELSE, Agent.nav(ansatt.navident), tidspunkt, aarsaker, forklaring)
    avbrytelse: dict[str, object] = {
        "av": "NAV",
        "tidspunkt": tidspunkt.isoformat(),
        "aarsaker": list(aarsaker),
        "forklaring": forklaring,
        "totrinnskontroll": k.model_dump(mode="json"),
        "forrige_status": u.status.value,
    }
    return u.model_copy(update={"status": UtbetalingStatus.TIL_AVBRYTELSE, "avbrytelse": avbrytelse})


def beslutt_avbrytelse(
    u: Utbetaling,
    linjer: Sequence[Utbetalingslinje],
    ansatt: NavAnsatt,
    tidspunkt: datetime,
    *,
    godkjent: bool,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> tuple[Utbetaling, list[Utbetalingslinje], str]:
    """(claim, lines, change-log text). Approve → AVBRUTT with every line AVBRUTT; reject → previous status."""
    _rolle(ansatt)
    if u.status is not UtbetalingStatus.TIL_AVBRYTELSE or u.avbrytelse is None:
        raise UgyldigHandling("Utbetalingen er ikke til avbrytelse")  # (vårt valg)
    k = Totrinnskontroll.model_validate(u.avbrytelse["totrinnskontroll"])
    k = beslutt(k, Agent.nav(ansatt.navident), tidspunkt, godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring)
    avbrytelse = {**u.avbrytelse, "totrinnskontroll": k.model_dump(mode="json")}
    if godkjent:
        nye = [linje.model_copy(update={"status": LinjeStatus.AVBRUTT}) for linje in linjer]
        return u.model_copy(update={"status": UtbetalingStatus.AVBRUTT, "avbrytelse": avbrytelse}), nye, AVBRUTT
    forrige = UtbetalingStatus(str(u.avbrytelse["forrige_status"]))
    return u.model_copy(update={"status": forrige, "avbrytelse": None}), list(linjer), AVVIST
