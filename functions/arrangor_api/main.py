"""HTTPS function for the arrangør front end (domene.md §8): the route table in shared/edge/arrangor/api.py."""

import flask
import functions_framework

from shared.edge.arrangor.api import RUTER
from shared.edge.http.ruting import svar_problem_for_avviste_stier

svar_problem_for_avviste_stier()  # registers a Flask error handler; no I/O


@functions_framework.http
def arrangor_api(request: flask.Request) -> flask.Response:
    return RUTER(request)
