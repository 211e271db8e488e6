"""Malware scan (domene.md §8.4): `skann(bytes) → REN | INFISERT | FEILET`; anything but REN rejects the upload and
nothing is stored.

- `ClamavSkanner`: the ClamAV REST service as Nav runs it in its clusters (`clamav.nais-system`): `PUT {base}/scan`
  with the file as the body, answer a list with one result per file, `[{"Filename": ..., "Result": "OK" | "FOUND" |
  "ERROR"}]`. REN only when every result is OK; FOUND → INFISERT; ERROR, any other answer, a 4xx/5xx or a time-out
  (strict: a scan that takes long is a failed scan) → FEILET. No retry: the arrangør can upload again.
- `EicarSkanner`: the local stand-in, which finds the EICAR test string anywhere in the file's raw bytes. It does
  not inflate compressed PDF streams; ClamAV does (it unpacks PDF streams and archives before matching).
"""

from __future__ import annotations

from shared.adapters.http_klient import Forsok, HttpFeil, kall
from shared.service.arrangor.ports import Skanning

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class EicarSkanner:
    def skann(self, data: bytes) -> Skanning:
        return Skanning.INFISERT if EICAR in data else Skanning.REN


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
