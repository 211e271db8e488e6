"""Our OpenAPI document is generated from the models (domene.md §8.1): the committed file equals the generated one,
and every operation of the reference contract exists with its paths, methods and query parameters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.edge.arrangor.api import dokument

ROT = Path(__file__).resolve().parents[3]
REFERANSE = ROT / "../shared/reference/arrangorflate-openapi.yaml"


def test_lagret_dokument_er_det_genererte() -> None:
    lagret = json.loads((ROT / "docs/openapi-arrangor.json").read_text(encoding="utf-8"))
    assert lagret == json.loads(json.dumps(dokument())), (
        "kjør: python -c 'skriv docs/openapi-arrangor.json' (se README)"
    )


Skjema = dict[str, Any]


def _los(dok: Skjema, s: Skjema) -> Skjema:
    """Follow `$ref`s (both documents use `#/components/schemas/...`)."""
    while "$ref" in s:
        s = dok["components"]["schemas"][s["$ref"].rsplit("/", 1)[-1]]
    return s


def _varianter(dok: Skjema, s: Skjema) -> tuple[list[Skjema], bool]:
    """(the non-null alternatives, nullable) of a schema written as `type: [null, x]`, `oneOf`/`anyOf` or plain."""
    s = _los(dok, s)
    typ = s.get("type")
    if isinstance(typ, list):
        andre = [t for t in typ if t != "null"]
        return [{**s, "type": andre[0] if len(andre) == 1 else andre}], "null" in typ
    alternativer = s.get("oneOf") or s.get("anyOf")
    if alternativer and "discriminator" not in s:
        ut = [_los(dok, a) for a in alternativer if _los(dok, a).get("type") != "null"]
        nullbar = len(ut) < len(alternativer)
        if len(ut) == 1:
            return _varianter(dok, ut[0])[0], nullbar or _varianter(dok, ut[0])[1]
        return ut, nullbar
    return [s], False


def _enum(s: Skjema) -> set[Any] | None:
    if "enum" in s:
        return set(s["enum"])
    if "const" in s:
        return {s["const"]}
    return None


def _diskriminert(dok: Skjema, s: Skjema) -> dict[str, Skjema] | None:
    """A discriminated union as {discriminator value: variant}."""
    alternativer = s.get("oneOf") or s.get("anyOf")
    if not alternativer or "discriminator" not in s:
        return None
    ut = {}
    for a in alternativer:
        v = _los(dok, a)
        navn = s["discriminator"].get("mapping", {})
        verdi = next((k for k, r in navn.items() if r == a.get("$ref")), None)
        ut[verdi or (_enum(v.get("properties", {}).get("type", {})) or {a.get("$ref")}).pop()] = v
    return ut


def sammenlign(ref: Skjema, var: Skjema, ref_s: Skjema, var_s: Skjema, sti: str, svar: bool, feil: list[str]) -> None:  # noqa: C901 - one walker over the schema kinds reads better than five
    """Ours must be wire-compatible with the reference: same property names, types, required and enum values;
    additions are allowed. `svar` = a response (we may not omit what the contract requires, nor send null where it
    does not allow it); otherwise a request (we may not require what the contract does not send)."""
    r_var, r_null = _varianter(ref, ref_s)
    v_var, v_null = _varianter(var, var_s)
    if svar and r_null and _los(var, var_s).get("type") == "null":
        return  # we always send null where the contract allows null or more
    if svar and v_null and not r_null:
        feil.append(f"{sti}: vi kan sende null, kontrakten tillater det ikke")
    if not svar and r_null and not v_null:
        feil.append(f"{sti}: kontrakten kan sende null, vi tar ikke imot det")
    if len(r_var) != 1 or len(v_var) != 1:
        feil.append(f"{sti}: ulikt antall alternativer ({len(r_var)} / {len(v_var)})")
        return
    r, v = r_var[0], v_var[0]
    r_union, v_union = _diskriminert(ref, r), _diskriminert(var, v)
    if r_union is not None or v_union is not None:
        if r_union is None or v_union is None:
            feil.append(f"{sti}: bare den ene er en diskriminert union")
            return
        for navn in v_union.keys() - r_union.keys():
            feil.append(f"{sti}: varianten {navn} finnes ikke i kontrakten")
        for navn in r_union.keys() & v_union.keys():
            sammenlign(ref, var, r_union[navn], v_union[navn], f"{sti}<{navn}>", svar, feil)
        return
    r_enum, v_enum = _enum(r), _enum(v)
    if r_enum is not None and r_enum != v_enum:
        feil.append(f"{sti}: enum {sorted(map(str, r_enum))} != {sorted(map(str, v_enum or ()))}")
    r_type, v_type = r.get("type"), v.get("type") or ("string" if v_enum else None)
    if r_type and r_type != v_type and not (r_type == "number" and v_type == "integer"):
        feil.append(f"{sti}: type {r_type} != {v_type}")
        return
    if r_type == "array":
        sammenlign(ref, var, r.get("items", {}), v.get("items", {}), f"{sti}[]", svar, feil)
    if r_type == "object" and "properties" in r:
        _sammenlign_objekt(ref, var, r, v, sti, svar, feil)


def _sammenlign_objekt(ref: Skjema, var: Skjema, r: Skjema, v: Skjema, sti: str, svar: bool, feil: list[str]) -> None:
    v_props = v.get("properties", {})
    r_krav, v_krav = set(r.get("required", [])), set(v.get("required", []))
    for navn, r_prop in r["properties"].items():
        if navn not in v_props:
            feil.append(f"{sti}.{navn}: mangler")
            continue
        sammenlign(ref, var, r_prop, v_props[navn], f"{sti}.{navn}", svar, feil)
    if svar:
        feil += [f"{sti}.{n}: påkrevd i kontrakten" for n in sorted(r_krav - v_krav) if n in v_props]
    else:
        feil += [f"{sti}.{n}: vi krever et felt kontrakten ikke krever" for n in sorted(v_krav - r_krav)]


def _parametre(op: Skjema) -> dict[tuple[str, str], Skjema]:
    return {(p["in"], p["name"]): p for p in op.get("parameters", [])}


def _innhold(op: Skjema, status: str | None) -> dict[str, Skjema]:
    if status is None:
        return (op.get("requestBody") or {}).get("content", {})
    return op.get("responses", {}).get(status, {}).get("content", {})


def _sammenlign_operasjon(ref: Skjema, var: Skjema, navn: str, r_op: Skjema, v_op: Skjema, feil: list[str]) -> None:  # noqa: C901, E501 - parameters, responses, body
    v_param = _parametre(v_op)
    for nokkel, p in _parametre(r_op).items():
        if nokkel not in v_param:
            feil.append(f"{navn}: parameter {nokkel} mangler")
            continue
        if p.get("required") and not v_param[nokkel].get("required") and nokkel[0] == "path":
            feil.append(f"{navn}: parameter {nokkel} er påkrevd i kontrakten")
        sammenlign(ref, var, p["schema"], v_param[nokkel]["schema"], f"{navn} {nokkel}", False, feil)
    for n, p in v_param.items():
        if n not in _parametre(r_op) and p.get("required"):
            feil.append(f"{navn}: påkrevd parameter {n} finnes ikke i kontrakten")
    for status in [s for s in r_op.get("responses", {}) if s != "default"]:
        r_inn, v_inn = _innhold(r_op, status), _innhold(v_op, status)
        for typ, innhold in r_inn.items():
            if typ == "application/json" and not status.startswith("2"):
                typ = "application/problem+json"  # §8.1: errors are RFC 9457 problem+json, the same JSON
                innhold = r_inn["application/json"]
            if typ not in v_inn:
                feil.append(f"{navn} {status}: innholdstype {typ} mangler ({sorted(v_inn)})")
            elif "schema" in innhold:
                sammenlign(ref, var, innhold["schema"], v_inn[typ]["schema"], f"{navn} {status}", True, feil)
    r_kropp, v_kropp = _innhold(r_op, None), _innhold(v_op, None)
    for typ, innhold in r_kropp.items():
        if typ not in v_kropp:
            feil.append(f"{navn}: kropp {typ} mangler ({sorted(v_kropp)})")
        else:
            sammenlign(ref, var, innhold["schema"], v_kropp[typ]["schema"], f"{navn} kropp", False, feil)


@pytest.mark.skipif(not REFERANSE.exists(), reason="../shared/reference/ finnes ikke her")
def test_hver_operasjon_i_kontrakten_er_lik_var() -> None:
    """Every operation of the reference: same path, method, parameters, request and response property names,
    types, required fields and enum values, with `$ref`s resolved in both documents (§8.1)."""
    ref = yaml.safe_load(REFERANSE.read_text(encoding="utf-8"))
    var = dokument()
    feil: list[str] = []
    for sti, operasjoner in ref["paths"].items():
        for metode, r_op in operasjoner.items():
            v_op = var["paths"].get(sti, {}).get(metode)
            if v_op is None:
                feil.append(f"{metode.upper()} {sti}: mangler")
                continue
            _sammenlign_operasjon(ref, var, f"{metode.upper()} {sti}", r_op, v_op, feil)
    assert not feil, "\n".join(feil)


def test_sammenligningen_finner_endringer() -> None:
    """The comparison itself: a renamed property, a changed enum and a dropped required field are caught."""
    ref = {"components": {"schemas": {"E": {"type": "string", "enum": ["A", "B"]}}}}
    r = {"type": "object", "properties": {"a": {"type": "string"}, "e": {"$ref": "#/components/schemas/E"}},
         "required": ["a", "e"]}  # fmt: skip
    feil: list[str] = []
    v = {"type": "object", "properties": {"b": {"type": "string"}, "e": {"enum": ["A"], "type": "string"}},
         "required": ["e"]}  # fmt: skip
    sammenlign(ref, {"components": {"schemas": {}}}, r, v, "X", True, feil)
    assert feil == ["X.a: mangler", "X.e: enum ['A', 'B'] != ['A']"]
    feil = []
    v = {"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                                          "e": {"enum": ["B", "A"]}}}  # fmt: skip
    sammenlign(ref, {"components": {"schemas": {}}}, r, v, "X", True, feil)
    assert feil == ["X.a: vi kan sende null, kontrakten tillater det ikke", "X.a: påkrevd i kontrakten",
                    "X.e: påkrevd i kontrakten"]  # fmt: skip
