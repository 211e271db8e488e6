"""Ids checked by their shape at the edge (issue 17 item 2), before any of them reaches a Firestore path or query.

Firestore refuses some document ids outright (`__x__`, `.`, `..`, over 1 500 bytes) and the client raised that as a
500. Every id of the two APIs has a known shape (domene.md §5.1, §2): UUIDs for our entities, 9 digits for an
organisasjonsnummer, 4 digits for a kostnadssted. A path id of the wrong shape cannot name anything, so it is a 404
problem with the route's "Fant ikke …" text; a body, form or query value of the wrong shape is a 400 with its
pointer.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
ORGNR = re.compile(r"[0-9]{9}")
KOSTNADSSTED = re.compile(r"[0-9]{4}")
DOKUMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
"""Ids we did not mint ourselves (e.g. a stengt period's from older data): letters, digits, `-` and `_`, never
starting with `_`, at most 100 characters."""

UGYLDIG_ID = "Ugyldig id: må være en UUID"
UGYLDIG_KOSTNADSSTED = "Kostnadssted må være fire siffer"

FORM_FOR_PARAM: dict[str, re.Pattern[str]] = {
    "id": UUID,
    "gjennomforingId": UUID,
    "stengtId": DOKUMENT_ID,
    "orgnr": ORGNR,
    "kostnadssted": KOSTNADSSTED,
}
"""The shape of each path parameter of both route tables, by name."""


def gyldig(monster: re.Pattern[str], verdi: str) -> bool:
    return monster.fullmatch(verdi) is not None


def _uuid_eller_tom(verdi: str) -> str:
    if verdi and not gyldig(UUID, verdi):
        raise PydanticCustomError("ugyldig_id", UGYLDIG_ID)
    return verdi


def _kostnadssted(verdi: str | None) -> str | None:
    if verdi and not gyldig(KOSTNADSSTED, verdi):
        raise PydanticCustomError("ugyldig_kostnadssted", UGYLDIG_KOSTNADSSTED)
    return verdi


UuidEllerTom = Annotated[str, AfterValidator(_uuid_eller_tom)]
"""A UUID, or empty (the domain then answers its own "må være satt" text)."""
Kostnadssted = Annotated[str | None, AfterValidator(_kostnadssted)]
