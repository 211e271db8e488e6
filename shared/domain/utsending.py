"""Outbox records and the outgoing messages to the economy system (domene.md §10.1, §10.2, §6.8, §6.9).

Every state change that emits a message writes an `Utsending` in the same transaction. Its `sekvens` comes from
the tilsagn's counter (one bestillingsnummer = one tilsagn), so the dispatcher can publish the records of one
ordering key in order. FAKTURA records get `send_tidligst` = the earliest payment instant (null = now) and a
deterministic id per fakturanummer: a retried transaction or a redelivered request can never write two.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from shared.domain.felles import Periode

if TYPE_CHECKING:
    from shared.domain.tilsagn import Tilsagn
    from shared.domain.totrinnskontroll import Totrinnskontroll
    from shared.domain.utbetaling import Utbetaling
    from shared.domain.utbetalingslinje import Utbetalingslinje

OSLO = ZoneInfo("Europe/Oslo")
_NAVNEROM = uuid.UUID("6f1d2c3b-8a4e-4b7f-9c2d-1e0f3a5b7c9d")


class UtsendingType(StrEnum):
    BESTILLING = "BESTILLING"
    """A tilsagn was approved."""
    ANNULLERING = "ANNULLERING"
    """An unused tilsagn was cancelled."""
    GJOR_OPP_BESTILLING = "GJOR_OPP_BESTILLING"
    """A used tilsagn was settled."""
    FAKTURA = "FAKTURA"
    """One utbetalingslinje to pay."""


class Utsending(BaseModel):
    """One outbox record, `utsendinger/{id}`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    type: UtsendingType
    bestillingsnummer: str
    sekvens: int
    melding: dict[str, object]
    """The message body (camelCase JSON, §10.2)."""
    opprettet: datetime
    send_tidligst: datetime | None = None
    fakturanummer: str | None = None
    sendt: bool = False
    sendt_tidspunkt: datetime | None = None

    def attributter(self) -> dict[str, str]:
        """Pub/Sub attributes: `type`, and for FAKTURA `utbetalesTidligstTidspunkt` when set."""
        ut = {"type": self.type.value}
        if self.type is UtsendingType.FAKTURA and self.send_tidligst is not None:
            ut["utbetalesTidligstTidspunkt"] = tidspunkt_tekst(self.send_tidligst)
        return ut

    def er_klar(self, na: datetime) -> bool:
        return self.send_tidligst is None or self.send_tidligst <= na


def utsending_id(type: UtsendingType, nokkel: str) -> str:
    """Deterministic: FAKTURA by fakturanummer, the others by bestillingsnummer."""
    return str(uuid.uuid5(_NAVNEROM, f"{type.value}/{nokkel}"))


def tidspunkt_tekst(t: datetime) -> str:
    """RFC 3339 UTC with microseconds and `Z` (§0)."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def midnatt_oslo(d: date) -> datetime:
    """The instant 00:00 Europe/Oslo of a date (§6.8)."""
    return datetime.combine(d, time(0, 0), tzinfo=OSLO)


def periode_melding(p: Periode) -> dict[str, object]:
    return {"start": p.start.isoformat(), "slutt": p.slutt.isoformat()}


def beskrivelse(tiltakstype_navn: str, p: Periode, bestillingsnummer: str) -> str:
    """§6.9: tiltakstype, the line's first and last inclusive day, and the tilsagnsnummer, on three lines."""
    return (
        f"Tiltakstype: {tiltakstype_navn}\n"
        f"Periode: {p.start.strftime('%d.%m.%Y')} - {p.siste_dag.strftime('%d.%m.%Y')}\n"
        f"Tilsagnsnummer: {bestillingsnummer}"
    )


def _totrinn(k: Totrinnskontroll) -> dict[str, object]:
    return {
        "behandletAv": k.behandlet_av.som_melding(),
        "behandletTidspunkt": tidspunkt_tekst(k.behandlet_tidspunkt),
        "besluttetAv": k.besluttet_av.som_melding() if k.besluttet_av else None,
        "besluttetTidspunkt": tidspunkt_tekst(k.besluttet_tidspunkt) if k.besluttet_tidspunkt else None,
    }


def _ny(
    type: UtsendingType, t: Tilsagn, melding: dict[str, object], opprettet: datetime, nokkel: str | None = None
) -> tuple[Utsending, Tilsagn]:
    """The record with the tilsagn's next sekvens, and the tilsagn with its counter moved on."""
    nummer = t.bestillingsnummer or t.id
    u = Utsending(
        id=utsending_id(type, nokkel or nummer),
        type=type,
        bestillingsnummer=nummer,
        sekvens=t.neste_sekvens,
        melding={"type": type.value, **melding},
        opprettet=opprettet,
    )
    return u, t.model_copy(update={"neste_sekvens": t.neste_sekvens + 1})


def bestilling(
    t: Tilsagn, k: Totrinnskontroll, *, tiltakskode: str, orgnr: str, avtalenummer: str | None, opprettet: datetime
) -> tuple[Utsending, Tilsagn]:
    """BESTILLING (tilsagn approved, §10.2)."""
    from shared.domain.tilsagn import TilsagnType

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
        **_totrinn(k),
    }
    return _ny(UtsendingType.BESTILLING, t, melding, opprettet)


def annullering_eller_oppgjor(
    type: UtsendingType, t: Tilsagn, k: Totrinnskontroll, opprettet: datetime
) -> tuple[Utsending, Tilsagn]:
    """ANNULLERING / GJOR_OPP_BESTILLING (§10.2)."""
    return _ny(type, t, {"bestillingsnummer": t.bestillingsnummer, **_totrinn(k)}, opprettet)


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
        **_totrinn(linje.totrinnskontroll),
        "gjorOppBestilling": gjor_opp,
        "beskrivelse": beskrivelse(tiltakstype_navn, linje.periode, t.bestillingsnummer or t.id),
        "utbetalesTidligstTidspunkt": tidspunkt_tekst(tidligst) if tidligst else None,
    }
    post, t2 = _ny(UtsendingType.FAKTURA, t, melding, opprettet, linje.fakturanummer)
    return post.model_copy(update={"send_tidligst": tidligst, "fakturanummer": linje.fakturanummer}), t2
