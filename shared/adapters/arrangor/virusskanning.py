"""Malware scan (domene.md §8.4): `skann(bytes) → REN | INFISERT | FEILET`. Production wires a scanning service
behind the same port; locally `EicarSkanner` finds the EICAR test string anywhere in the file."""

from __future__ import annotations

from shared.service.arrangor.ports import Skanning

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class EicarSkanner:
    def skann(self, data: bytes) -> Skanning:
        return Skanning.INFISERT if EICAR in data else Skanning.REN
