"""PDF by content (domene.md §8.4): a PDF library must open the file; the declared content type is not trusted."""

from __future__ import annotations

import io
import logging

import pypdf

logging.getLogger("pypdf").setLevel(logging.ERROR)


class PypdfKontroll:
    def kan_apnes(self, data: bytes) -> bool:
        try:
            leser = pypdf.PdfReader(io.BytesIO(data), strict=False)
            return len(leser.pages) > 0
        except Exception:  # noqa: BLE001 - hostile input may raise anything inside the parser; it is "not a PDF"
            return False
