"""The only Firestore dict ↔ domain mapping of the tiltaksavtale context (avtale.md §9.1). Field names are the
domain's snake_case names. Firestore has no date or decimal type: dates are stored as ISO text and amounts as text
(pydantic reads both back exactly); instants stay timestamps so lists can order by `sist_endret`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Final

from pydantic import BaseModel

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.hendelser import Hendelse, HendelseType, Kanal, Utsending, Varsel
from shared.domain.tiltaksavtale.kodeverk import Rolle

TILTAKSAVTALER: Final = "tiltaksavtaler"
VERSJONER: Final = "versjoner"
HENDELSER: Final = "avtale_hendelser"
VARSLER: Final = "avtale_varsler"
UTSENDINGER: Final = "avtale_utsendinger"
TELLERE: Final = "tellere"
AVTALENUMMER: Final = "avtalenummer"


def _verdi(v: Any) -> Any:
    """A pydantic `mode="python"` dump made storable: enums as text, dates and decimals as ISO text."""
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, datetime):
        return v
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Mapping):
        return {str(k): _verdi(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_verdi(x) for x in v]
    return v


def _dokument(m: BaseModel) -> dict[str, Any]:
    data: dict[str, Any] = _verdi(m.model_dump(mode="python"))
    return data


def avtale_til_dokument(a: Tiltaksavtale) -> dict[str, Any]:
    data = _dokument(a)
    del data["id"]
    return data


def avtale_fra(avtale_id: str, data: Mapping[str, Any]) -> Tiltaksavtale:
    return Tiltaksavtale.model_validate({**data, "id": avtale_id})


def versjon_id(versjon: int) -> str:
    return f"{versjon:04d}"


def versjon_til_dokument(v: Versjon) -> dict[str, Any]:
    return _dokument(v)


def versjon_fra(data: Mapping[str, Any]) -> Versjon:
    felt = set(Versjon.model_fields)
    return Versjon.model_validate({k: x for k, x in data.items() if k in felt})


def hendelse_til_dokument(h: Hendelse) -> dict[str, Any]:
    return {
        "avtale_id": h.avtale_id,
        "hendelse": h.hendelse.value,
        "tekst": h.tekst,
        "utfort_av": {"rolle": h.utfort_av_rolle.value, "ident": h.utfort_av_ident},
        "tidspunkt": h.tidspunkt,
        "versjon": h.versjon,
    }


def varsel_id(v: Varsel) -> str:
    """Deterministic, so a retried transaction writes the same notice once."""
    navn = f"{v.mottaker_rolle}/{v.mottaker}/{v.hendelse}/{v.opprettet.isoformat()}"
    return str(uuid.uuid5(uuid.UUID(v.avtale_id), navn))


def varsel_til_dokument(v: Varsel) -> dict[str, Any]:
    return {
        "avtale_id": v.avtale_id,
        "mottaker_rolle": v.mottaker_rolle.value,
        "mottaker": v.mottaker,
        "hendelse": v.hendelse.value,
        "tekst": v.tekst,
        "bjelle": v.bjelle,
        "lest": False,
        "opprettet": v.opprettet,
    }


def varsel_fra(data: Mapping[str, Any]) -> Varsel:
    return Varsel(
        str(data["avtale_id"]),
        Rolle(data["mottaker_rolle"]),
        str(data["mottaker"]),
        HendelseType(data["hendelse"]),
        str(data["tekst"]),
        bool(data["bjelle"]),
        data["opprettet"],
    )


def utsending_til_dokument(u: Utsending) -> dict[str, Any]:
    return {
        "avtale_id": u.avtale_id,
        "kanal": u.kanal.value,
        "mottaker": u.mottaker,
        "innhold": u.innhold,
        "ekstern_id": u.ekstern_id,
        "topic": u.topic,
        "ordering_key": u.ordering_key,
        "send_tidligst": u.send_tidligst,
        "sendt": None,
        "forsok": 0,
    }


def utsending_fra(data: Mapping[str, Any]) -> Utsending:
    return Utsending(
        str(data["avtale_id"]),
        Kanal(data["kanal"]),
        str(data["mottaker"]),
        str(data["innhold"]),
        str(data["ekstern_id"]),
        data["send_tidligst"],
        data.get("topic"),
        data.get("ordering_key"),
    )
