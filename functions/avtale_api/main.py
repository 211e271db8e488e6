"""HTTPS function of the tiltaksavtale (avtale.md §8): the route table in shared/edge/tiltaksavtale/api.py."""

import flask
import functions_framework

from shared.edge.tiltaksavtale.api import RUTER


@functions_framework.http
def avtale_api(request: flask.Request) -> flask.Response:
    return RUTER(request)
