import functions_framework
from flask import Request

from shared.config import settings


@functions_framework.http
def harness_http(request: Request) -> dict[str, str]:
    return {"path": request.path, "prosjekt": settings().gcp_project, "modul": __name__}
