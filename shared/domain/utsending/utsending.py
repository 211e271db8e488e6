"""Outbox records and what every outgoing message to the economy system shares (domene.md §10.1, §10.2, §6.8, §6.9).
The messages are built beside what they describe: `tilsagn/meldinger.py` (BESTILLING, ANNULLERING,
GJOR_OPP_BESTILLING) and `utbetaling/faktura.py` (FAKTURA).

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

from shared.domain.felles.periode import Periode

if TYPE_CHECKING:
    from shared.domain.nav.totrinnskontroll import Totrinnskontroll

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


def utsending(
    type: UtsendingType,
    bestillingsnummer: str,
    sekvens: int,
    melding: dict[str, object],
    opprettet: datetime,
    nokkel: str | None = None,
) -> Utsending:
    """A new record: its id from (`type`, `nokkel` or the bestillingsnummer), the body with its `type` first."""
    return Utsending(
        id=utsending_id(type, nokkel or bestillingsnummer),
        type=type,
        bestillingsnummer=bestillingsnummer,
        sekvens=sekvens,
        melding={"type": type.value, **melding},
        opprettet=opprettet,
    )


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


def totrinn_melding(k: Totrinnskontroll) -> dict[str, object]:
    """Who handled and who decided, as every message to the finance system carries them (§10.2)."""
    return {
        "behandletAv": k.behandlet_av.som_melding(),
        "behandletTidspunkt": tidspunkt_tekst(k.behandlet_tidspunkt),
        "besluttetAv": k.besluttet_av.som_melding() if k.besluttet_av else None,
        "besluttetTidspunkt": tidspunkt_tekst(k.besluttet_tidspunkt) if k.besluttet_tidspunkt else None,
    }
