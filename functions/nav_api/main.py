"""HTTPS function for Nav's caseworkers (domene.md §9.1): the route table in shared/edge/nav/api.py."""

import flask
import functions_framework

from shared.config import krev_gyldig
from shared.edge.http.ruting import svar_problem_for_avviste_stier
from shared.edge.nav.api import RUTER

# At load, so a process with a dev setting outside the emulators, or a production setting missing, never starts
# (issue 17 item 6). Both read only the environment and register an error handler: no I/O.
krev_gyldig("nav")
svar_problem_for_avviste_stier()


@functions_framework.http
def nav_api(request: flask.Request) -> flask.Response:
    return RUTER(request)
