"""The only Firestore dict ↔ domain mapping (STYLE.md §4). The model is described in docs/datamodell.md.

Dates are ISO strings (`YYYY-MM-DD`), instants are UTC timestamps, decimals (deltakelsesprosent) are strings
so
they stay exact, ids are document ids (never a field), field names are Norwegian snake_case.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from shared.domain.generering.krav import beregning_sha256
from shared.domain.grunnlag.deltakelse import Deltakelse, tellende_til
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing, StengtPeriode
from shared.domain.grunnlag.melding import Gravstein, InngaendeMelding
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling

Dokument = dict[str, Any]

ARRANGORER = "arrangorer"
AVTALER = "avtaler"
GJENNOMFORINGER = "gjennomforinger"
DELTAKELSER = "deltakelser"
FORSLAG = "forslag"
TILSAGN = "tilsagn"
BESTILLINGSNUMRE = "bestillingsnumre"
"""`{bestillingsnummer with "/" → "_"}` = {tilsagn_id}: create-only reservation, never reused (§5.1)."""
UTBETALINGER = "utbetalinger"
ENDRINGSHISTORIKK = "endringshistorikk"
OMBEREGNINGER = "omberegninger"
KONTOREGISTER = "kontoregister"
ARKIVERINGER = "arkiveringer"
"""Created with a received claim; its creation triggers `arkiver` (domene.md §11)."""

_HISTORIKK_NS = uuid.UUID("3b0c5b8e-2f5e-4d6a-9b1e-7a0d3c9e4f21")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def ingest_dokument(melding: InngaendeMelding) -> Dokument:
    """The source fields of an inbound message (merged into the document; Nav-side fields are left alone)."""
    if isinstance(melding, Gravstein):
        return {"versjon": melding.versjon, "slettet": True}
    data: Dokument = melding.model_dump(mode="json", exclude={"id"})
    if isinstance(melding, Deltakelse):
        data["tellende_til"] = _iso(tellende_til(melding))
    return data


def _med_id(dok_id: str, data: Dokument) -> Dokument:
    return {**data, "id": dok_id}


def er_gravstein(data: Dokument | None) -> bool:
    return data is None or bool(data.get("slettet"))


def avtale_fra(dok_id: str, data: Dokument) -> Avtale:
    return Avtale.model_validate(_med_id(dok_id, data))


def gjennomforing_fra(dok_id: str, data: Dokument) -> Gjennomforing:
    return Gjennomforing.model_validate(_med_id(dok_id, data))


def deltakelse_fra(dok_id: str, data: Dokument) -> Deltakelse:
    return Deltakelse.model_validate(_med_id(dok_id, data))


def forslag_fra(dok_id: str, data: Dokument) -> Forslag:
    return Forslag.model_validate(_med_id(dok_id, data))


def stengt_til_dokument(stengt: list[StengtPeriode]) -> list[Dokument]:
    return [s.model_dump(mode="json") for s in stengt]


def tilsagn_til_dokument(t: Tilsagn) -> Dokument:
    data: Dokument = t.model_dump(mode="json", exclude={"id", "periode_start", "periode_slutt"})
    data["periode"] = {"start": t.periode_start.isoformat(), "slutt": t.periode_slutt.isoformat()}
    return data


def tilsagn_fra(dok_id: str, data: Dokument) -> Tilsagn:
    periode = data.get("periode") or {}
    return Tilsagn.model_validate(
        {**data, "id": dok_id, "periode_start": periode.get("start"), "periode_slutt": periode.get("slutt")}
    )


def utbetaling_til_dokument(u: Utbetaling) -> Dokument:
    data: Dokument = u.model_dump(
        mode="python", exclude={"id", "periode_start", "periode_slutt", "beregning_gz", "er_korreksjon"}
    )
    data["periode"] = {"start": u.periode_start.isoformat(), "slutt": u.periode_slutt.isoformat()}
    data["utbetales_tidligst"] = _iso(u.utbetales_tidligst)
    data["tilskuddstype"] = u.tilskuddstype.value
    data["opprinnelse"] = u.opprinnelse.value
    data["status"] = u.status.value
    data["blokkeringer"] = [b.value for b in u.blokkeringer]
    data["vedlegg"] = list(u.vedlegg)
    if u.beregning_gz is not None:
        data["beregning_gz"] = u.beregning_gz
    return data


def utbetaling_fra(dok_id: str, data: Dokument) -> Utbetaling:
    periode = data.get("periode") or {}
    felt = {k: v for k, v in data.items() if k != "periode"}
    return Utbetaling.model_validate(
        {**felt, "id": dok_id, "periode_start": periode.get("start"), "periode_slutt": periode.get("slutt")}
    )


def historikk_id(u: Utbetaling, operasjon: str) -> str:
    """Deterministic, so the entry is created exactly once with the write it describes."""
    return str(uuid.uuid5(_HISTORIKK_NS, f"{u.id}/{operasjon}/{u.updated_at.isoformat()}"))


def historikk_dokument(u: Utbetaling, operasjon: str, tidspunkt: datetime, utfort_av: str = "SYSTEM") -> Dokument:
    """§11: the entity after the change without `beregning_gz`, plus `beregning_sha256`."""
    snapshot = utbetaling_til_dokument(u)
    snapshot.pop("beregning_gz", None)
    snapshot["id"] = u.id
    return {
        "dokument_id": u.id,
        "dokument_type": "UTBETALING",
        "operasjon": operasjon,
        "tidspunkt": tidspunkt,
        "utfort_av": utfort_av,
        "snapshot": snapshot,
        "beregning_sha256": beregning_sha256(u.beregning_gz),
    }
