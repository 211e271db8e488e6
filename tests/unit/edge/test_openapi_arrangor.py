"""Our OpenAPI document is generated from the models (domene.md §8.1): the committed file equals the generated one,
and every operation of the reference contract exists with its paths, methods and query parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from shared.edge.arrangor_api import dokument

ROT = Path(__file__).resolve().parents[3]
REFERANSE = ROT / "../shared/reference/arrangorflate-openapi.yaml"


def test_lagret_dokument_er_det_genererte() -> None:
    lagret = json.loads((ROT / "docs/openapi-arrangor.json").read_text(encoding="utf-8"))
    assert lagret == json.loads(json.dumps(dokument())), (
        "kjør: python -c 'skriv docs/openapi-arrangor.json' (se README)"
    )


@pytest.mark.skipif(not REFERANSE.exists(), reason="../shared/reference/ finnes ikke her")
def test_hver_operasjon_i_kontrakten_finnes_med_samme_parametre() -> None:
    ref = yaml.safe_load(REFERANSE.read_text(encoding="utf-8"))
    vare = dokument()["paths"]
    mangler = []
    for sti, operasjoner in ref["paths"].items():
        for metode, op in operasjoner.items():
            var = vare.get(sti, {}).get(metode)
            if var is None:
                mangler.append(f"{metode.upper()} {sti}")
                continue
            ref_q = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
            var_q = {p["name"] for p in var["parameters"] if p["in"] == "query"}
            if not ref_q <= var_q:
                mangler.append(f"{metode.upper()} {sti}: query {sorted(ref_q - var_q)}")
    assert not mangler, mangler
