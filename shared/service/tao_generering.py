"""TAO automatic payment at generation (domene.md §6.6 "TAO", §7.1 step 5 and "Only once", §12.2).

A new `FAST_SATS_PER_AVTALT_PLASS_PER_MANED` claim with a kontonummer is created and paid in **one** transaction:
the claim is written create-only under its UUIDv5 id with "Utbetaling opprettet", and `forsok_tao_utbetaling`
queues one line per `tilsagn_bidrag` with belop > 0 (decided by SYSTEM), the tilsagn (`belop_brukt`, counters), one
FAKTURA per line in the outbox and the entries "Utbetaling sendt til attestering" and "Overført til utbetaling".
The claim document itself is written once, as it ends (FERDIG_BEHANDLET, or GENERERT when the path declines).

The claim id guards everything: the transaction reads it first and does nothing if it exists, and the create-only
write fails the whole commit if another run created it meanwhile. A rerun therefore writes no second line or
FAKTURA. Claims without an account take the ordinary create (`opprett_utbetaling`) and wait for `tao_daglig`.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.domain.automatisk import TAO, Resultatkode
from shared.domain.generering import Krav
from shared.domain.utbetaling import Utbetaling, UtbetalingStatus
from shared.service.automatisk_utbetaling import forsok_tao_utbetaling
from shared.service.nav_ports import NavRepo, NavTransaksjon


def betales_ved_generering(u: Utbetaling) -> bool:
    """A GENERERT TAO claim that has an account: §7.1 step 5 applies."""
    konto = u.betalingsinformasjon.kontonummer if u.betalingsinformasjon else None
    return u.prismodell == TAO and u.status is UtbetalingStatus.GENERERT and bool(konto)


def bidrag(krav: Krav) -> list[tuple[str, int]]:
    """(tilsagn_id, belop) shares of the month, from the calculation's output."""
    return [(b.tilsagn_id, b.belop) for b in krav.beregning.output.tilsagn_bidrag]


def opprett_og_betal(
    repo: NavRepo, utbetaling: Utbetaling, andeler: Sequence[tuple[str, int]], operasjon: str, *, forsok: int = 10
) -> Resultatkode | None:
    """Create the claim and pay it in the same transaction. None: the claim already exists (nothing written)."""

    def fn(tx: NavTransaksjon) -> Resultatkode | None:
        if tx.hent_utbetaling(utbetaling.id) is not None:
            return None
        tx.logg_utbetaling(utbetaling, operasjon, "SYSTEM")
        svar = forsok_tao_utbetaling(tx, utbetaling, andeler, tidspunkt=utbetaling.updated_at)
        tx.lagre_utbetaling(svar.utbetaling, None, "SYSTEM", ny=True)
        return svar.kode

    return repo.i_transaksjon(fn, forsok=forsok)
