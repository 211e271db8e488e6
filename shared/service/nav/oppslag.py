"""Reads of the Nav API (domene.md §9.1: list and detail for any of the three roles) and the operator's re-publish
of a FAKTURA (§9: same fakturanummer, so idempotent downstream).

Re-publishing marks the line's existing outbox record unsent again, in one transaction, so the dispatcher publishes
the very same message (id, sekvens, body, `send_tidligst`) in its order per bestillingsnummer; the caller then
nudges the dispatcher. Texts the spec does not give are marked "(vårt valg)".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from shared.domain.nav.feil import LinjeFinnesIkke, ManglerTilgang, UgyldigHandling, UtbetalingFinnesIkke
from shared.domain.nav.tilgang import MANGLER_LESETILGANG, NavAnsatt, sjekk_leser
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.domain.utsending.utsending import UtsendingType, utsending_id
from shared.service.nav.ports import NavTransaksjon
from shared.service.nav.utbetaling import NavAvhengigheter

MANGLER_DRIFT = "Du kan ikke republisere faktura fordi du ikke er i driftsgruppen"  # (vårt valg)
IKKE_SENDT = "Fakturaen er ikke overført til utbetaling og kan ikke republiseres"  # (vårt valg)
REPUBLISERT = "Faktura {fakturanummer} republisert"


@dataclass(frozen=True, slots=True)
class UtbetalingVisning:
    utbetaling: Utbetaling
    linjer: list[Utbetalingslinje]


def list_utbetalinger(
    status: str | None, kostnadssted: str | None, ansatt: NavAnsatt, avh: NavAvhengigheter
) -> list[Utbetaling]:
    sjekk_leser(ansatt)
    return avh.repo.list_utbetalinger(status, kostnadssted)


def hent_utbetaling(utbetaling_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter) -> UtbetalingVisning:
    sjekk_leser(ansatt)

    def fn(tx: NavTransaksjon) -> UtbetalingVisning:
        u = tx.hent_utbetaling(utbetaling_id)
        if u is None:
            raise UtbetalingFinnesIkke(utbetaling_id)
        return UtbetalingVisning(u, sorted(tx.hent_linjer(u.id), key=lambda linje: linje.fakturanummer))

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok)


def republiser_faktura(
    linje_id: str, grupper: Collection[str], drift_grupper: Collection[str], ansatt: NavAnsatt, avh: NavAvhengigheter
) -> Utbetalingslinje:
    if not set(grupper) & set(drift_grupper):
        raise ManglerTilgang(MANGLER_DRIFT)

    def fn(tx: NavTransaksjon) -> Utbetalingslinje:
        linje = tx.hent_linje(linje_id)
        if linje is None:
            raise LinjeFinnesIkke(linje_id)
        post = tx.hent_utsending(utsending_id(UtsendingType.FAKTURA, linje.fakturanummer))
        if linje.status not in (LinjeStatus.OVERFORT_TIL_UTBETALING, LinjeStatus.UTBETALT) or post is None:
            raise UgyldigHandling(IKKE_SENDT)
        tx.send_utsending_igjen(post)
        u = tx.hent_utbetaling(linje.utbetaling_id)
        if u is not None:
            tx.logg_utbetaling(u, REPUBLISERT.format(fakturanummer=linje.fakturanummer), ansatt.navident,
                               tidspunkt=avh.klokke.na())  # fmt: skip
        return linje

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok)


__all__ = ["MANGLER_LESETILGANG", "sjekk_leser"]
