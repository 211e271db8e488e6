"""Avtale (framework agreement) with its agreed prices, as published on `avtale-v1` (domene.md §3.4, §3.3).

The avtalt-pris models take their satser from the gjennomføring's avtale; a sats applies from its
`gjelder_fra`
until the next one's.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.domain.grunnlag.melding import InngaendeMelding, Orgnr


class AvtaleSats(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    gjelder_fra: date
    sats: int = Field(ge=0, le=2**31 - 1)


class Avtale(InngaendeMelding):
    avtalenummer: str | None = None
    arrangor_orgnr: Orgnr
    prismodell: str
    satser: tuple[AvtaleSats, ...]
