"""problem+json (domene.md §8.1): one table class → status, pointers from pydantic, no 500 for known errors."""

from __future__ import annotations

import flask
from pydantic import BaseModel, ValidationError

from shared.domain.felles.feil import FinnesIkke, IkkeTilgang, TjenesteNede, UgyldigTilstand, Valideringsfeil
from shared.edge.http.problem import ForStorForesporsel, Uautentisert, pointer_fra_loc, problem_for
from shared.edge.http.ruting import Rute, Ruter, json_svar


class _M(BaseModel):
    a: list[int]


def test_statuser_og_typer() -> None:
    for feil, status, type_ in [
        (Valideringsfeil.for_felt("/kid", "Ugyldig kid"), 400, "validation-error"),
        (UgyldigTilstand.for_felt("/", "Utbetalingen kan ikke avbrytes"), 400, "validation-error"),
        (Uautentisert("x"), 401, "unauthorized"),
        (IkkeTilgang("Ikke tilgang til bedrift med organisasjonsnummer 1"), 403, "forbidden"),
        (FinnesIkke("Fant ikke utbetaling med id=1"), 404, "not-found"),
        (ForStorForesporsel("stor"), 413, "payload-too-large"),
        (TjenesteNede("nede"), 503, "unavailable"),
        (RuntimeError("hemmelig"), 500, "internal-error"),
    ]:
        s, body = problem_for(feil, instance="/x", overskrift="Overskrift")
        assert (s, body["type"], body["status"]) == (status, type_, status)
        assert "hemmelig" not in body["detail"]


def test_valideringsfeil_har_overskrift_og_pekere() -> None:
    s, body = problem_for(Valideringsfeil.for_felt("/kid", "Ugyldig kid"), instance=None, overskrift="Kan ikke")
    assert body["detail"] == "Kan ikke"
    assert body["errors"] == [{"pointer": "/kid", "detail": "Ugyldig kid"}]
    assert body["extensions"] == {} and body["instance"] is None and body["title"] == "Validation error"


def test_pydantic_feil_gir_pekere() -> None:
    try:
        _M.model_validate({"a": [1, "x"]})
    except ValidationError as e:
        _, body = problem_for(e, instance=None, overskrift=None)
    assert body["errors"][0]["pointer"] == "/a/1"
    assert pointer_fra_loc(["a/b", "c~d"]) == "/a~1b/c~0d"


def test_ruter_gir_404_405_og_problem_ved_feil() -> None:
    def kast(_: object) -> flask.Response:
        raise FinnesIkke("Fant ikke utbetaling med id=abc")

    def ok(f: object) -> flask.Response:
        return json_svar({"ok": True})

    ruter = Ruter([Rute("GET", "/x/{id}", kast), Rute("GET", "/ok", ok)], autentiser=lambda r: None)
    app = flask.Flask(__name__)
    with app.test_request_context("/x/abc"):
        svar = ruter(flask.request)
        assert svar.status_code == 404 and svar.content_type == "application/problem+json"
    with app.test_request_context("/x/abc", method="POST"):
        assert ruter(flask.request).status_code == 405
    with app.test_request_context("/finnes-ikke"):
        assert ruter(flask.request).status_code == 404
    with app.test_request_context("/ok"):
        assert ruter(flask.request).get_json() == {"ok": True}
