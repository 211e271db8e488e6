"""The Cloud Scheduler jobs, defined once (domene.md §7.1, §10.1, §12.3).

Cloud Scheduler has no emulator. Locally `utbetaling planlegger kjor <jobb>` publishes exactly the message a
job sends; in the cloud Terraform creates the jobs, and a consistency test checks infra/ against this table. A
Scheduler job with a Pub/Sub target publishes its body as the message data, with no attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from shared import topics

TIDSSONE: Final = "Europe/Oslo"


@dataclass(frozen=True)
class PlanlagtJobb:
    navn: str
    cron: str
    """Unix cron in `tidssone`."""
    topic: str
    body: str
    """The message data, JSON text."""
    beskrivelse: str
    tidssone: str = TIDSSONE


JOBBER: Final[tuple[PlanlagtJobb, ...]] = (
    PlanlagtJobb(
        "generering-start",
        "0 5 7 * *",
        topics.GENERERING_START,
        "{}",
        "Den 7. hver måned kl. 05: lag utbetalinger for forrige måned",
    ),
    PlanlagtJobb(
        "utsending-tikk",
        "*/5 * * * *",
        topics.UTSENDING_TIKK,
        "{}",
        "Hvert 5. minutt: send utsendinger som venter (outbox)",
    ),
    PlanlagtJobb(
        "tao-daglig",
        "0 6 * * *",
        topics.TAO_DAGLIG,
        "{}",
        "Daglig kl. 06: prøv kontonummer og betaling på nytt for TAO",
    ),
    PlanlagtJobb(
        "varsling-tikk",
        "*/5 * * * *",
        topics.VARSLING_TIKK,
        "{}",
        "Hvert 5. minutt: send varsler som venter",
    ),
    PlanlagtJobb(
        "varsling-daglig",
        "0 7 * * *",
        topics.VARSLING_DAGLIG,
        "{}",
        "Daglig kl. 07: varsle Nav om utbetalinger som har ventet lenge på attestering",
    ),
    PlanlagtJobb(
        "avstemming-daglig",
        "30 6 * * *",
        topics.AVSTEMMING_DAGLIG,
        "{}",
        "Daglig kl. 06.30: avstem gårsdagen og send grensesnittavstemming",
    ),
    PlanlagtJobb(
        "avtale-daglig",
        "30 6 * * *",
        topics.AVTALE_DAGLIG,
        "{}",
        "Daglig kl. 06:30: status, utløp og oppfølging av tiltaksavtaler",
    ),
    PlanlagtJobb(
        "avtale-utsending-tikk",
        "*/5 * * * *",
        topics.AVTALE_UTSENDING_TIKK,
        "{}",
        "Hvert 5. minutt: send tiltaksavtalens varsler og meldinger som venter (outbox)",
    ),
)


class UkjentJobb(KeyError):
    pass


def jobb(navn: str) -> PlanlagtJobb:
    for j in JOBBER:
        if j.navn == navn:
            return j
    raise UkjentJobb(navn)
