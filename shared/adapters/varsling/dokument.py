"""Mapping of the notice outbox (`varsler/{id}`) and its index of unsent notices, shared by every commit that writes
a notice (the generation commit, Nav's transactions) and by the dispatcher's repository.

`varselindekser/{0..f}` = {usendte: {varsel_id: true}}: the unsent notices in 16 shards by the id's first hex
digit, so the dispatcher reads 16 documents instead of querying (the emulator scans the whole database for every
query), as the payment outbox does. Written (blind merge) with the notice, cleared when it is sent.
"""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from shared.domain.varsling.varsel import Varsel

VARSLER = "varsler"
VARSELINDEKSER = "varselindekser"
VARSLINGSVALG = "varslingsvalg"
"""`{orgnr}` = {utbetalt: bool}: the organisation's choice of payment notices (default off)."""
SKAAR = "0123456789abcdef"
TILSTAND = ("sendt", "sendt_tidspunkt", "forsok", "feilet")
"""Fields the dispatcher owns; a re-write of the content of an existing notice leaves them alone."""


def skaar(varsel_id: str) -> str:
    forste = varsel_id[:1].lower()
    return forste if forste in SKAAR and forste else "0"


def indeks_ref(db: firestore.Client, varsel_id: str) -> Any:
    return db.collection(VARSELINDEKSER).document(skaar(varsel_id))


def ref(db: firestore.Client, varsel_id: str) -> Any:
    return db.collection(VARSLER).document(varsel_id)


def til_dokument(v: Varsel) -> dict[str, Any]:
    data: dict[str, Any] = v.model_dump(mode="json", exclude={"id", "opprettet", "sendt_tidspunkt"})
    data.update(opprettet=v.opprettet, sendt_tidspunkt=v.sendt_tidspunkt)
    return data


def innhold(v: Varsel) -> dict[str, Any]:
    """The notice without its dispatch state, for a write that must not reset a notice already sent."""
    return {k: x for k, x in til_dokument(v).items() if k not in TILSTAND}


def fra_dokument(dok_id: str, data: dict[str, Any]) -> Varsel:
    return Varsel.model_validate({"sendt": False, "forsok": 0, **data, "id": dok_id})


def usendt_indeks(varsel_id: str) -> dict[str, Any]:
    return {"usendte": {varsel_id: True}}
