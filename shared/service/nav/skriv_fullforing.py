"""Writing the result of a last attestation (manual or automatic) inside a `NavTransaksjon` (domene.md §6.6)."""

from __future__ import annotations

from shared.domain.utbetaling.behandling import Fullforing
from shared.domain.varsling.tekster import krav_returnert
from shared.service.nav.ports import NavTransaksjon


def skriv_fullforing(
    tx: NavTransaksjon,
    f: Fullforing,
    utfort_av: str,
    *,
    skriv_utbetaling: bool = True,
    nye_linjer: frozenset[str] = frozenset(),
) -> None:
    """Lines, tilsagn (with their change-log texts), the FAKTURA outbox records and, unless the caller writes the
    claim itself, the claim with "Overført til utbetaling" (or "Utbetaling returnert", with the arrangør's notice
    of it)."""
    for linje in f.linjer:
        tx.lagre_linje(linje, ny=linje.id in nye_linjer)
    operasjoner: dict[str, list[str]] = {}
    for tilsagn_id, tekst in f.tilsagn_operasjoner:
        operasjoner.setdefault(tilsagn_id, []).append(tekst)
    for t in f.tilsagn.values():
        tekster: list[str | None] = list(operasjoner.get(t.id, [])) or [None]
        for forste in tekster[:-1]:
            tx.lagre_tilsagn(t, forste, "SYSTEM")
        tx.lagre_tilsagn(t, tekster[-1], "SYSTEM")
    for post in f.utsendinger:
        tx.legg_til_utsending(post)
    if f.retur:
        tx.legg_til_varsel(krav_returnert(f.utbetaling, f.utbetaling.updated_at))
    if skriv_utbetaling:
        tx.lagre_utbetaling(f.utbetaling, f.operasjon, utfort_av)
