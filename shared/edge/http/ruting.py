"""HTTP glue for the HTTPS functions (STYLE.md §2, domene.md §8.1): a small route table, pydantic parsing with
camelCase aliases, problem+json for every error, and the request-size check before a body is read.

    RUTER = Ruter([Rute("GET", "/api/x/{id}", hent_x, svar=XDto), ...], autentiser=...)
    @functions_framework.http
    def api(request): return RUTER(request)

A handler gets a `Foresporsel` (path params, the authenticated user, the parsed query/body on demand) and returns a
`flask.Response` made by `json_svar`/`fil_svar`. The route table also carries what `openapi.py` needs to describe the
operation, so the OpenAPI document is generated from the same models the handlers parse and return.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

import flask
import pydantic_core
from pydantic import BaseModel, ConfigDict, PlainSerializer, ValidationError, WithJsonSchema
from pydantic.alias_generators import to_camel
from werkzeug.exceptions import RequestEntityTooLarge

from shared.domain.felles.feil import FinnesIkke
from shared.edge.http import ider
from shared.edge.http.problem import PROBLEM_JSON, ForStorForesporsel, problem, problem_for, som_json
from shared.logg import felt

logg = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
B = TypeVar("B")


class CamelModel(BaseModel):
    """HTTP JSON: camelCase on the wire, snake_case in Python (STYLE.md §10). Responses always carry every field,
    null when empty (§8.1)."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, frozen=True, json_schema_serialization_defaults_required=True
    )


class CamelForesporsel(CamelModel):
    """Request bodies and query strings: unknown fields are refused."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True, extra="forbid")


def _tidspunkt(verdi: datetime) -> str:
    return verdi.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


Tidspunkt = Annotated[
    datetime,
    PlainSerializer(_tidspunkt, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]
"""An instant in HTTP JSON: UTC, six fractional digits, `Z` (§0)."""


@dataclass
class Foresporsel(Generic[B]):
    request: flask.Request
    params: dict[str, str]
    bruker: B
    korrelasjon_id: str
    _kropp: bytes | None = None

    def kropp(self) -> bytes:
        if self._kropp is None:
            self._kropp = self.request.get_data(cache=True)
        return self._kropp

    def json(self, modell: type[M]) -> M:
        data = self.kropp()
        return modell.model_validate_json(data if data.strip() else b"{}")

    def query(self, modell: type[M], lister: Sequence[str] = ()) -> M:
        args = self.request.args
        verdier: dict[str, Any] = {k: args.get(k) for k in args if k not in lister}
        for navn in lister:
            if navn in args:
                verdier[navn] = args.getlist(navn)
        return modell.model_validate(verdier)


Handler = Callable[[Foresporsel[Any]], flask.Response]


@dataclass(frozen=True)
class Rute:
    metode: str
    sti: str
    """`/api/x/{id}`; a `{name}` matches one path segment."""
    handler: Handler
    operasjon_id: str = ""
    beskrivelse: str = ""
    overskrift: str | None = None
    """Headline (`detail`) of this endpoint's 400 problems."""
    offentlig: bool = False
    query: type[BaseModel] | None = None
    query_lister: tuple[str, ...] = ()
    kropp: type[BaseModel] | None = None
    kropp_type: str = "application/json"
    svar: Any = None
    """Response type for OpenAPI (a model, `list[Model]`, `list[str]`, `bool`), or None for no body."""
    svar_status: int = 200
    svar_innhold: str = "application/json"
    maks_bytes: int | None = None
    for_stor_tekst: str = "Forespørselen er for stor"
    tagger: tuple[str, ...] = ()

    def monster(self) -> re.Pattern[str]:
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.sti))
        return re.compile(f"^{regex}$")


@dataclass
class Ruter(Generic[B]):
    ruter: Sequence[Rute]
    autentiser: Callable[[flask.Request], B]
    _kompilert: list[tuple[re.Pattern[str], Rute]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._kompilert = [(r.monster(), r) for r in self.ruter]

    def finn(self, metode: str, sti: str) -> tuple[Rute, dict[str, str]] | frozenset[str]:
        """The route and its params; else the methods the path allows (empty: no path matches)."""
        tillatt: set[str] = set()
        for monster, rute in self._kompilert:
            treff = monster.fullmatch(sti)
            if treff is None:
                continue
            if rute.metode == metode:
                return rute, treff.groupdict()
            tillatt.add(rute.metode)
        return frozenset(tillatt)

    def __call__(self, request: flask.Request) -> flask.Response:
        korrelasjon_id = request.headers.get("X-Correlation-Id") or str(uuid.uuid4())
        funnet = self.finn(request.method, request.path)
        if not isinstance(funnet, tuple):
            return _ikke_rutet(request.path, funnet)
        rute, params = funnet
        try:
            _sett_grenser(request, rute)
            _sjekk_storrelse(request, rute)
            bruker: Any = None if rute.offentlig else self.autentiser(request)
            _sjekk_stiparametre(rute, params)
            return rute.handler(Foresporsel(request, params, bruker, korrelasjon_id))
        except Exception as e:  # noqa: BLE001 - the one place that turns every error into a problem (STYLE.md §6)
            if isinstance(e, RequestEntityTooLarge):  # werkzeug's form limits (_sett_grenser)
                e = ForStorForesporsel(rute.for_stor_tekst)
            status, body = problem_for(e, instance=request.path, overskrift=rute.overskrift)
            if status == 500:
                logg.exception("Uventet feil", extra=felt(rute=rute.operasjon_id, korrelasjon_id=korrelasjon_id))
            else:
                logg.info("Avvist", extra=felt(rute=rute.operasjon_id, status=status, korrelasjon_id=korrelasjon_id))
            return _problem_svar(status, body)


def _ikke_rutet(sti: str, tillatt: frozenset[str]) -> flask.Response:
    if not tillatt:
        return _problem_svar(404, problem(404, f"Fant ikke {_vist(sti)}", instance=sti))
    svar = _problem_svar(405, problem(405, "Metoden er ikke tillatt", instance=sti))
    svar.headers["Allow"] = ", ".join(sorted(tillatt))  # RFC 9110 §15.5.6
    return svar


HVA_FOR_SEGMENT = {"gjennomforing": "gjennomføring", "stengt": "stengt periode"}


def _sjekk_stiparametre(rute: Rute, params: Mapping[str, str]) -> None:
    """Every path id by its shape (ider.py): a malformed one names nothing, so 404 with the route's text."""
    for navn, verdi in params.items():
        monster = ider.FORM_FOR_PARAM.get(navn)
        if monster is None or ider.gyldig(monster, verdi):
            continue
        if navn == "orgnr":
            raise FinnesIkke(f"Fant ikke organisasjonsnummer {_vist(verdi)}")
        if navn == "kostnadssted":
            raise FinnesIkke(f"Fant ikke kostnadssted {_vist(verdi)}")
        segmenter = rute.sti.split("/")
        forrige = segmenter[segmenter.index("{" + navn + "}") - 1]
        raise FinnesIkke(f"Fant ikke {HVA_FOR_SEGMENT.get(forrige, forrige)} med id={_vist(verdi)}")


def _vist(verdi: str, maks: int = 64) -> str:
    return verdi if len(verdi) <= maks else verdi[:maks] + "…"


def svar_problem_for_avviste_stier() -> None:
    """functions-framework sends every path to the function, except one its router cannot match (a newline in a
    segment), which Flask answers with an HTML 404. An HTTP entry point calls this while functions-framework
    imports it (inside the app's context, no I/O), so that answer is problem+json too (issue 17 item 2)."""
    if flask.has_app_context():
        flask.current_app.register_error_handler(404, _ikke_funnet_hos_flask)


def _ikke_funnet_hos_flask(_feil: Exception) -> flask.Response:
    sti = flask.request.path if flask.has_request_context() else None
    return _problem_svar(404, problem(404, "Fant ikke stien", instance=sti))


MAKS_KROPP_BYTES = 32 * 1024 * 1024
"""Every body, as the platform's limit for an HTTP function request (32 MiB); a route may set a lower one."""
MAKS_SKJEMADELER = 1000
MAKS_TEKSTFELT_BYTES = 500 * 1024
"""A multipart body: at most this many parts, and text fields (not files) of at most this size together."""


def _sett_grenser(request: flask.Request, rute: Rute) -> None:
    """werkzeug's own limits, per request, so its parser refuses what is too big with a 413 (issue 17 item 5)."""
    request.max_content_length = rute.maks_bytes or MAKS_KROPP_BYTES
    request.max_form_parts = MAKS_SKJEMADELER
    request.max_form_memory_size = MAKS_TEKSTFELT_BYTES


def _sjekk_storrelse(request: flask.Request, rute: Rute) -> None:
    """Content-Length first, so an oversized body is refused before it is read (§8.4)."""
    maks = rute.maks_bytes or MAKS_KROPP_BYTES
    lengde = request.content_length
    if lengde is not None and lengde > maks:
        raise ForStorForesporsel(rute.for_stor_tekst)
    if lengde is None and request.method in ("POST", "PUT", "PATCH"):
        data = request.stream.read(maks + 1)
        if len(data) > maks:
            raise ForStorForesporsel(rute.for_stor_tekst)
        request._cached_data = data


def _problem_svar(status: int, body: dict[str, Any]) -> flask.Response:
    if status == 413:
        # A streamed body keeps functions-framework's after-request hook from reading the oversized request body
        # it was refused for (§8.4); the connection is closed instead.
        svar = flask.Response(iter([som_json(body)]), status=status, content_type=PROBLEM_JSON)
        svar.headers["Connection"] = "close"
        return svar
    return flask.Response(som_json(body), status=status, content_type=PROBLEM_JSON)


def json_bytes(verdi: Any) -> bytes:
    return pydantic_core.to_json(verdi, by_alias=True)


def json_svar(verdi: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> flask.Response:
    return flask.Response(
        json_bytes(verdi), status=status, content_type="application/json", headers=dict(headers or {})
    )


def fil_svar(data: bytes, innhold: str, filnavn: str) -> flask.Response:
    return flask.Response(
        data, status=200, content_type=innhold, headers={"Content-Disposition": f'attachment; filename="{filnavn}"'}
    )


def tomt_svar(status: int = 200) -> flask.Response:
    return flask.Response(b"", status=status)


__all__ = [
    "CamelForesporsel",
    "CamelModel",
    "Foresporsel",
    "Rute",
    "Ruter",
    "Tidspunkt",
    "ValidationError",
    "fil_svar",
    "json_svar",
]
