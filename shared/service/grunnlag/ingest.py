"""Ingest of Nav's data from the inbound topics (domene.md §3.4): validate, upsert one document, mark claims.

- A message that does not parse or validate (missing required field, bad value) writes nothing: it is
published to
  the topic's dead-letter topic by us, and acked (the function returns normally), so it never loops.
- `versjon` ≤ the stored versjon changes nothing; `slettet: true` leaves a tombstone with its versjon. The
compare
  and the write are one Firestore transaction, so concurrent and out-of-order deliveries converge.
- A deltaker or forslag whose parent is unknown is stored anyway and used once the parent arrives.
- A change that can affect a claim marks the gjennomføring(er) for recalculation (§7.2).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from pydantic import ValidationError

from shared import topics
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.forslag import ForslagMelding
from shared.domain.grunnlag.gjennomforing import GjennomforingMelding
from shared.domain.grunnlag.melding import Gravstein, InngaendeMelding
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.logg import felt
from shared.service.grunnlag.endringer import registrer_endring
from shared.service.ports import IngestRepo, Klokke, OmberegningRepo, Publisher

logg = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Skjema:
    samling: str
    modell: type[InngaendeMelding]


SKJEMAER: dict[str, Skjema] = {
    topics.ARRANGOR: Skjema("arrangorer", Arrangor),
    topics.AVTALE: Skjema("avtaler", Avtale),
    topics.GJENNOMFORING: Skjema("gjennomforinger", GjennomforingMelding),
    topics.DELTAKER: Skjema("deltakelser", Deltakelse),
    topics.FORSLAG: Skjema("forslag", ForslagMelding),
}
"""Topic → Firestore collection and message model."""


class IngestUtfall(StrEnum):
    LAGRET = "LAGRET"
    """Written (upsert or tombstone)."""
    UTDATERT = "UTDATERT"
    """versjon ≤ stored: nothing changed."""
    AVVIST = "AVVIST"
    """Invalid: dead-lettered, nothing written."""


def tolk(topic: str, data: bytes) -> InngaendeMelding:
    """Parse and validate one message; raises `ValidationError` (or ValueError) when invalid."""
    skjema = SKJEMAER[topic]
    konvolutt = InngaendeMelding.model_validate_json(data)
    if konvolutt.slettet:
        return Gravstein(id=konvolutt.id, versjon=konvolutt.versjon, slettet=True)
    return skjema.modell.model_validate_json(data)


def ta_imot(
    topic: str,
    data: bytes,
    *,
    repo: IngestRepo,
    omberegning: OmberegningRepo,
    publisher: Publisher,
    klokke: Klokke,
    forsinkelse_s: float,
) -> IngestUtfall:
    """Handle one message of an inbound topic."""
    try:
        melding = tolk(topic, data)
    except (ValidationError, ValueError) as e:
        antall = len(e.errors()) if isinstance(e, ValidationError) else 1
        publisher.publiser(topics.dlq(topic), data)
        logg.warning("Ugyldig melding sendt til dead-letter", extra=felt(topic=topic, antall_feil=antall))
        return IngestUtfall.AVVIST
    lagret = repo.lagre_hvis_nyere(SKJEMAER[topic].samling, melding)
    if not lagret.endret:
        return IngestUtfall.UTDATERT
    registrer_endring(lagret.berorte_gjennomforinger, repo=omberegning, klokke=klokke, forsinkelse_s=forsinkelse_s)
    return IngestUtfall.LAGRET
