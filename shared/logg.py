"""Structured JSON logs on stdout (STYLE.md §4, domene.md §11): one JSON object per line with `severity`,
`message` and ids. Never log a fødselsnummer, a name, a KID, an account number or file contents: pass ids
only.

Cloud Logging reads `severity` and `message` from such lines; locally they are just as readable with `jq`.
"""

from __future__ import annotations

import json
import logging
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


def konfigurer() -> None:
    """Install the JSON handler on the root logger once (called by bootstrap, never at import)."""
    global _KONFIGURERT
    if _KONFIGURERT:
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormat())
    rot = logging.getLogger()
    rot.addHandler(handler)
    if rot.level > logging.INFO or rot.level == logging.NOTSET:
        rot.setLevel(logging.INFO)
    _KONFIGURERT = True


def felt(**ider: object) -> dict[str, Any]:
    """`extra=` for a log call: `logg.info("...", extra=felt(gjennomforing_id=...))`."""
    return {"felt": ider}
