"""The tiltaksavtale outbox sender (avtale.md §7, §9.3): `send_avtale_utsendinger` on the 5-minute tick and
`send_en` on a new record deliver through `Varsling` or Pub/Sub and mark the record sent.

Sent once: a record is marked only after its delivery, and a delivery that is repeated (a crash before the mark, the
tick and the nudge racing) carries the same `ekstern_id`, on which the `Varsling` port is idempotent and which every
Pub/Sub message carries as the attribute `eksternId` for its receiver to drop duplicates by. Messages of one ordering
key are sent in order; after a failure the later ones of that key wait for the next run."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from shared.domain.tiltaksavtale.hendelser import Kanal, Utsending
from shared.service.tiltaksavtale.ports import AvtalePublisher, AvtaleUtsendinger, Klokke, PortFeil, Varsling

log = logging.getLogger(__name__)
MAKS_PER_RUNDE = 500


@dataclass
class Utsendingsresultat:
    sendt: list[str] = field(default_factory=list)
    feilet: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Utsender:
    utsendinger: AvtaleUtsendinger
    varsling: Varsling
    publisher: AvtalePublisher
    klokke: Klokke


def _lever(avh: Utsender, u: Utsending) -> None:
    if u.kanal == Kanal.PUBSUB:
        assert u.topic is not None, "a PUBSUB record names its topic"
        attributter = {"eksternId": u.ekstern_id}
        avh.publisher.publiser(u.topic, u.innhold.encode(), u.ordering_key or u.avtale_id, attributter)
    else:
        avh.varsling.send(u)


def _send(avh: Utsender, poster: list[Utsending]) -> Utsendingsresultat:
    resultat = Utsendingsresultat()
    stoppet: set[str] = set()
    for u in poster:
        nokkel = u.ordering_key or ""
        if u.kanal == Kanal.PUBSUB and nokkel in stoppet:
            continue
        try:
            _lever(avh, u)
        except PortFeil:
            log.warning("utsending feilet", extra={"ekstern_id": u.ekstern_id, "avtale_id": u.avtale_id})
            avh.utsendinger.marker_feilet(u.ekstern_id)
            resultat.feilet.append(u.ekstern_id)
            stoppet.add(nokkel)
            continue
        avh.utsendinger.marker_sendt(u.ekstern_id, avh.klokke.na())
        resultat.sendt.append(u.ekstern_id)
    return resultat


def send_avtale_utsendinger(avh: Utsender, maks: int = MAKS_PER_RUNDE) -> Utsendingsresultat:
    """The tick: every due record, oldest first."""
    return _send(avh, avh.utsendinger.forfalte(avh.klokke.na(), maks))


def send_en(avh: Utsender, ekstern_id: str) -> Utsendingsresultat:
    """The nudge on a new record: that one, if it is still unsent and due."""
    u = avh.utsendinger.hent_usendt(ekstern_id)
    if u is None or u.send_tidligst > avh.klokke.na():
        return Utsendingsresultat()
    return _send(avh, [u])
