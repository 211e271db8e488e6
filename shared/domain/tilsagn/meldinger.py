"""The finance system's messages about a tilsagn (domene.md §10.2): BESTILLING when it is approved, ANNULLERING and
GJOR_OPP_BESTILLING when it is cancelled or settled, and the outbox record of each: its `sekvens`
comes from the tilsagn's counter (one bestillingsnummer = one tilsagn), so the dispatcher publishes them in order.
"""

from __future__ import annotations

from datetime import datetime

from shared.domain.felles.periode import Periode
from shared.domain.nav.totrinnskontroll import Totrinnskontroll
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utsending.utsending import Utsending, UtsendingType, periode_melding, totrinn_melding, utsending


def ny_utsending(
    type: UtsendingType, t: Tilsagn, melding: dict[str, object], opprettet: datetime, nokkel: str | None = None
) -> tuple[Utsending, Tilsagn]:
    """The record with the tilsagn's next sekvens, and the tilsagn with its counter moved on."""
    nummer = t.bestillingsnummer or t.id
    u = utsending(type, nummer, t.neste_sekvens, melding, opprettet, nokkel)
    return u, t.model_copy(update={"neste_sekvens": t.neste_sekvens + 1})


def bestilling(
    t: Tilsagn, k: Totrinnskontroll, *, tiltakskode: str, orgnr: str, avtalenummer: str | None, opprettet: datetime
) -> tuple[Utsending, Tilsagn]:
    """BESTILLING (tilsagn approved, §10.2)."""
    melding: dict[str, object] = {
        "bestillingsnummer": t.bestillingsnummer,
        "tilskuddstype": "TILTAK_INVESTERINGER" if t.type is TilsagnType.INVESTERING else "TILTAK_DRIFTSTILSKUDD",
        "tiltakskode": tiltakskode,
        "arrangor": {"organisasjonsnummer": orgnr},
        "kostnadssted": t.kostnadssted,
        "avtalenummer": avtalenummer,
        "belop": t.belop,
        "valuta": t.valuta,
        "periode": periode_melding(Periode(t.periode_start, t.periode_slutt)),
        **totrinn_melding(k),
    }
    return ny_utsending(UtsendingType.BESTILLING, t, melding, opprettet)


def annullering_eller_oppgjor(
    type: UtsendingType, t: Tilsagn, k: Totrinnskontroll, opprettet: datetime
) -> tuple[Utsending, Tilsagn]:
    """ANNULLERING / GJOR_OPP_BESTILLING (§10.2)."""
    return ny_utsending(type, t, {"bestillingsnummer": t.bestillingsnummer, **totrinn_melding(k)}, opprettet)
