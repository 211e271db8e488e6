"""Builders for generation tests: real dates and amounts, defaults for everything else."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from shared.domain.felles.kodeverk import Deltakerstatus, Prismodell, TilsagnStatus, Tiltakskode
from shared.domain.grunnlag.deltakelse import Deltakelse, Deltakelsesmengde, Person
from shared.domain.grunnlag.forslag import Forslag, ForslagEndring
from shared.domain.grunnlag.gjennomforing import Gjennomforing, GjennomforingStatus, StengtPeriode
from shared.domain.grunnlag.rammeavtale import Avtale, AvtaleSats
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType

ORGNR = "973123456"


def ny_id() -> str:
    return str(uuid.uuid4())


def lag_gjennomforing(**felt: Any) -> Gjennomforing:
    data: dict[str, Any] = {
        "id": ny_id(),
        "versjon": 1,
        "lopenummer": "2025/1",
        "navn": "AFT Bergen",
        "tiltakskode": Tiltakskode.ARBEIDSFORBEREDENDE_TRENING.value,
        "arrangor_orgnr": ORGNR,
        "start_dato": date(2025, 7, 1),
        "status": GjennomforingStatus.GJENNOMFORES,
        "prismodell": Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED.value,
        "valuta": "NOK",
    }
    data.update(felt)
    if "stengt" in data:
        data["stengt"] = tuple(
            StengtPeriode(id=ny_id(), start=s, slutt=e, beskrivelse="Stengt") for s, e in data["stengt"]
        )
    return Gjennomforing.model_validate(data)


def lag_avtale(satser: list[tuple[date, int]], **felt: Any) -> Avtale:
    return Avtale(
        id=felt.pop("id", ny_id()),
        versjon=1,
        arrangor_orgnr=ORGNR,
        prismodell=felt.pop("prismodell", Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED.value),
        satser=tuple(AvtaleSats(gjelder_fra=d, sats=s) for d, s in satser),
        **felt,
    )


def lag_deltakelse(gjennomforing_id: str, **felt: Any) -> Deltakelse:
    data: dict[str, Any] = {
        "id": ny_id(),
        "versjon": 1,
        "gjennomforing_id": gjennomforing_id,
        "person": Person(
            norsk_ident="01810012345",
            fornavn="Ola",
            etternavn="Nordmann",
            adressebeskyttelse="UGRADERT",
            skjermet=False,
        ),
        "status": Deltakerstatus.DELTAR,
        "start_dato": date(2025, 8, 1),
        "slutt_dato": None,
        "deltakelsesmengder": (Deltakelsesmengde(gyldig_fra=date(2025, 8, 1), deltakelsesprosent=Decimal(100)),),
    }
    data.update(felt)
    return Deltakelse.model_validate(data)


def lag_tilsagn(gjennomforing_id: str, **felt: Any) -> Tilsagn:
    data: dict[str, Any] = {
        "id": ny_id(),
        "gjennomforing_id": gjennomforing_id,
        "type": TilsagnType.TILSAGN,
        "periode_start": date(2025, 7, 1),
        "periode_slutt": date(2026, 1, 1),
        "belop": 1_000_000,
        "status": TilsagnStatus.GODKJENT,
        "valuta": "NOK",
    }
    data.update(felt)
    return Tilsagn.model_validate(data)


def lag_forslag(deltakelse: Deltakelse, **endring: Any) -> Forslag:
    status = endring.pop("status", "VENTER_PA_SVAR")
    return Forslag(
        id=ny_id(),
        versjon=1,
        deltaker_id=deltakelse.id,
        gjennomforing_id=deltakelse.gjennomforing_id,
        status=status,
        endring=ForslagEndring.model_validate(endring),
    )
