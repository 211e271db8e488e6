"""HTTPS function for Nav's caseworkers (domene.md §9.1): the route table in shared/edge/nav/api.py."""

import flask
import functions_framework

from shared.edge.http.ruting import svar_problem_for_avviste_stier
from shared.edge.nav.api import RUTER

svar_problem_for_avviste_stier()  # registers a Flask error handler; no I/O


@functions_framework.http
def nav_api(request: flask.Request) -> flask.Response:
    return RUTER(request)
