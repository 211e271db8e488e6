"""Forslag (the arrangør's proposal to change a participation), from `forslag-v1`, and when a pending forslag
blocks
a claim (domene.md §6.5, the relevance table).

`gjennomforing_id` is not in the message: the ingest resolves it from the deltaker, and fills it in when a
deltaker
that arrives later is stored, so a forslag whose deltaker is unknown is kept and used once the deltaker
arrives.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.domain.grunnlag.melding import Id, InngaendeMelding


class ForslagStatus(StrEnum):
    VENTER_PA_SVAR = "VENTER_PA_SVAR"
    """Waiting for the Nav-veileder: the only status that can block a claim."""
    GODKJENT = "GODKJENT"
    AVVIST = "AVVIST"
    TILBAKEKALT = "TILBAKEKALT"
    ERSTATTET = "ERSTATTET"


class EndringType(StrEnum):
    AVSLUTT_DELTAKELSE = "AVSLUTT_DELTAKELSE"
    ENDRE_AVSLUTNING = "ENDRE_AVSLUTNING"
    DELTAKELSESMENGDE = "DELTAKELSESMENGDE"
    FORLENG_DELTAKELSE = "FORLENG_DELTAKELSE"
    SLUTTDATO = "SLUTTDATO"
    STARTDATO = "STARTDATO"
    SLUTTARSAK = "SLUTTARSAK"
    IKKE_AKTUELL = "IKKE_AKTUELL"
    FJERN_OPPSTARTSDATO = "FJERN_OPPSTARTSDATO"


class ForslagEndring(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    type: EndringType
    sluttdato: date | None = None
    startdato: date | None = None
    gyldig_fra: date | None = None
    har_deltatt: bool | None = None


class ForslagMelding(InngaendeMelding):
    deltaker_id: Id
    status: ForslagStatus
    endring: ForslagEndring


class Forslag(ForslagMelding):
    gjennomforing_id: Id | None = None


def _sluttdato_relevant(d: date | None, p: tuple[date, date], c: tuple[date, date]) -> bool:
    if d is None:
        return False
    siste = p[1] - timedelta(days=1)
    return d < siste or (d > siste and p[1] < c[1])


def _relevant_endring(e: ForslagEndring, p: tuple[date, date], c: tuple[date, date]) -> bool:
    t = EndringType
    match e.type:
        case t.AVSLUTT_DELTAKELSE | t.ENDRE_AVSLUTNING:
            return e.har_deltatt is False or _sluttdato_relevant(e.sluttdato, p, c)
        case t.DELTAKELSESMENGDE:
            return e.gyldig_fra is None or e.gyldig_fra < p[1] - timedelta(days=1)
        case t.FORLENG_DELTAKELSE | t.SLUTTDATO:
            return _sluttdato_relevant(e.sluttdato, p, c)
        case t.STARTDATO:
            return (e.startdato is not None and e.startdato > p[0]) or _sluttdato_relevant(e.sluttdato, p, c)
        case t.SLUTTARSAK:
            return False
        case t.IKKE_AKTUELL | t.FJERN_OPPSTARTSDATO:
            return True
    return False


def er_relevant(f: Forslag, p: tuple[date, date], c: tuple[date, date]) -> bool:
    """A pending forslag is relevant for a participant with counted period P = `p` in claim period C = `c`."""
    return f.status is ForslagStatus.VENTER_PA_SVAR and not f.slettet and _relevant_endring(f.endring, p, c)
