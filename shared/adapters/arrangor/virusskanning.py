"""Malware scan (domene.md §8.4): `skann(bytes) → REN | INFISERT | FEILET`. Production wires a scanning service
behind the same port; locally `EicarSkanner` stands in for it (issue 17 item 7):

- it finds the EICAR test string in the file as stored **and inside its compressed streams**: every `stream …
  endstream` is inflated (FlateDecode, the filter PDF writers use; at most `MAKS_INFLATERT` bytes each, so a zip
  bomb costs nothing), as a real scanner unpacks the PDF before it matches;
- it flags a PDF with JavaScript (`/JavaScript` or `/JS` in the file or an inflated stream, e.g. an OpenAction or a
  names tree), as malware scanners flag active content in a PDF: such an attachment is refused.

Other filters (LZW, ASCII85, encryption) are not decoded by the stand-in; the production scanner does that.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

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
