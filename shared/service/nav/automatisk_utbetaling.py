"""The automatic paths inside a transaction (domene.md §6.6, §8.3 "On success", §7.1 step 5, §12.3).

For the arrangør API's godkjenn transaction (§8.3), after its own reads and before its own writes:

    svar = forsok_automatisk_utbetaling(ntx, innsendt, tidspunkt=t)   # ntx: a NavTransaksjon on the same tx
    ...write svar.utbetaling as the claim (FERDIG_BEHANDLET when paid, else unchanged TIL_BEHANDLING)...

`innsendt` is the claim as it will be committed (status TIL_BEHANDLING, KID and innsendt_tidspunkt set). The helper
reads the gjennomføring's tilsagn and the claim's lines through `ntx`; when the AFT/VTA conditions hold it queues
the line (with its fakturanummer uniqueness document), the tilsagn (counter, `belop_brukt`, settlement), the
FAKTURA outbox record and the change-log entries "Utbetaling sendt til attestering" and "Overført til utbetaling".
It never writes the claim document itself, so the caller writes it exactly once. The result code is logged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from shared.domain.utbetaling import automatisk
from shared.domain.utbetaling.automatisk import Resultatkode
from shared.domain.utbetaling.behandling import SENDT_TIL_ATTESTERING
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.logg import felt
from shared.service.nav.ports import NavTransaksjon
from shared.service.nav.skriv_fullforing import skriv_fullforing

logg = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AutomatiskSvar:
    kode: Resultatkode
    utbetaling: Utbetaling
    """The claim to write: FERDIG_BEHANDLET when paid, else the input unchanged."""


def _ny_id() -> str:
    return str(uuid.uuid4())


def _skriv(tx: NavTransaksjon, utfall: automatisk.AutomatiskUtfall, u: Utbetaling) -> Utbetaling:
    f = utfall.fullforing
    assert f is not None
    ferdig = f.utbetaling.model_copy(update={"updated_at": u.updated_at})
    f.utbetaling = ferdig
    skriv_fullforing(tx, f, "SYSTEM", skriv_utbetaling=False, nye_linjer=frozenset(linje.id for linje in f.linjer))
    tx.logg_utbetaling(
        u.model_copy(update={"status": UtbetalingStatus.TIL_ATTESTERING}), SENDT_TIL_ATTESTERING, "SYSTEM"
    )
    tx.logg_utbetaling(ferdig, f.operasjon, "SYSTEM")
    return ferdig


def forsok_automatisk_utbetaling(
    tx: NavTransaksjon, utbetaling: Utbetaling, *, tidspunkt: datetime, ny_id: Callable[[], str] = _ny_id
) -> AutomatiskSvar:
    """AFT/VTA (§6.6): pay the claim just sent in when exactly one approved tilsagn covers it with enough left."""
    tilsagn = tx.hent_tilsagn_for_gjennomforing(utbetaling.gjennomforing_id)
    linjer = tx.hent_linjer(utbetaling.id)
    utfall = automatisk.aft_vta(utbetaling, tilsagn, linjer, tidspunkt, ny_id)
    logg.info("Automatisk utbetaling vurdert", extra=felt(utbetaling_id=utbetaling.id, resultat=utfall.kode.value))
    if utfall.kode is not Resultatkode.UTBETALT_AUTOMATISK:
        return AutomatiskSvar(utfall.kode, utbetaling)
    return AutomatiskSvar(utfall.kode, _skriv(tx, utfall, utbetaling))


def forsok_tao_utbetaling(
    tx: NavTransaksjon,
    utbetaling: Utbetaling,
    bidrag: Sequence[tuple[str, int]],
    *,
    tidspunkt: datetime,
    ny_id: Callable[[], str] = _ny_id,
) -> AutomatiskSvar:
    """TAO (§6.6, §12): pay a GENERERT TAO claim with an account, one line per tilsagn share. The caller writes
    the returned claim (and, at generation, creates it with "Utbetaling opprettet" first)."""
    tilsagn = tx.hent_tilsagn([tilsagn_id for tilsagn_id, _ in bidrag])
    linjer = tx.hent_linjer(utbetaling.id)
    utfall = automatisk.tao(utbetaling, bidrag, tilsagn, linjer, tidspunkt, ny_id)
    logg.info("Automatisk TAO-utbetaling vurdert", extra=felt(utbetaling_id=utbetaling.id, resultat=utfall.kode.value))
    if utfall.kode is not Resultatkode.UTBETALT_AUTOMATISK:
        return AutomatiskSvar(utfall.kode, utbetaling)
    return AutomatiskSvar(utfall.kode, _skriv(tx, utfall, utbetaling))
