"""The daily TAO retry at 06:00 (domene.md §12.3): for every GENERERT TAO claim, fetch the account again and, once
one exists, pay it automatically (§6.6) in one transaction. A claim still unpaid two months after its period is
alerted by a log line (`varsel=TAO_FRIST_PASSERT`), for a log-based alert.

Step 2 of §12.3 (recalculate) is left to the recalculation of §7.2, which already follows tilsagn changes: the
shares in the stored beregning are what is paid.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shared.domain.generering.krav import pakk_ut
from shared.domain.utbetaling.automatisk import Resultatkode
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Utbetaling, UtbetalingStatus, neste_updated_at
from shared.logg import felt
from shared.service.nav.automatisk_utbetaling import forsok_tao_utbetaling
from shared.service.nav.ports import NavRepo, NavTransaksjon
from shared.service.ports import Klokke, Kontoregister, KontoregisterFeil

logg = logging.getLogger(__name__)


@dataclass
class TaoResultat:
    betalt: int = 0
    uten_konto: int = 0
    andre: int = 0


def tilsagn_bidrag(u: Utbetaling) -> list[tuple[str, int]]:
    """(tilsagn_id, belop) shares from the stored beregning's output document."""
    if u.beregning_gz is None:
        return []
    _, output = pakk_ut(u.beregning_gz)
    return [(str(b["tilsagn_id"]), int(b["belop"])) for b in json.loads(output).get("tilsagn_bidrag", [])]


def _frist_passert(u: Utbetaling, idag: date) -> bool:
    siste = u.periode_slutt
    maned = siste.month + 2
    frist = date(siste.year + (maned - 1) // 12, (maned - 1) % 12 + 1, 1)
    return idag >= frist


def betal_tao(utbetaling_id: str, kontonummer: str, *, repo: NavRepo, klokke: Klokke) -> Resultatkode:
    def fn(tx: NavTransaksjon) -> Resultatkode:
        u = tx.hent_utbetaling(utbetaling_id)
        if u is None or u.status is not UtbetalingStatus.GENERERT:
            return Resultatkode.IKKE_AKTUELL
        tid = neste_updated_at(klokke.na(), u.updated_at)
        kid = u.betalingsinformasjon.kid if u.betalingsinformasjon else None
        med_konto = u.model_copy(
            update={"betalingsinformasjon": Betalingsinformasjon(kontonummer=kontonummer, kid=kid), "updated_at": tid}
        )
        svar = forsok_tao_utbetaling(tx, med_konto, tilsagn_bidrag(med_konto), tidspunkt=tid)
        if svar.kode is Resultatkode.UTBETALT_AUTOMATISK:
            tx.lagre_utbetaling(svar.utbetaling, None, "SYSTEM")
        return svar.kode

    return repo.i_transaksjon(fn, forsok=10)


def tao_daglig(
    krav: Iterable[Utbetaling], *, repo: NavRepo, kontoregister: Kontoregister, klokke: Klokke
) -> TaoResultat:
    ut = TaoResultat()
    liste = list(krav)
    try:
        kontoer = dict(kontoregister.hent_kontonumre(sorted({u.arrangor_orgnr for u in liste})))
    except KontoregisterFeil:
        logg.warning("Kontoregisteret svarte ikke; TAO prøves igjen i morgen")
        return ut
    idag = klokke.na().date()
    for u in liste:
        konto = kontoer.get(u.arrangor_orgnr)
        kode = betal_tao(u.id, konto, repo=repo, klokke=klokke) if konto else Resultatkode.MANGLER_KONTONUMMER
        if kode is Resultatkode.UTBETALT_AUTOMATISK:
            ut.betalt += 1
        elif kode is Resultatkode.MANGLER_KONTONUMMER:
            ut.uten_konto += 1
            if _frist_passert(u, idag):
                varsel = felt(utbetaling_id=u.id, varsel="TAO_FRIST_PASSERT")
                logg.error("TAO-utbetaling ikke betalt innen fristen", extra=varsel)
        else:
            ut.andre += 1
    return ut
