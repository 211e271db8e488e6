"""RFC 9457 problem+json for every HTTP function (STYLE.md §6, domene.md §8.1): one table, exception class → status.

`type` by status as in §8.1. A 400 carries `errors: [{pointer, detail}]` and the `extensions: {}` and `instance` the
arrangør front end's contract requires; `detail` is the endpoint's headline. Anything not in the table is a 500 with a
generic text, logged once with its stack trace by the caller (`ruting.py`). A `Konflikt` (a stale version under an
optimistic lock, avtale.md §8.1) is a 409; there is no 422. An error or field error that carries Nav's `feilkode`
(the tiltaksavtale's) gets it as the extension `feilkode`, so the two systems can be compared.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from shared.domain.felles.feil import (
    DomeneFeil,
    FeltFeil,
    FinnesIkke,
    IkkeTilgang,
    Konflikt,
    TjenesteNede,
    Valideringsfeil,
)

PROBLEM_JSON = "application/problem+json"


class HttpFeil(Exception):
    """Errors only the edge knows (authentication, request size). `detail` is shown to the caller."""

    status = 500

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Uautentisert(HttpFeil):
    """No valid token, no `pid`, or a login level that is not accepted (§2)."""

    status = 401


class ForStorForesporsel(HttpFeil):
    status = 413


class UgyldigForesporsel(HttpFeil):
    """Malformed request outside any body model (e.g. an unreadable multipart body)."""

    status = 400


class Utilgjengelig(HttpFeil):
    status = 503


STATUS_FOR: tuple[tuple[type[BaseException], int], ...] = (
    (Valideringsfeil, 400),
    (ValidationError, 400),
    (UgyldigForesporsel, 400),
    (Uautentisert, 401),
    (IkkeTilgang, 403),
    (FinnesIkke, 404),
    (Konflikt, 409),
    (ForStorForesporsel, 413),
    (TjenesteNede, 503),
    (Utilgjengelig, 503),
    (DomeneFeil, 400),
)
"""Order matters: the first class that matches wins (subclasses before their bases)."""

TYPE_FOR: dict[int, tuple[str, str]] = {
    400: ("validation-error", "Validation error"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Payload too large"),
    500: ("internal-error", "Internal server error"),
    503: ("unavailable", "Service unavailable"),
}

GENERISK_500 = "Det oppstod en uventet feil"


def status_for(feil: BaseException) -> int | None:
    for klasse, status in STATUS_FOR:
        if isinstance(feil, klasse):
            return status
    return None


def pointer_fra_loc(loc: Sequence[int | str], rot: str = "") -> str:
    """pydantic `loc` → RFC 6901 pointer (`~` and `/` escaped)."""
    deler = [str(d).replace("~", "~0").replace("/", "~1") for d in loc if d not in ("body",)]
    return rot + ("/" + "/".join(deler) if deler else "/")


def _norsk(feil: dict[str, Any]) -> str:
    kind = feil.get("type", "")
    if kind == "missing":
        return "Mangler verdi"
    if kind in ("json_invalid", "json_type"):
        return "Ugyldig JSON"
    if kind == "extra_forbidden":
        return "Ukjent felt"
    return str(feil.get("msg", "Ugyldig verdi"))


def felt_feil(feil: BaseException) -> list[FeltFeil]:
    if isinstance(feil, Valideringsfeil):
        return list(feil.feil)
    if isinstance(feil, ValidationError):
        return [FeltFeil(pointer_fra_loc(e["loc"]), _norsk(dict(e))) for e in feil.errors()]
    detail = getattr(feil, "detail", None) or str(feil)
    return [FeltFeil("/", detail)]


def problem(status: int, detail: str, *, instance: str | None, errors: Sequence[FeltFeil] = ()) -> dict[str, Any]:
    type_, title = TYPE_FOR.get(status, (f"status-{status}", "Error"))
    return {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "errors": [{"pointer": f.pointer, "detail": f.detail} for f in errors],
        "extensions": {},
    }


def _med_feilkode(body: dict[str, Any], feil: BaseException, feltfeil: Sequence[FeltFeil] = ()) -> dict[str, Any]:
    for ut, f in zip(body["errors"], feltfeil, strict=True):
        if getattr(f, "feilkode", None):
            ut["feilkode"] = f.feilkode  # type: ignore[attr-defined]
    kode = getattr(feil, "feilkode", None) or next((e["feilkode"] for e in body["errors"] if "feilkode" in e), None)
    if isinstance(kode, str):
        body["feilkode"] = kode
    return body


def problem_for(feil: BaseException, *, instance: str | None, overskrift: str | None) -> tuple[int, dict[str, Any]]:
    """(status, body) for a known error; (500, generic) for anything else."""
    status = status_for(feil)
    if status is None:
        return 500, problem(500, GENERISK_500, instance=instance)
    if status == 400:
        feltfeil = felt_feil(feil)
        detail = getattr(feil, "overskrift", None) or overskrift or feltfeil[0].detail
        return 400, _med_feilkode(problem(400, detail, instance=instance, errors=feltfeil), feil, feltfeil)
    detail = getattr(feil, "detail", None) or str(feil)
    return status, _med_feilkode(problem(status, detail, instance=instance), feil)


def som_json(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()
