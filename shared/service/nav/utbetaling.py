"""Nav's use cases on claims (domene.md §6.3 rows 8–15, §6.6, §9): charge and send to attestering, attest (the last
attestation completes the claim in the same transaction, with the FAKTURA outbox records), return, cancel with two
persons. Each runs as one transaction and writes one change-log entry per step.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from shared.domain.nav.feil import LinjeFinnesIkke, UtbetalingFinnesIkke
from shared.domain.nav.tilgang import NavAnsatt
from shared.domain.nav.totrinnskontroll import Totrinnskontroll
from shared.domain.utbetaling import avbrytelse as avb
from shared.domain.utbetaling import behandling as ub
from shared.domain.utbetaling.utbetaling import Utbetaling, neste_updated_at
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel, Utbetalingslinje
from shared.domain.utbetaling.utbetalingslinje import send_til_attestering as konter
from shared.domain.varsling import tekster as varseltekster
from shared.domain.varsling.varsel import Varsel
from shared.service.nav.ports import Enheter, NavRepo, NavTransaksjon
from shared.service.nav.skriv_fullforing import skriv_fullforing
from shared.service.ports import Klokke


def _uuid() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class NavAvhengigheter:
    repo: NavRepo
    enheter: Enheter
    klokke: Klokke
    ny_id: Callable[[], str] = field(default=_uuid)
    forsok: int = 5


def _utbetaling(tx: NavTransaksjon, utbetaling_id: str) -> Utbetaling:
    u = tx.hent_utbetaling(utbetaling_id)
    if u is None:
        raise UtbetalingFinnesIkke(utbetaling_id)
    return u


def send_til_attestering(
    utbetaling_id: str,
    linjer: Sequence[LinjeForesporsel],
    begrunnelse_mindre_betalt: str | None,
    ansatt: NavAnsatt,
    avh: NavAvhengigheter,
) -> Utbetaling:
    def fn(tx: NavTransaksjon) -> Utbetaling:
        u = _utbetaling(tx, utbetaling_id)
        eksisterende = tx.hent_linjer(u.id)
        tilsagn = tx.hent_tilsagn(sorted({f.tilsagn_id for f in linjer}))
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        k = konter(u, eksisterende, linjer, begrunnelse_mindre_betalt, tilsagn, ansatt, tid, avh.ny_id)
        kjente = {e.fakturanummer for e in eksisterende}
        for linje in k.linjer:
            tx.lagre_linje(linje, ny=linje.fakturanummer not in kjente)
        for linje_id in k.slettet:
            tx.slett_linje(linje_id)
        for t in k.tilsagn:
            tx.lagre_tilsagn(t, None, ansatt.navident)
        ny = k.utbetaling.model_copy(update={"updated_at": tid})
        tx.lagre_utbetaling(ny, ub.SENDT_TIL_ATTESTERING, ansatt.navident)
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetaling/{utbetaling_id}")


def _linje_og_krav(tx: NavTransaksjon, linje_id: str) -> tuple[Utbetalingslinje, Utbetaling, list[Utbetalingslinje]]:
    linje = tx.hent_linje(linje_id)
    if linje is None:
        raise LinjeFinnesIkke(linje_id)
    u = _utbetaling(tx, linje.utbetaling_id)
    return linje, u, tx.hent_linjer(u.id)


def attester(linje_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Utbetaling:
    """§6.6 Approval: decide one line; the last one completes the claim in this same transaction."""

    def fn(tx: NavTransaksjon) -> Utbetaling:
        linje, u, linjer = _linje_og_krav(tx, linje_id)
        tilsagn = tx.hent_tilsagn(sorted({linje.tilsagn_id for linje in linjer}))
        t = tilsagn[linje.tilsagn_id]
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        navn = avh.enheter.navn(t.kostnadssted or "")
        nye = ub.attester(u, linjer, linje_id, t, ansatt, navn, tid)
        u = u.model_copy(update={"updated_at": tid})
        if not ub.alle_godkjent(nye):
            tx.lagre_linje(next(n for n in nye if n.id == linje_id))
            tx.lagre_utbetaling(u, ub.ATTESTERT, ansatt.navident)
            return u
        f = ub.fullfor(u, nye, tilsagn, tid)
        tx.logg_utbetaling(u, ub.ATTESTERT, ansatt.navident)
        skriv_fullforing(tx, f, "SYSTEM" if f.retur else ansatt.navident)
        return f.utbetaling

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetalingslinje/{linje_id}")


def returner(
    linje_id: str, aarsaker: tuple[str, ...], forklaring: str | None, ansatt: NavAnsatt, avh: NavAvhengigheter
) -> Utbetaling:
    def fn(tx: NavTransaksjon) -> Utbetaling:
        linje, u, linjer = _linje_og_krav(tx, linje_id)
        t = tx.hent_tilsagn([linje.tilsagn_id])[linje.tilsagn_id]
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        ny, nye = ub.returner(u, linjer, linje_id, t, ansatt, tid, aarsaker, forklaring)
        for n in nye:
            tx.lagre_linje(n)
        ny = ny.model_copy(update={"updated_at": tid})
        tx.lagre_utbetaling(ny, ub.RETURNERT, ansatt.navident)
        tx.legg_til_varsel(varseltekster.krav_returnert(ny, tid))
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetalingslinje/{linje_id}")


def send_til_avbrytelse(
    utbetaling_id: str, aarsaker: tuple[str, ...], forklaring: str | None, ansatt: NavAnsatt, avh: NavAvhengigheter
) -> Utbetaling:
    def fn(tx: NavTransaksjon) -> Utbetaling:
        u = _utbetaling(tx, utbetaling_id)
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        ny = avb.send_til_avbrytelse(u, ansatt, tid, aarsaker, forklaring).model_copy(update={"updated_at": tid})
        tx.lagre_utbetaling(ny, avb.SENDT, ansatt.navident)
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetaling/{utbetaling_id}")


def beslutt_avbrytelse(
    utbetaling_id: str,
    ansatt: NavAnsatt,
    avh: NavAvhengigheter,
    *,
    godkjent: bool,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> Utbetaling:
    def fn(tx: NavTransaksjon) -> Utbetaling:
        u = _utbetaling(tx, utbetaling_id)
        linjer = tx.hent_linjer(u.id)
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        ny, nye, tekst = avb.beslutt_avbrytelse(
            u, linjer, ansatt, tid, godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring
        )
        for n in nye if godkjent else ():
            tx.lagre_linje(n)
        ny = ny.model_copy(update={"updated_at": tid})
        varsel = varseltekster.krav_avbrutt(ny, tid) if godkjent else _avvist_varsel(tx, u, ny, linjer, tid)
        tx.lagre_utbetaling(ny, tekst, ansatt.navident)
        if varsel is not None:
            tx.legg_til_varsel(varsel)
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetaling/{utbetaling_id}")


def _avvist_varsel(
    tx: NavTransaksjon, u: Utbetaling, ny: Utbetaling, linjer: Sequence[Utbetalingslinje], tid: datetime
) -> Varsel | None:
    """§6.3 row 15: the first person (who sent it to avbrytelse) is told, at the unit of the claim's tilsagn."""
    k = Totrinnskontroll.model_validate((u.avbrytelse or {}).get("totrinnskontroll"))
    if k.behandlet_av.nav_ident is None:
        return None
    tilsagn = list(tx.hent_tilsagn(sorted({linje.tilsagn_id for linje in linjer})).values())
    if not tilsagn:
        tilsagn = [t for t in tx.hent_tilsagn_for_gjennomforing(u.gjennomforing_id) if t.kostnadssted]
    enhet = next((t.kostnadssted for t in sorted(tilsagn, key=lambda t: t.id) if t.kostnadssted), None)
    return varseltekster.avbrytelse_avvist(ny, k.behandlet_av.nav_ident, enhet, tid)
