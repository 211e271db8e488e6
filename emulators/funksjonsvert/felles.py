"""What every part of the functions host shares: log lines, the error answer, WSGI helpers, delivery slots."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def logg(severity: str, message: str, **felt: Any) -> None:
    """One structured line (Cloud Logging's JSON fields), with the time it was written: the host and its worker
    processes write to the same log, and a delivery's `ms` alone does not say when it ran."""
    tid = datetime.now(UTC).isoformat(timespec="milliseconds")
    linje = json.dumps({"severity": severity, "message": message, "time": tid, **felt}, default=str) + "\n"
    # One write per line: the host and its worker processes share the log file, and print() writes the text and
    # the newline separately, which interleaved their lines (issue 17 item 7).
    sys.stdout.flush()
    os.write(sys.stdout.fileno(), linje.encode())


class Svar(Exception):
    def __init__(self, status: str, tekst: str) -> None:
        super().__init__(tekst)
        self.status, self.tekst = status, tekst


def les_kropp(env: dict[str, Any]) -> bytes:
    lengde = int(env.get("CONTENT_LENGTH") or 0)
    data: bytes = env["wsgi.input"].read(lengde) if lengde else env["wsgi.input"].read()
    return data


def cloudevent_env(env: dict[str, Any], headers: dict[str, str], kropp: bytes, innhold: str) -> dict[str, Any]:
    ny = {k: v for k, v in env.items() if not k.startswith("HTTP_CE_")}
    for navn, verdi in headers.items():
        ny["HTTP_" + navn.upper().replace("-", "_")] = verdi
    ny.update(
        PATH_INFO="/",
        SCRIPT_NAME="",
        QUERY_STRING="",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=innhold,
        CONTENT_LENGTH=str(len(kropp)),
    )
    ny["wsgi.input"] = io.BytesIO(kropp)
    return ny


def svar(sr: Callable[..., Any], status: str, tekst: str, innhold: str = "text/plain") -> Iterable[bytes]:
    data = tekst.encode()
    sr(status, [("Content-Type", innhold), ("Content-Length", str(len(data)))])
    return [data]


class Plasser:
    """Bounded slots per (project, function), as max instances apply to one project's deployment: a function
    busy in one test project must not hold up another project's deliveries (None = unbounded)."""

    def __init__(self, samtidighet: Callable[[str], int], ko_frist_s: float) -> None:
        self._samtidighet = samtidighet
        self.ko_frist_s = ko_frist_s
        self._plasser: dict[tuple[str, str], threading.BoundedSemaphore | None] = {}
        self._las = threading.Lock()

    def _for(self, prosjekt: str, fn: str) -> threading.BoundedSemaphore | None:
        with self._las:
            if (prosjekt, fn) not in self._plasser:
                n = self._samtidighet(fn)
                self._plasser[(prosjekt, fn)] = threading.BoundedSemaphore(n) if n > 0 else None
            return self._plasser[(prosjekt, fn)]

    def antall(self, fn: str) -> int:
        """The function's slots (0 = unbounded)."""
        return self._samtidighet(fn)

    def ta(self, prosjekt: str, fn: str, vent: bool) -> threading.BoundedSemaphore | None:
        """Take a slot; raises `_Svar` 429 when a bounded wait runs out."""
        plass = self._for(prosjekt, fn)
        if plass is not None and not plass.acquire(timeout=None if vent else self.ko_frist_s):
            raise Svar("429 Too Many Requests", f"{fn}: ingen ledig plass")
        return plass
