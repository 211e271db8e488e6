"""Payment status from the economy system, topic `okonomi-inn` (domene.md §10.3).

`{fakturanummer, status, fakturaStatusSistOppdatert}` moves one line (and its claim) in one small transaction that
reads by id only (the fakturanummer's uniqueness document, the line, the claim and its line index and lines; no
query, no tilsagn: the log text's bestillingsnummer is part of the fakturanummer), so a burst of status messages for
different claims never contends; a bestilling status `{bestillingsnummer, status}` is stored on the tilsagn for
display. Stale and repeated messages
change nothing. An unknown fakturanummer, a contradicting status or an unreadable message is a `DomeneFeil`:
the edge dead-letters it and alerts.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.nav.feil import UkjentFaktura
from shared.domain.utbetaling import fakturastatus as fs
from shared.domain.utbetaling.utbetaling import neste_updated_at
from shared.domain.utbetaling.utbetalingslinje import Fakturastatus, bestillingsnummer_for
from shared.domain.varsling import tekster as varseltekster
from shared.logg import felt
from shared.service.nav.ports import NavRepo, NavTransaksjon
from shared.service.ports import Klokke

logg = logging.getLogger(__name__)


class Statusutfall(StrEnum):
    ANVENDT = "ANVENDT"
    IGNORERT = "IGNORERT"
    """Stale, or the same status again."""
    BESTILLING_LAGRET = "BESTILLING_LAGRET"


class FakturastatusMelding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    fakturanummer: str
    status: Fakturastatus
    tidspunkt: datetime = Field(alias="fakturaStatusSistOppdatert")


class BestillingsstatusMelding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    bestillingsnummer: str
    status: str = Field(pattern=r"^(SENDT|AKTIV|ANNULLERT|ANNULLERING_SENDT|OPPGJORT|FEILET)$")


def les(data: bytes) -> FakturastatusMelding | BestillingsstatusMelding:
    try:
        raa = json.loads(data)
        if isinstance(raa, dict) and "fakturanummer" in raa:
            m = FakturastatusMelding.model_validate(raa)
            if m.tidspunkt.tzinfo is None:
                raise Valideringsfeil.for_felt("/fakturaStatusSistOppdatert", "mangler tidssone")
            return m
        return BestillingsstatusMelding.model_validate(raa)
    except (ValueError, ValidationError) as e:
        raise Valideringsfeil.for_felt("/", f"ugyldig statusmelding: {e.__class__.__name__}") from e


def _faktura(m: FakturastatusMelding, tx: NavTransaksjon, klokke: Klokke) -> Statusutfall:
    linje = tx.hent_linje_for_faktura(m.fakturanummer)
    if linje is None:
        raise UkjentFaktura(f"ukjent fakturanummer {m.fakturanummer}")
    u = tx.hent_utbetaling(linje.utbetaling_id)
    linjer = tx.hent_linjer(linje.utbetaling_id)
    anvendt = fs.anvend(linje, m.status, m.tidspunkt)
    if anvendt is None or u is None:
        return Statusutfall.IGNORERT
    tx.lagre_linje(anvendt.linje)
    oppdatert = [anvendt.linje if x.id == linje.id else x for x in linjer]
    ny_status = fs.kravstatus(u.status, oppdatert)
    if ny_status is not u.status or anvendt.forste_betaling:
        tid = neste_updated_at(klokke.na(), u.updated_at)
        ny = u.model_copy(update={"status": ny_status, "updated_at": tid})
        tx.lagre_utbetaling(ny, None, "SYSTEM")
        if anvendt.forste_betaling:
            tx.logg_utbetaling(ny, fs.utbetalt_tekst(bestillingsnummer_for(linje)), "SYSTEM", tidspunkt=m.tidspunkt)
            if tx.vil_ha_utbetalingsvarsel(u.arrangor_orgnr):
                tx.legg_til_varsel(varseltekster.utbetalt(ny, anvendt.linje, m.tidspunkt))
    if m.status is Fakturastatus.FEILET:
        logg.error(
            "Faktura feilet hos økonomi", extra=felt(utbetaling_id=u.id, linje_id=linje.id, varsel="FAKTURA_FEILET")
        )
    return Statusutfall.ANVENDT


def _bestilling(m: BestillingsstatusMelding, tx: NavTransaksjon) -> Statusutfall:
    t = tx.hent_tilsagn_for_bestilling(m.bestillingsnummer)
    if t is None:
        raise UkjentFaktura(f"ukjent bestillingsnummer {m.bestillingsnummer}")
    if t.bestilling_status != m.status:
        tx.lagre_tilsagn(t.model_copy(update={"bestilling_status": m.status}), None, "SYSTEM")
    return Statusutfall.BESTILLING_LAGRET


def motta_okonomistatus(data: bytes, *, repo: NavRepo, klokke: Klokke, forsok: int = 30) -> Statusutfall:
    m = les(data)
    if isinstance(m, FakturastatusMelding):
        return repo.i_transaksjon(lambda tx: _faktura(m, tx, klokke), forsok=forsok)
    return repo.i_transaksjon(lambda tx: _bestilling(m, tx), forsok=forsok)
