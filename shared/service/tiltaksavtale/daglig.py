"""The daily job `avtale_daglig` (§9.3) for the tiltaksavtale rules of this issue: expiry and its warnings
(§5.7), date-driven status (row 22) and the VTA-O oppfølging warning (§5.8). Each avtale is handled alone in its
own transaction; one failing does not stop the others. (The §6 steps join here when the payment side lands.)"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from shared.domain.felles.feil import DomeneFeil
from shared.domain.tiltaksavtale.daglig import daglig
from shared.service.tiltaksavtale.felles import Avhengigheter, skriv_utfall
from shared.service.tiltaksavtale.ports import TiltaksavtaleTransaksjon

log = logging.getLogger(__name__)


@dataclass
class Dagsresultat:
    endret: list[str] = field(default_factory=list)
    feilet: list[str] = field(default_factory=list)


def _en(avh: Avhengigheter, avtale_id: str) -> bool:
    ktx = avh.kontekst()

    def fn(tx: TiltaksavtaleTransaksjon) -> bool:
        a = tx.hent(avtale_id)
        u = daglig(a, ktx) if a is not None else None
        if u is None:
            return False
        skriv_utfall(tx, u)
        return True

    return avh.repo.i_transaksjon(fn)


def kjor_daglig_jobb(avh: Avhengigheter) -> Dagsresultat:
    """Runs `daglig` for every avtale that is not annulled; writes only the ones it changes."""
    resultat = Dagsresultat()
    for avtale_id in avh.repo.ider_for_daglig_jobb():
        try:
            if _en(avh, avtale_id):
                resultat.endret.append(avtale_id)
        except DomeneFeil:
            log.warning("daglig jobb avviste avtale", extra={"avtale_id": avtale_id})
            resultat.feilet.append(avtale_id)
    return resultat
