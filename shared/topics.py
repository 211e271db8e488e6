"""Every Pub/Sub topic the system publishes to or listens on (domene.md §3.4, §7.1, §10.1).

The local stack creates exactly these (plus `{topic}-dlq` for each subscribed one), and the Terraform consistency
test checks that `infra/` declares them. Names are the production names; the project id decides where they live.
"""

from __future__ import annotations

from typing import Final

ARRANGOR: Final = "arrangor-v1"
AVTALE: Final = "avtale-v1"
GJENNOMFORING: Final = "gjennomforing-v1"
DELTAKER: Final = "deltaker-v1"
FORSLAG: Final = "forslag-v1"
OKONOMI_INN: Final = "okonomi-inn"
GENERERING_START: Final = "generering-start"
GENERER_UTBETALING: Final = "generer-utbetaling"
UTSENDING_TIKK: Final = "utsending-tikk"
TAO_DAGLIG: Final = "tao-daglig"
VARSLING_TIKK: Final = "varsling-tikk"
VARSLING_DAGLIG: Final = "varsling-daglig"
OKONOMI_UT: Final = "okonomi-ut"
ARKIVERING_DLQ: Final = "arkivering-dlq"
"""Permanent archiving failures (the `arkiver` function is triggered by Firestore, so it has no topic of its own)."""
AVSTEMMING_DAGLIG: Final = "avstemming-daglig"
"""Scheduler tick of the daily reconciliation (issue 18)."""
GRENSESNITTAVSTEMMING: Final = "grensesnittavstemming"
"""Out: the daily grensesnittavstemming to the finance system (shared/domain/avstemming/grensesnitt.py)."""
AVTALE_HENDELSE: Final = "avtale-hendelse"
AVTALE_INNGATT: Final = "avtale-inngatt"
AVTALE_DAGLIG: Final = "avtale-daglig"
AVTALE_UTSENDING_TIKK: Final = "avtale-utsending-tikk"

INNGAENDE: Final[tuple[str, ...]] = (
    ARRANGOR,
    AVTALE,
    GJENNOMFORING,
    DELTAKER,
    FORSLAG,
    OKONOMI_INN,
    GENERERING_START,
    GENERER_UTBETALING,
    UTSENDING_TIKK,
    TAO_DAGLIG,
    VARSLING_TIKK,
    VARSLING_DAGLIG,
    AVSTEMMING_DAGLIG,
    AVTALE_DAGLIG,
    AVTALE_UTSENDING_TIKK,
)
"""Topics a function subscribes to; each has a dead-letter topic `{topic}-dlq` (max 5 deliveries)."""

UTGAENDE: Final[tuple[str, ...]] = (OKONOMI_UT, ARKIVERING_DLQ, GRENSESNITTAVSTEMMING, AVTALE_HENDELSE, AVTALE_INNGATT)


def dlq(topic: str) -> str:
    return f"{topic}-dlq"


ALLE: Final[tuple[str, ...]] = INNGAENDE + UTGAENDE + tuple(dlq(t) for t in INNGAENDE)
