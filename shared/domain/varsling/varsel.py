"""The notice record (issue 16 §2): one per event occurrence, its id a UUIDv5 of the event key.

A notice is written create-only in the same commit as the state change that causes it, so the key deduplicates:
a retried event, a rerun of the monthly generation or a redelivered trigger finds the same id and writes nothing
new. The texts never hold personal data (no names, no fødselsnummer, no free text from users): a notice leaves our
systems, by e-mail, SMS or as a task in Nav's Oppgave, and only ids, periods, amounts and fixed phrases may go there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

NAVNEROM = uuid.UUID("2f0c6a3e-8b1d-5c47-9e26-4d3a7b9c1e58")
"""UUIDv5 namespace of notice ids. Never change it in a running environment: the id is the dedup key."""


class Varseltype(StrEnum):
    KRAV_KLAR = "KRAV_KLAR"
    """A generated claim is ready to be sent in (once per gjennomføring and month)."""
    KRAV_RETURNERT = "KRAV_RETURNERT"
    """Nav returned the claim (§6.3 row 10)."""
    KRAV_AVBRUTT_AV_NAV = "KRAV_AVBRUTT_AV_NAV"
    """Nav's cancellation was approved (§6.3 row 14)."""
    UTBETALT = "UTBETALT"
    """A line was paid (§10.3), for organisations that asked for it."""
    AVBRYTELSE_AVVIST = "AVBRYTELSE_AVVIST"
    """To the saksbehandler whose cancellation was rejected (§6.3 row 15)."""
    ATTESTERING_VENTER = "ATTESTERING_VENTER"
    """A line has waited for attestation longer than the configured number of days."""


class Mottakertype(StrEnum):
    ARRANGOR = "ARRANGOR"
    """An organisation, by orgnr (its registered contact points)."""
    NAV = "NAV"
    """A Nav unit (enhet), and a NAVident where there is one."""


class Mottaker(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Mottakertype
    orgnr: str | None = None
    enhet: str | None = None
    navident: str | None = None


class Varsel(BaseModel):
    """The stored notice: what is sent (`tittel`, `tekst`, `lenke`) and the dispatch state."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    nokkel: str
    """The event key the id is made from, e.g. `krav-klar/{gjennomforing_id}/{YYYY-MM}`."""
    type: str
    """A `Varseltype` value; a plain string so another context can add its own kinds."""
    mottaker: Mottaker
    tittel: str
    tekst: str
    lenke: str | None = None
    """Path in the receiver's front end (the adapter adds the base URL)."""
    referanse: str | None = None
    """Id of the entity it is about (a claim); never personal data."""
    opprettet: datetime
    sendt: bool = False
    sendt_tidspunkt: datetime | None = None
    forsok: int = 0
    feilet: str | None = None
    """Set when the receiver refused it permanently: it is not tried again (an alert is logged)."""


def varsel_id(nokkel: str) -> str:
    return str(uuid.uuid5(NAVNEROM, nokkel))


def nytt_varsel(
    nokkel: str, type: Varseltype | str, mottaker: Mottaker, tittel: str, tekst: str, opprettet: datetime,
    *, lenke: str | None = None, referanse: str | None = None,
) -> Varsel:  # fmt: skip
    return Varsel(id=varsel_id(nokkel), nokkel=nokkel, type=str(type), mottaker=mottaker, tittel=tittel, tekst=tekst,
                  lenke=lenke, referanse=referanse, opprettet=opprettet)  # fmt: skip
