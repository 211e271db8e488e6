"""The engine's JSON: exact numbers in, canonical text out, a JSON pointer on every input error."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from shared.domain.beregning import Deltakelsesmengde, beregn, les_beregning_input, les_tilsagn_input, til_json
from shared.domain.felles.feil import Valideringsfeil
from tests.unit.domain.builders import lag_deltakelse, lag_input

KONTRAKT_INPUT = {
    "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
    "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
    "periode": {"start": "2023-06-01", "slutt": "2023-07-01"},
    "valuta": "NOK",
    "satser": [{"gjelder_fra": "2023-01-01", "sats": 100}],
    "stengt": [{"start": "2023-06-10", "slutt": "2023-06-12"}],
    "deltakelser": [
        {"id": "d1", "status": "DELTAR", "start_dato": "2023-06-01", "slutt_dato": None,
         "deltakelsesmengder": [{"gyldig_fra": "2023-06-01", "deltakelsesprosent": 100}]},
        {"id": "d2", "status": "DELTAR", "start_dato": "2023-06-16", "slutt_dato": None,
         "deltakelsesmengder": [{"gyldig_fra": "2023-06-16", "deltakelsesprosent": 40}]},
    ],
    "tilsagn": [
        {"id": "t1", "periode": {"start": "2023-01-01", "slutt": "2023-04-01"},
         "belop": 10000, "belop_brukt": 0, "status": "GODKJENT", "valuta": "NOK"}
    ],
}  # fmt: skip
KONTRAKT_OUTPUT = (
    '{"belop": 118, "valuta": "NOK", "periode": {"start": "2023-06-01", "slutt": "2023-07-01"}, '
    '"utbetales_tidligst": null, "deltakelser": ['
    '{"id": "d1", "perioder": [{"start": "2023-06-01", "slutt": "2023-06-10", "faktor": 0.3, "sats": 100}, '
    '{"start": "2023-06-12", "slutt": "2023-07-01", "faktor": 0.63333, "sats": 100}]}, '
    '{"id": "d2", "perioder": [{"start": "2023-06-16", "slutt": "2023-07-01", "faktor": 0.25, "sats": 100}]}], '
    '"tilsagn_bidrag": []}'
)


def _feil(dokument: object) -> str:
    with pytest.raises(Valideringsfeil) as e:
        les_beregning_input(json.dumps(dokument) if not isinstance(dokument, str) else dokument)
    return str(e.value)


def _med(**endring: object) -> dict[str, object]:
    return {**KONTRAKT_INPUT, **endring}


def test_kontraktens_eksempel_gir_kontraktens_output_tegn_for_tegn() -> None:
    assert til_json(beregn(les_beregning_input(json.dumps(KONTRAKT_INPUT))).output) == KONTRAKT_OUTPUT


def test_deltakelsesprosent_leses_som_eksakt_desimal() -> None:
    tekst = json.dumps(KONTRAKT_INPUT).replace(
        '"deltakelsesprosent": 40', '"deltakelsesprosent": 33.33333333333333333333'
    )
    prosent = les_beregning_input(tekst).deltakelser[1].deltakelsesmengder[0].deltakelsesprosent
    assert prosent == Decimal("33.33333333333333333333")


def test_lagret_input_skrives_og_leses_uten_tap() -> None:
    input = lag_input(deltakelser=[lag_deltakelse("æøå", date(2025, 1, 1), prosent=Decimal("33.30"))])
    tekst = til_json(input)
    assert '"deltakelsesprosent": 33.30' in tekst and '"id": "æøå"' in tekst
    assert les_beregning_input(tekst) == input
    assert til_json(les_beregning_input(tekst.encode())) == tekst


def test_ukjent_felt_gir_pointer_til_feltet() -> None:
    assert _feil(_med(ekstra=1)) == "/ekstra: ukjent felt"


def test_manglende_startdato_gir_pointer_til_deltakelsen() -> None:
    deltakelser = [dict(KONTRAKT_INPUT["deltakelser"][0]), {**KONTRAKT_INPUT["deltakelser"][1], "start_dato": None}]  # type: ignore[index]
    assert _feil(_med(deltakelser=deltakelser)) == "/deltakelser/1/start_dato: mangler"


def test_feil_type_gir_pointer_og_norsk_tekst() -> None:
    assert _feil(_med(satser=[{"gjelder_fra": "2023-01-01", "sats": "100"}])) == "/satser/0/sats: må være et heltall"
    assert _feil(_med(satser=[{"gjelder_fra": "2023-01-01", "sats": 100.0}])) == "/satser/0/sats: må være et heltall"
    assert _feil(_med(periode={"start": "2023-6-1", "slutt": "2023-07-01"})).startswith(
        "/periode/start: må være en dato"
    )
    assert _feil(_med(prismodell="PER_TIME")) == "/prismodell: ukjent verdi «PER_TIME»"


def test_sats_utenfor_32_biter_er_inputfeil() -> None:
    assert _feil(_med(satser=[{"gjelder_fra": "2023-01-01", "sats": 2**31}])).startswith(
        "/satser/0/sats: må være høyst"
    )


def test_periode_med_start_etter_slutt_er_inputfeil() -> None:
    assert _feil(_med(periode={"start": "2023-07-01", "slutt": "2023-07-01"})) == "/periode: start må være før slutt"


def test_ugyldig_json_og_nan_er_inputfeil_pa_roten() -> None:
    assert _feil("{").startswith("/: ugyldig JSON")
    assert _feil('{"x": NaN}').startswith("/: ugyldig JSON")
    assert _feil("[]") == "/: må være et objekt"


def test_flyttall_fra_python_godtas_ikke_som_prosent() -> None:
    with pytest.raises(ValidationError, match="ikke tekst eller flyttall"):
        Deltakelsesmengde(gyldig_fra=date(2025, 1, 1), deltakelsesprosent=33.3)


def test_tilsagn_input_krever_alle_nokler() -> None:
    with pytest.raises(Valideringsfeil, match="^/linjer: mangler$"):
        les_tilsagn_input(
            '{"prismodell": "ANNEN_AVTALT_PRIS", "tiltakskode": "OPPFOLGING", "periode": {"start": "2024-01-01",'
            ' "slutt": "2024-02-01"}, "sats": null, "antall_plasser": null, "stengt": [],'
            ' "antall_timer_oppfolging_per_deltaker": null}'
        )
