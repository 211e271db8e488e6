"""One JSON POST with the notice adapters' error policy: a time-out, a connection error or a 5xx is retried a few
times with backoff and then reported as transient; a 4xx is permanent, except the statuses the caller names as
success (Altinn answers a repeated idempotencyId with 200, Oppgave a duplicate with 409)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection
from typing import Any

from shared.service.varsling.ports import VarselFeil

FORSOK = 3
TIMEOUT_S = 10.0


def post_json(
    url: str, body: dict[str, Any], headers: dict[str, str], *, ok: Collection[int] = (200, 201),
    forsok: int = FORSOK, timeout_s: float = TIMEOUT_S, sov: Callable[[float], None] = time.sleep,
) -> tuple[int, Any]:  # fmt: skip
    """(status, parsed body or None). Raises `VarselFeil` (permanent for a 4xx not in `ok`)."""
    data = json.dumps(body, ensure_ascii=False).encode()
    vert = urllib.parse.urlsplit(url).netloc
    siste = ""
    for i in range(forsok):
        if i:
            sov(0.5 * 2 ** (i - 1))
        req = urllib.request.Request(url, data=data, method="POST",  # noqa: S310 - configured URL
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              **headers})  # fmt: skip
        try:
            with urllib.request.urlopen(req, timeout=timeout_s) as svar:  # noqa: S310
                return svar.status, _les(svar.read())
        except urllib.error.HTTPError as e:
            if e.code in ok:
                return e.code, _les(e.read())
            if e.code < 500 and e.code != 429:
                raise VarselFeil(f"{vert} svarte {e.code}", permanent=True) from e
            siste = f"{vert} svarte {e.code}"
        except (urllib.error.URLError, OSError) as e:
            siste = f"kall til {vert} feilet: {type(e).__name__}"
    raise VarselFeil(siste, permanent=False)


def _les(raa: bytes) -> Any:
    try:
        return json.loads(raa) if raa else None
    except ValueError:
        return None
