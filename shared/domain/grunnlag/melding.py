"""Common envelope of every inbound message from Nav's source systems (domene.md §3.4).

Every message has `id` (UUID of the entity), `versjon` (strictly increasing per entity) and `slettet`.
Unknown fields
are ignored, so a source system may add fields without breaking the ingest. A `slettet: true` message needs
only the
envelope: it leaves a tombstone with its `versjon`, so an older upsert cannot bring the entity back.

Decision: `slettet` defaults to false when it is missing (the spec says every message has it; a missing flag
on an
otherwise valid upsert is read as "not deleted" rather than dead-lettered).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


def _kanonisk_uuid(verdi: str) -> str:
    return str(uuid.UUID(verdi))


Id = Annotated[str, AfterValidator(_kanonisk_uuid)]
"""A UUID kept as its canonical lower-case string (document ids are strings)."""

Orgnr = Annotated[str, StringConstraints(pattern=r"^\d{9}$")]
"""A 9-digit organisasjonsnummer."""


class InngaendeMelding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: Id
    versjon: int = Field(ge=0)
    slettet: bool = False


class Gravstein(InngaendeMelding):
    """A deleted entity: only the envelope is kept, so a stale upsert cannot resurrect it."""
