"""The scheduled monthly run, first half (domene.md §7.1): decide the month, list the candidates, and fan out
one
`generer-utbetaling` message `{gjennomforing_ider, periode}` per batch of at most 50, so no invocation nears
the
540 s limit of event functions. The workers (`generer_utbetaling`) do the rest."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from shared import topics
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.generering.regler import forrige_maned, lopper_i_maned, maned_periode
from shared.logg import felt
from shared.service.ports import GenereringRepo, Publisher

logg = logging.getLogger(__name__)

MAKS_BATCH = 50

Maned = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class GenereringStart(BaseModel):
    """The scheduler's message: `{}` (the month before the publish time, Europe/Oslo) or `{"periode":
    "YYYY-MM"}`."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    periode: Maned | None = None


class GenererUtbetaling(BaseModel):
    """One worker message."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    gjennomforing_ider: tuple[str, ...]
    periode: Maned


def maned_fra_melding(data: bytes, publisert: datetime) -> str:
    """The month of a `generering-start` message; raises `Valideringsfeil` on a malformed message."""
    try:
        melding = GenereringStart.model_validate_json(data if data.strip() else b"{}")
    except ValueError as e:
        raise Valideringsfeil.for_felt("/periode", "må være på formen ÅÅÅÅ-MM") from e
    return melding.periode or forrige_maned(publisert)


def kandidater(maned: str, repo: GenereringRepo) -> list[str]:
    """§7.1 step 1 from the candidate index (the worker checks the gjennomføring itself again, and does the skip
    rule and the rest, per gjennomføring)."""
    mnd = maned_periode(maned)
    return sorted(
        k.gjennomforing_id for k in repo.list_kandidatperioder() if lopper_i_maned(k.start_dato, k.slutt_dato, mnd)
    )


def batcher(ider: Sequence[str], storrelse: int = MAKS_BATCH) -> Iterator[tuple[str, ...]]:
    storrelse = max(1, min(storrelse, MAKS_BATCH))
    for i in range(0, len(ider), storrelse):
        yield tuple(ider[i : i + storrelse])


def opprett_utbetalinger(maned: str, *, repo: GenereringRepo, publisher: Publisher, batch: int = MAKS_BATCH) -> int:
    """List the candidates of the month and publish the worker messages; returns the number of candidates."""
    ider = kandidater(maned, repo)
    meldinger = 0
    for gruppe in batcher(ider, batch):
        melding = GenererUtbetaling(gjennomforing_ider=gruppe, periode=maned)
        publisher.publiser(topics.GENERER_UTBETALING, melding.model_dump_json().encode())
        meldinger += 1
    logg.info("Generering startet", extra=felt(periode=maned, kandidater=len(ider), meldinger=meldinger))
    return len(ider)


def les_generer_melding(data: bytes) -> GenererUtbetaling:
    try:
        return GenererUtbetaling.model_validate_json(data)
    except ValueError as e:
        raise Valideringsfeil.for_felt("/", "ugyldig generer-utbetaling-melding") from e
