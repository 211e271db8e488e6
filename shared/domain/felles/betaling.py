"""Payment details: KID (domene.md §6.9), kontonummer (§6.1) and the earliest payment date (§6.8)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import TILTAKSTYPER, Tiltakskode
from shared.domain.felles.periode import Periode

_KID = re.compile(r"[0-9]{3,25}")
_KONTONUMMER = re.compile(r"[0-9]{11}")

UTBETALES_TIDLIGST_DAGER = timedelta(days=37)
"""For the codes marked "+37 days" in §3.2 payment waits until the period's last inclusive day + 37 days."""


def mod10_kontrollsiffer(sifre: str) -> int:
    """Luhn: weights 2,1,2,1,… from the right; a product ≥ 10 adds 1 + (p mod 10); 10 − (sum mod 10),
    10 → 0."""
    total = 0
    for i, siffer in enumerate(reversed(sifre)):
        produkt = int(siffer) * (2 if i % 2 == 0 else 1)
        total += 1 + produkt % 10 if produkt >= 10 else produkt
    return (10 - total % 10) % 10


def mod11_kontrollsiffer(sifre: str) -> int | None:
    """Weights 2..7 repeating from the right; 11 − (sum mod 11), 11 → 0; None when the result is 10 (no
    digit)."""
    total = sum(int(siffer) * (2 + i % 6) for i, siffer in enumerate(reversed(sifre)))
    kontroll = 11 - total % 11
    if kontroll == 11:
        return 0
    return None if kontroll == 10 else kontroll


def er_gyldig_kid(kid: str) -> bool:
    """3–25 digits whose last digit is a valid MOD10 or MOD11 check digit."""
    if not _KID.fullmatch(kid):
        return False
    sifre, kontroll = kid[:-1], int(kid[-1])
    return mod10_kontrollsiffer(sifre) == kontroll or mod11_kontrollsiffer(sifre) == kontroll


def normaliser_kid(verdi: str | None, pointer: str = "/kid") -> str | None:
    """None for no KID (null, empty or blank); the KID if valid; else `Valideringsfeil` "Ugyldig kid"."""
    if verdi is None or not verdi.strip():
        return None
    if not er_gyldig_kid(verdi):
        raise Valideringsfeil.for_felt(pointer, "Ugyldig kid")
    return verdi


def er_gyldig_kontonummer(kontonummer: str) -> bool:
    """Exactly 11 digits; there is deliberately no checksum (§6.1)."""
    return _KONTONUMMER.fullmatch(kontonummer) is not None


def utbetales_tidligst(tiltakskode: Tiltakskode, periode: Periode) -> date | None:
    """Last inclusive day + 37 days for AVKLARING, OPPFOLGING, ARR and DIGITALT_OPPFOLGINGSTILTAK; else None.

    The instant is 00:00 Europe/Oslo on that date; the domain keeps the date. For hele-uke claims `periode` is
    the snapped one."""
    if not TILTAKSTYPER[tiltakskode].tidligst_37_dager:
        return None
    return periode.siste_dag + UTBETALES_TIDLIGST_DAGER
