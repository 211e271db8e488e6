"""OpenAPI 3.1 generated from the route table and its pydantic models (domene.md §8.1): the same models the handlers
parse and return, so the document cannot drift from the code. `docs/openapi-arrangor.json` is this output."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from shared.edge.http.ruting import Rute

REF = "#/components/schemas/{model}"


class ProblemDetail(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] = []
    extensions: dict[str, Any] = {}


class FeltFeilDto(BaseModel):
    pointer: str
    detail: str


class ValideringsProblem(BaseModel):
    """A 400 (§8.1): the contract's `ValidationError`."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: str
    title: str
    status: int
    detail: str
    instance: str | None
    errors: list[FeltFeilDto]
    extensions: dict[str, Any] = {}


def _skjema(typ: Any, mode: str, defs: dict[str, Any]) -> dict[str, Any]:
    skjema = TypeAdapter(typ).json_schema(ref_template=REF, mode=mode, by_alias=True)  # type: ignore[arg-type]
    defs.update(skjema.pop("$defs", {}))
    return skjema


def _parametre(rute: Rute, defs: dict[str, Any]) -> list[dict[str, Any]]:
    ut: list[dict[str, Any]] = []
    for navn in re.findall(r"\{(\w+)\}", rute.sti):
        skjema: dict[str, Any] = {"type": "string", "format": "uuid"} if navn == "id" else {"type": "string"}
        ut.append({"name": navn, "in": "path", "required": True, "schema": skjema})
    if rute.query is not None:
        q = _skjema(rute.query, "validation", defs)
        for navn, skjema in q.get("properties", {}).items():
            param = {"name": navn, "in": "query", "required": navn in q.get("required", []), "schema": skjema}
            if navn in rute.query_lister:
                param["explode"] = True
            ut.append(param)
    return ut


def _operasjon(rute: Rute, defs: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": rute.operasjon_id,
        "description": rute.beskrivelse,
        "tags": list(rute.tagger),
        "parameters": _parametre(rute, defs),
        "responses": {"default": {"description": "Problem details", "content": {
            "application/problem+json": {"schema": {"$ref": REF.format(model="ProblemDetail")}}}}},
    }  # fmt: skip
    if not rute.offentlig:
        op["security"] = [{"bearer": []}]
    if rute.kropp is not None:
        op["requestBody"] = {
            "required": False,
            "content": {rute.kropp_type: {"schema": _skjema(rute.kropp, "validation", defs)}},
        }
    svar: dict[str, Any] = {"description": rute.beskrivelse or "OK"}
    if rute.svar is not None:
        svar["content"] = {rute.svar_innhold: {"schema": _skjema(rute.svar, "serialization", defs)}}
    op["responses"][str(rute.svar_status)] = svar
    if rute.overskrift is not None:
        op["responses"]["400"] = {"description": rute.overskrift, "content": {
            "application/problem+json": {"schema": _skjema(ValideringsProblem, "serialization", defs)}}}  # fmt: skip
    return op


def openapi(ruter: Sequence[Rute], tittel: str, versjon: str = "1") -> dict[str, Any]:
    defs: dict[str, Any] = {"ProblemDetail": _skjema(ProblemDetail, "serialization", {})}
    stier: dict[str, dict[str, Any]] = {}
    for rute in ruter:
        stier.setdefault(rute.sti, {})[rute.metode.lower()] = _operasjon(rute, defs)
    return {
        "openapi": "3.1.0",
        "info": {"title": tittel, "version": versjon},
        "paths": stier,
        "components": {
            "schemas": dict(sorted(defs.items())),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
