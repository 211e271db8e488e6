"""FAKTURA: the finance system's message for one utbetalingslinje (domene.md §10.2, §6.8, §6.9)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import (
    Utsending,
    UtsendingType,
    beskrivelse,
    midnatt_oslo,
    periode_melding,
    tidspunkt_tekst,
    totrinn_melding,
    utsending,
)


def faktura(
    u: Utbetaling,
    linje: Utbetalingslinje,
    t: Tilsagn,
    *,
    tiltakstype_navn: str,
    utbetales_tidligst: date | None,
    gjor_opp: bool,
    opprettet: datetime,
) -> tuple[Utsending, Tilsagn]:
    """FAKTURA for one line (§10.2); `send_tidligst` = 00:00 Europe/Oslo of `utbetales_tidligst` (§6.8)."""
    tidligst = midnatt_oslo(utbetales_tidligst).astimezone(UTC) if utbetales_tidligst else None
    betaling = u.betalingsinformasjon
    melding: dict[str, object] = {
        "fakturanummer": linje.fakturanummer,
        "bestillingsnummer": t.bestillingsnummer,
        "betalingsinformasjon": {
            "kontonummer": betaling.kontonummer if betaling else None,
            "kid": betaling.kid if betaling else None,
        },
        "belop": linje.belop,
        "valuta": u.valuta,
        "periode": periode_melding(linje.periode),
        **totrinn_melding(linje.totrinnskontroll),
        "gjorOppBestilling": gjor_opp,
        "beskrivelse": beskrivelse(tiltakstype_navn, linje.periode, t.bestillingsnummer or t.id),
        "utbetalesTidligstTidspunkt": tidspunkt_tekst(tidligst) if tidligst else None,
    }
    post = utsending(UtsendingType.FAKTURA, t.bestillingsnummer or t.id, t.neste_sekvens, melding, opprettet,
                     linje.fakturanummer)  # fmt: skip
    post = post.model_copy(update={"send_tidligst": tidligst, "fakturanummer": linje.fakturanummer})
    return post, t.model_copy(update={"neste_sekvens": t.neste_sekvens + 1})
