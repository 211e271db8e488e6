"""The earlier calculations of a GENERERT claim and why each was replaced (issue 18 part 2; domene.md §7.2).

When a recalculation replaces a claim's beregning or blokkeringer, the version it replaces is kept with the time
and the reasons. The reasons are read from what differs between the two stored inputs and blokkeringer, so they are
exact whatever set off the recalculation: a participant change, stengt, satser, the gjennomføring's period or
model, a tilsagn (TAO input, or the MANGLER_TILSAGN blokkering) or a forslag (the UBEHANDLET_FORSLAG blokkering).
Bounded: the last `MAKS_VERSJONER`, and no more than `MAKS_BYTES` of compressed beregning together.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from shared.domain.beregning import Beregning, BeregningInput, beregn, les_beregning_input
from shared.domain.forklaring.diff import Beregningsdiff, diff
from shared.domain.utbetaling.utbetaling import Blokkering, Utbetaling

MAKS_VERSJONER: Final = 3
MAKS_BYTES: Final = 600 * 1024
"""The kept versions live in one document (< 1 MiB) beside the claim."""


class Arsak(StrEnum):
    DELTAKER = "DELTAKER"
    """A participant was added, removed, or changed status, dates or deltakelsesmengder."""
    STENGT = "STENGT"
    SATS = "SATS"
    GJENNOMFORING = "GJENNOMFORING"
    """The period or the pricing model."""
    TILSAGN = "TILSAGN"
    FORSLAG = "FORSLAG"


@dataclass(frozen=True, slots=True)
class Beregningsversjon:
    erstattet: datetime
    """When the recalculation replaced it."""
    belop: int
    blokkeringer: tuple[Blokkering, ...]
    arsaker: tuple[Arsak, ...]
    """Why it was replaced."""
    beregning_gz: bytes


def les_input(beregning_gz: bytes) -> BeregningInput:
    """Line 1 of a stored beregning (docs/datamodell.md), parsed."""
    return les_beregning_input(gzip.decompress(beregning_gz).partition(b"\n")[0])


def les_beregning(beregning_gz: bytes) -> Beregning:
    """The engine on the stored input."""
    return beregn(les_input(beregning_gz))


def arsaker(
    for_: BeregningInput, etter: BeregningInput, blokk_for: tuple[Blokkering, ...], blokk_etter: tuple[Blokkering, ...]
) -> tuple[Arsak, ...]:
    endret = set(blokk_for) ^ set(blokk_etter)
    kandidater = [
        (Arsak.DELTAKER, for_.deltakelser != etter.deltakelser),
        (Arsak.STENGT, for_.stengt != etter.stengt),
        (Arsak.SATS, for_.satser != etter.satser),
        (Arsak.GJENNOMFORING, (for_.periode, for_.prismodell) != (etter.periode, etter.prismodell)),
        (Arsak.TILSAGN, for_.tilsagn != etter.tilsagn or Blokkering.MANGLER_TILSAGN in endret),
        (Arsak.FORSLAG, Blokkering.UBEHANDLET_FORSLAG in endret),
    ]
    return tuple(a for a, ja in kandidater if ja)


def bevar(
    versjoner: tuple[Beregningsversjon, ...], forrige: Utbetaling, ny: Utbetaling, tidspunkt: datetime
) -> tuple[Beregningsversjon, ...]:
    """The kept versions after `ny` replaced `forrige`, oldest first, bounded."""
    if forrige.beregning_gz is None or ny.beregning_gz is None:
        return versjoner
    grunner = arsaker(les_input(forrige.beregning_gz), les_input(ny.beregning_gz),
                      forrige.blokkeringer, ny.blokkeringer)  # fmt: skip
    versjon = Beregningsversjon(tidspunkt, forrige.belop, forrige.blokkeringer, grunner, forrige.beregning_gz)
    ut = [*versjoner, versjon][-MAKS_VERSJONER:]
    while len(ut) > 1 and sum(len(v.beregning_gz) for v in ut) > MAKS_BYTES:
        ut.pop(0)
    return tuple(ut)


@dataclass(frozen=True, slots=True)
class Endring:
    """One recalculation: when, why, and the diff from the version before to the one after."""

    tidspunkt: datetime
    arsaker: tuple[Arsak, ...]
    diff: Beregningsdiff


def forklar(u: Utbetaling, versjoner: tuple[Beregningsversjon, ...]) -> tuple[Endring, ...]:
    """Every kept change of the claim, newest first."""
    if u.beregning_gz is None or not versjoner:
        return ()
    beregninger = [les_beregning(v.beregning_gz) for v in versjoner] + [les_beregning(u.beregning_gz)]
    endringer = [
        Endring(v.erstattet, v.arsaker, diff(beregninger[i], beregninger[i + 1])) for i, v in enumerate(versjoner)
    ]
    return tuple(reversed(endringer))
