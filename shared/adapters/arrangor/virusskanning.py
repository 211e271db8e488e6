"""Malware scan (domene.md §8.4): `skann(bytes) → REN | INFISERT | FEILET`; anything but REN rejects the upload and
nothing is stored.

- `ClamavSkanner` (production): the ClamAV REST service as Nav runs it in its clusters (`clamav.nais-system`):
  `PUT {base}/scan` with the file as the body, answer a list with one result per file, `[{"Filename": ...,
  "Result": "OK" | "FOUND" | "ERROR"}]`. REN only when every result is OK; FOUND → INFISERT; ERROR, any other
  answer, a 4xx/5xx or a time-out (strict: a scan that takes long is a failed scan) → FEILET. No retry: the
  arrangør can upload again.
- `EicarSkanner` (the local stand-in, issue 17 item 7):
  - it finds the EICAR test string in the file as stored **and inside its compressed streams**: every `stream …
    endstream` is inflated (FlateDecode, the filter PDF writers use; at most `MAKS_INFLATERT` bytes each, so a zip
    bomb costs nothing), as a real scanner unpacks the PDF before it matches;
  - it flags a PDF with JavaScript (`/JavaScript` or `/JS` in the file or an inflated stream, e.g. an OpenAction or
    a names tree), as malware scanners flag active content in a PDF: such an attachment is refused.
  Other filters (LZW, ASCII85, encryption) are not decoded by the stand-in; ClamAV does that.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from shared.adapters.http_klient import Forsok, HttpFeil, kall
from shared.service.arrangor.ports import Skanning

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
JAVASCRIPT = re.compile(rb"/(?:JavaScript|JS)(?![A-Za-z0-9])")
STROM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
MAKS_INFLATERT = 20 * 1024 * 1024


def _inflaterte(data: bytes) -> Iterator[bytes]:
    for treff in STROM.finditer(data):
        d = zlib.decompressobj()
        try:
            yield d.decompress(treff.group(1), MAKS_INFLATERT)
        except zlib.error:
            continue  # not Flate (or damaged): only the raw bytes are scanned


class EicarSkanner:
    def skann(self, data: bytes) -> Skanning:
        for innhold in (data, *_inflaterte(data)):
            if EICAR in innhold or JAVASCRIPT.search(innhold):
                return Skanning.INFISERT
        return Skanning.REN


class ClamavSkanner:
    def __init__(self, base_url: str, timeout_s: float = 10.0) -> None:
        self.url = base_url.rstrip("/") + "/scan"
        self.forsok = Forsok(antall=1, timeout_s=timeout_s)

    def skann(self, data: bytes) -> Skanning:
        try:
            svar = kall("PUT", self.url, data=data, headers={"Content-Type": "application/octet-stream"},
                        forsok=self.forsok)  # fmt: skip
        except HttpFeil:
            return Skanning.FEILET
        if svar.status != 200 or not isinstance(svar.data, list) or not svar.data:
            return Skanning.FEILET
        resultater = {str(r.get("Result", "")).upper() if isinstance(r, dict) else "" for r in svar.data}
        if "FOUND" in resultater:
            return Skanning.INFISERT
        return Skanning.REN if resultater == {"OK"} else Skanning.FEILET
