"""HTTPS function for the arrangør front end (domene.md §8): the route table in shared/edge/arrangor/api.py."""

import flask
import functions_framework

from shared.config import krev_gyldig
from shared.edge.arrangor.api import RUTER
from shared.edge.http.ruting import svar_problem_for_avviste_stier

# At load, so a process with a dev setting outside the emulators, or a production setting missing, never starts
# (issue 17 item 6). Both read only the environment and register an error handler: no I/O.
krev_gyldig("arrangor")
svar_problem_for_avviste_stier()


@functions_framework.http
def arrangor_api(request: flask.Request) -> flask.Response:
    return RUTER(request)
