"""Structured JSON logs on stdout (STYLE.md §4, domene.md §11): one JSON object per line with `severity`,
`message` and ids. Never log a fødselsnummer, a name, a KID, an account number or file contents: pass ids
only.

Cloud Logging reads `severity` and `message` from such lines; locally they are just as readable with `jq`.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

_KONFIGURERT = False


class JsonFormat(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rad: dict[str, Any] = {
            "severity": record.levelname if record.levelname != "WARNING" else "WARNING",
            "message": record.getMessage(),
            "logger": record.name,
        }
        felt = getattr(record, "felt", None)
        if isinstance(felt, dict):
            rad.update(felt)
        if record.exc_info:
            rad["stack_trace"] = self.formatException(record.exc_info)
        return json.dumps(rad, ensure_ascii=False, default=str)


class EnLinjePerSkriving(logging.StreamHandler):  # type: ignore[type-arg]
    """Each record in one write of its whole line, so processes sharing a log file (the local functions host and
    its workers) never interleave inside a line, also when a stack trace is longer than the stream's buffer."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            linje = (self.format(record) + "\n").encode()
            self.flush()
            os.write(self.stream.fileno(), linje)
        except (OSError, ValueError):  # no real file descriptor (e.g. captured by pytest): the ordinary way
            super().emit(record)


def konfigurer() -> None:
    """Install the JSON handler on the root logger once (called by bootstrap, never at import)."""
    global _KONFIGURERT
    if _KONFIGURERT:
        return
    handler = EnLinjePerSkriving(sys.stdout)
    handler.setFormatter(JsonFormat())
    rot = logging.getLogger()
    rot.addHandler(handler)
    if rot.level > logging.INFO or rot.level == logging.NOTSET:
        rot.setLevel(logging.INFO)
    _KONFIGURERT = True


def felt(**ider: object) -> dict[str, Any]:
    """`extra=` for a log call: `logg.info("...", extra=felt(gjennomforing_id=...))`."""
    return {"felt": ider}
