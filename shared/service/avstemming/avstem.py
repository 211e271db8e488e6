"""Reconciliation on demand (`utbetaling avstem`) and the daily run (`avstem_daglig`, Scheduler `avstemming-daglig`).

The scope is a claim month (`--periode YYYY-MM`) or a day (`--dato YYYY-MM-DD`, the default: yesterday in
Europe/Oslo). A day checks the whole ledger now and summarises that day's dispatched FAKTURA; the daily run also
publishes that summary (the grensesnittavstemming) to its own topic. Every discrepancy is logged as an error with
`varsel=AVSTEMMING_AVVIK`, ids and amounts only, so an alert can fire on it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, ValidationError

from shared import topics
from shared.domain.avstemming.avstem import avstem as kjor_kontroller
from shared.domain.avstemming.avvik import Avstemmingsrapport
from shared.domain.avstemming.grensesnitt import Grensesnittavstemming, grensesnittavstemminger
from shared.domain.felles.feil import FeltFeil, Valideringsfeil
from shared.domain.felles.periode import Periode
from shared.domain.generering.regler import maned_periode
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus
from shared.domain.utsending.utsending import OSLO
from shared.logg import felt
from shared.service.avstemming.ports import Avstemmingskilde
from shared.service.ports import Klokke, Publisher

logg = logging.getLogger(__name__)
_MANED = re.compile(r"\d{4}-\d{2}")
_DATO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Avgrensning:
    periode: Periode | None = None
    maned: str | None = None
    dato: date | None = None

    @property
    def navn(self) -> str:
        return self.maned or (self.dato.isoformat() if self.dato else "alt")


@dataclass(frozen=True, slots=True)
class Avstemming:
    avgrensning: Avgrensning
    rapport: Avstemmingsrapport
    grensesnitt: tuple[Grensesnittavstemming, ...]


def i_gar(na: datetime) -> date:
    return na.astimezone(OSLO).date() - timedelta(days=1)


def les_avgrensning(periode: str | None, dato: str | None, na: datetime) -> Avgrensning:
    """`--periode YYYY-MM` or `--dato YYYY-MM-DD` (not both; neither = yesterday). Raises `Valideringsfeil`."""
    if periode is not None and dato is not None:
        raise Valideringsfeil([FeltFeil("/periode", "oppgi enten periode eller dato, ikke begge")])
    if periode is not None:
        try:
            if not _MANED.fullmatch(periode):
                raise ValueError(periode)
            return Avgrensning(periode=maned_periode(periode), maned=periode)
        except ValueError as e:
            raise Valideringsfeil.for_felt("/periode", f"må være på formen ÅÅÅÅ-MM, fikk {periode!r}") from e
    if dato is None:
        return Avgrensning(dato=i_gar(na))
    if not _DATO.fullmatch(dato):
        raise Valideringsfeil.for_felt("/dato", f"må være på formen ÅÅÅÅ-MM-DD, fikk {dato!r}")
    try:
        return Avgrensning(dato=date.fromisoformat(dato))
    except ValueError as e:
        raise Valideringsfeil.for_felt("/dato", f"er ikke en gyldig dato: {dato!r}") from e


def avstem(avgrensning: Avgrensning, *, kilde: Avstemmingskilde, klokke: Klokke) -> Avstemming:
    """Run every check in the scope, and build the day's grensesnittavstemming when the scope is a day."""
    grunnlag = kilde.les()
    rapport = kjor_kontroller(grunnlag, klokke.na(), avgrensning.periode)
    grensesnitt: tuple[Grensesnittavstemming, ...] = ()
    if avgrensning.dato is not None:
        linjer = {x.fakturanummer: x for x in grunnlag.linjer if x.status is not LinjeStatus.AVBRUTT}
        grensesnitt = tuple(grensesnittavstemminger(avgrensning.dato, grunnlag.fakturaer, linjer))
    for a in rapport.avvik:
        logg.error(
            "Avvik i avstemming",
            extra=felt(varsel="AVSTEMMING_AVVIK", avvikstype=a.type.value, forventet=a.forventet, faktisk=a.faktisk,
                       avgrensning=avgrensning.navn, **a.ider()),
        )  # fmt: skip
    logg.info("Avstemming ferdig", extra=felt(avgrensning=avgrensning.navn, avvik=len(rapport.avvik)))
    return Avstemming(avgrensning, rapport, grensesnitt)


class DagligMelding(BaseModel):
    """The scheduler's message: `{"dato": "YYYY-MM-DD"}`, or `{}` = the day before the publish time (Oslo)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dato: date | None = None


def dato_fra_melding(data: bytes, publisert: datetime) -> date:
    try:
        melding = DagligMelding.model_validate_json(data if data.strip() else b"{}")
    except (ValueError, ValidationError) as e:
        raise Valideringsfeil.for_felt("/dato", "må være på formen ÅÅÅÅ-MM-DD") from e
    return melding.dato or i_gar(publisert)


def avstem_daglig(dato: date, *, kilde: Avstemmingskilde, publisher: Publisher, klokke: Klokke) -> Avstemming:
    """The daily run: the ledger check, and the day's grensesnittavstemming on its own topic."""
    resultat = avstem(Avgrensning(dato=dato), kilde=kilde, klokke=klokke)
    for melding in resultat.grensesnitt:
        publisher.publiser(topics.GRENSESNITTAVSTEMMING, melding.til_bytes())
    return resultat
