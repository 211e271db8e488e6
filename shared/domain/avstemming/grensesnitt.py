"""Grensesnittavstemming: the daily message that lets the finance system prove it got what we sent (issue 18).

For the FAKTURA records published on one day (Europe/Oslo, by `sendt_tidspunkt`): count and sum per status
group, the first and last fakturanummer in dispatch order, and the day as an instant range. One message per
valuta (amounts in different currencies are never added, §0); a day without FAKTURA still sends one NOK message
with zeros, so a missing message is itself a signal. Amounts are what the FAKTURA carried, as the finance system
received them. Status groups from the line's last payment status (§10.3):

- `sendt`: published, no status yet;  `kvittert`: SENDT or IKKE_BETALT (taken in, not paid);
- `betalt`: DELVIS_BETALT or FULLT_BETALT;  `feilet`: FEILET.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from shared.domain.utbetaling.utbetalingslinje import Fakturastatus, Utbetalingslinje
from shared.domain.utsending.utsending import OSLO, Utsending

_NAVNEROM = uuid.UUID("b7e3f0a2-5c1d-4e8f-9a6b-2d4c8e1f3a57")
_GRUPPE = {
    None: "sendt",
    Fakturastatus.SENDT: "kvittert",
    Fakturastatus.IKKE_BETALT: "kvittert",
    Fakturastatus.DELVIS_BETALT: "betalt",
    Fakturastatus.FULLT_BETALT: "betalt",
    Fakturastatus.FEILET: "feilet",
}


class _Modell(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True)


class Telling(_Modell):
    antall: int = 0
    belop: int = 0


class Tidsrom(_Modell):
    fra: datetime
    til: datetime
    """Exclusive."""


class Grensesnittavstemming(_Modell):
    """The message on topic `grensesnittavstemming` (camelCase JSON, like the other messages to finance, §10.2)."""

    type: Literal["GRENSESNITTAVSTEMMING"] = "GRENSESNITTAVSTEMMING"
    avstemming_id: str
    """UUIDv5 of (dato, valuta): a re-run of the same day sends the same id, so the receiver can drop repeats."""
    dato: date
    periode: Tidsrom
    valuta: str
    antall: int
    belop: int
    sendt: Telling
    kvittert: Telling
    betalt: Telling
    feilet: Telling
    forste_fakturanummer: str | None
    siste_fakturanummer: str | None

    def til_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True).encode()


def dagens_tidsrom(dato: date) -> Tidsrom:
    """The day in Europe/Oslo as UTC instants (23 or 25 hours on the days the clocks change)."""
    fra = datetime.combine(dato, time(0, 0), tzinfo=OSLO)
    til = datetime.combine(dato + timedelta(days=1), time(0, 0), tzinfo=OSLO)
    return Tidsrom(fra=fra.astimezone(UTC), til=til.astimezone(UTC))


def _valuta(post: Utsending) -> str:
    v = post.melding.get("valuta")
    return v if isinstance(v, str) else "NOK"


def _belop(post: Utsending) -> int:
    b = post.melding.get("belop")
    return b if isinstance(b, int) else 0


def grensesnittavstemminger(
    dato: date, fakturaer: Iterable[Utsending], linjer: Mapping[str, Utbetalingslinje]
) -> list[Grensesnittavstemming]:
    """One message per valuta for the FAKTURA sent on `dato`; `linjer` by fakturanummer give the status."""
    rom = dagens_tidsrom(dato)
    sendte = sorted(
        (p for p in fakturaer if p.sendt and p.sendt_tidspunkt is not None and rom.fra <= p.sendt_tidspunkt < rom.til),
        key=lambda p: (p.sendt_tidspunkt, p.fakturanummer or ""),
    )
    per_valuta: dict[str, list[Utsending]] = {"NOK": []}
    for p in sendte:
        per_valuta.setdefault(_valuta(p), []).append(p)
    return [_melding(dato, rom, v, poster, linjer) for v, poster in sorted(per_valuta.items()) if poster or v == "NOK"]


def _melding(
    dato: date, rom: Tidsrom, valuta: str, poster: list[Utsending], linjer: Mapping[str, Utbetalingslinje]
) -> Grensesnittavstemming:
    telling = {g: [0, 0] for g in ("sendt", "kvittert", "betalt", "feilet")}
    for p in poster:
        linje = linjer.get(p.fakturanummer or "")
        gruppe = _GRUPPE[linje.faktura.status if linje is not None else None]
        telling[gruppe][0] += 1
        telling[gruppe][1] += _belop(p)
    return Grensesnittavstemming(
        avstemming_id=str(uuid.uuid5(_NAVNEROM, f"{dato.isoformat()}/{valuta}")),
        dato=dato,
        periode=rom,
        valuta=valuta,
        antall=len(poster),
        belop=sum(_belop(p) for p in poster),
        **{g: Telling(antall=a, belop=b) for g, (a, b) in telling.items()},
        forste_fakturanummer=poster[0].fakturanummer if poster else None,
        siste_fakturanummer=poster[-1].fakturanummer if poster else None,
    )
