"""Every worked case of `../shared/spec/eksempler.json`, through the same functions the CLI calls, with
`expect`
read as the contract's last section says."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from shared.cli.beregn import beregn_dokument, beregn_tilsagn_dokument
from shared.domain.felles.feil import Valideringsfeil

EKSEMPLER = Path(__file__).parents[3].parent / "shared/spec/eksempler.json"

Json = dict[str, object]


def _tilfeller() -> list[Json]:
    if not EKSEMPLER.exists():
        return []
    tilfeller: list[Json] = json.loads(EKSEMPLER.read_text(encoding="utf-8"))
    return tilfeller


def _kjor(kommando: object, input: object) -> Json:
    tekst = json.dumps(input)
    ut = beregn_dokument(tekst) if kommando == "beregn" else beregn_tilsagn_dokument(tekst)
    resultat: Json = json.loads(ut, parse_float=Decimal)
    return resultat


def _faktor(verdi: object) -> Decimal:
    return Decimal(str(verdi)).quantize(Decimal("1E-5"))


def _sjekk_stykke(faktisk: Json, forventet: Json) -> None:
    for nokkel, verdi in forventet.items():
        if nokkel == "faktor":
            assert _faktor(faktisk["faktor"]) == _faktor(verdi)
        else:
            assert faktisk[nokkel] == verdi, nokkel


def _sjekk_deltakelser(faktisk: list[Json], forventet: list[Json]) -> None:
    assert [d["id"] for d in faktisk] == [d["id"] for d in forventet]
    for f, e in zip(faktisk, forventet, strict=True):
        if "perioder" not in e:
            continue
        fp, ep = f["perioder"], e["perioder"]
        assert isinstance(fp, list) and isinstance(ep, list)
        assert len(fp) == len(ep), f"{e['id']}: {fp}"
        for stykke, forventet_stykke in zip(fp, ep, strict=True):
            _sjekk_stykke(stykke, forventet_stykke)


def _sjekk(resultat: Json, expect: Json) -> None:
    for nokkel, verdi in expect.items():
        if nokkel == "faktor":
            assert (resultat["faktor"] is None) == (verdi is None)
            if verdi is not None:
                assert _faktor(resultat["faktor"]) == _faktor(verdi)
        elif nokkel == "deltakelser":
            _sjekk_deltakelser(resultat["deltakelser"], verdi)  # type: ignore[arg-type]
        elif nokkel == "tilsagn_bidrag":
            faktisk = resultat["tilsagn_bidrag"]
            assert isinstance(faktisk, list) and isinstance(verdi, list) and len(faktisk) == len(verdi)
            for f, e in zip(faktisk, verdi, strict=True):
                assert all(f[k] == v for k, v in e.items()), (f, e)
        elif nokkel == "belop_equals_tilsagn":
            assert resultat["belop"] == _kjor("beregn-tilsagn", verdi)["belop"]
        else:
            assert resultat[nokkel] == verdi, nokkel


@pytest.mark.skipif(not EKSEMPLER.exists(), reason=f"{EKSEMPLER} finnes ikke (CI har en kopi i ../shared)")
@pytest.mark.parametrize("tilfelle", _tilfeller(), ids=lambda t: str(t["id"]))
def test_eksempel_fra_spesifikasjonen_gir_forventet_resultat(tilfelle: Json) -> None:
    expect = tilfelle["expect"]
    assert isinstance(expect, dict)
    if expect.get("exit_code") == 2:
        with pytest.raises(Valideringsfeil):
            _kjor(tilfelle["command"], tilfelle["input"])
        return
    _sjekk(_kjor(tilfelle["command"], tilfelle["input"]), expect)


def test_alle_eksempler_er_med() -> None:
    if not EKSEMPLER.exists():
        pytest.skip(f"{EKSEMPLER} finnes ikke")
    assert len(_tilfeller()) >= 69
