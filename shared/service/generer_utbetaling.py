"""The scheduled monthly run, second half (domene.md §7.1): the worker creates the month's claims of the
gjennomføringer of one message, each independently.

Per gjennomføring: candidate and skip rules, gyldig periode, calculation, amount 0 → nothing, then the
GENERERT
claim with the register's kontonummer, the carried-forward KID, blokkeringer and utbetales_tidligst, written
create-only under its UUIDv5 id together with "Utbetaling opprettet". A rerun, or a run killed half-way and
started
again, therefore ends in the state of one clean run.

TAO automatic payment (§6.6, §7.1 step 5): a TAO claim with a kontonummer is created and paid in one transaction
(`tao_generering.opprett_og_betal`, through `Avhengigheter.tao`); every other claim is created by
`opprett_utbetaling`. Either way the create-only claim id is the guard.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.domain.feil import DomeneFeil
from shared.domain.generering import DRIFT, Grunnlag, Hopp, Krav, beregn_krav, ny_utbetaling, vurder
from shared.domain.generering_regler import utbetaling_id
from shared.domain.utbetaling import Blokkering, Utbetaling
from shared.logg import felt
from shared.service import tao_generering
from shared.service.endringer import registrer_endring
from shared.service.nav_ports import NavRepo
from shared.service.ports import GenereringRepo, Klokke, Kontoregister, KontoregisterFeil, OmberegningRepo

logg = logging.getLogger(__name__)

OPPRETTET_TEKST = "Utbetaling opprettet"


class Utfall(StrEnum):
    OPPRETTET = "OPPRETTET"
    """A new GENERERT claim was written."""
    VILLE_OPPRETTET = "VILLE_OPPRETTET"
    """Dry run: would have been created."""
    IKKE_FUNNET = "IKKE_FUNNET"
    """The gjennomføring does not exist (or is deleted)."""
    INPUT_FEIL = "INPUT_FEIL"
    """Permanent: the input is invalid (§7.1: dead-letter and alert)."""


@dataclass(frozen=True, slots=True)
class Resultat:
    gjennomforing_id: str
    utfall: Utfall | Hopp
    utbetaling_id: str | None = None
    belop: int = 0
    blokkeringer: tuple[Blokkering, ...] = ()
    feil: str | None = None


@dataclass
class Generering:
    """Results of one worker message (or CLI run); `forbigaende` holds errors worth a retry."""

    resultater: list[Resultat] = field(default_factory=list)
    forbigaende: list[BaseException] = field(default_factory=list)

    @property
    def input_feil(self) -> list[str]:
        return [r.gjennomforing_id for r in self.resultater if r.utfall is Utfall.INPUT_FEIL]


@dataclass(frozen=True, slots=True)
class Avhengigheter:
    repo: GenereringRepo
    omberegning: OmberegningRepo
    kontoregister: Kontoregister
    klokke: Klokke
    navnerom: uuid.UUID
    forsinkelse_s: float
    tao: NavRepo | None = None
    """Nav's transaction for TAO payment at generation; None = TAO claims stay GENERERT for `tao_daglig`."""


def _kontonumre(kontoregister: Kontoregister, orgnr: set[str]) -> dict[str, str | None]:
    try:
        return dict(kontoregister.hent_kontonumre(sorted(orgnr)))
    except KontoregisterFeil:
        logg.warning("Kontoregisteret svarte ikke; utbetalingene får ingen betalingsinformasjon")
        return {}


def _beregn(grunnlag: Grunnlag | None, gid: str, maned: str) -> Resultat | Krav:
    if grunnlag is None:
        return Resultat(gid, Utfall.IKKE_FUNNET)
    hopp = vurder(grunnlag, maned)
    if hopp is not None:
        return Resultat(gid, hopp)
    try:
        krav = beregn_krav(grunnlag, maned)
    except DomeneFeil as e:
        return Resultat(gid, Utfall.INPUT_FEIL, feil=str(e))
    if krav.belop == 0:
        return Resultat(gid, Hopp.BELOP_NULL)
    return krav


def _opprett(grunnlag: Grunnlag, maned: str, krav: Krav, konto: str | None, avh: Avhengigheter) -> Resultat:
    g = grunnlag.gjennomforing
    uid = utbetaling_id(avh.navnerom, g.id, maned, DRIFT)
    utbetaling = ny_utbetaling(grunnlag, maned, krav, id=uid, kontonummer=konto, tidspunkt=avh.klokke.na())
    if not _skriv_ny(utbetaling, krav, avh):
        return Resultat(g.id, Hopp.FINNES_ALLEREDE, uid)
    return Resultat(g.id, Utfall.OPPRETTET, uid, krav.belop, krav.blokkeringer)


def _skriv_ny(utbetaling: Utbetaling, krav: Krav, avh: Avhengigheter) -> bool:
    """The create-only write; a TAO claim with an account is paid in the same transaction (§7.1 step 5)."""
    if avh.tao is not None and tao_generering.betales_ved_generering(utbetaling):
        andeler = tao_generering.bidrag(krav)
        return tao_generering.opprett_og_betal(avh.tao, utbetaling, andeler, OPPRETTET_TEKST) is not None
    return avh.repo.opprett_utbetaling(utbetaling, OPPRETTET_TEKST)


def _merk_sene_endringer(opprettet: list[str], lest: datetime, avh: Avhengigheter) -> None:
    """A change that landed between our read and the create found no GENERERT claim to mark; mark it now (one
    batched check for the whole message)."""
    if not opprettet:
        return
    endret = avh.omberegning.endringer_etter(opprettet, lest)
    if endret:
        registrer_endring(endret, repo=avh.omberegning, klokke=avh.klokke, forsinkelse_s=avh.forsinkelse_s)


def generer_utbetalinger(
    gjennomforing_ider: Sequence[str],
    maned: str,
    avh: Avhengigheter,
    *,
    dry_run: bool = False,
    parallelle: int = 8,
) -> Generering:
    """Create the month's claims of these gjennomføringer (§7.1 steps 1–4), each independently."""
    ut = Generering()
    lest = avh.klokke.na()
    grunnlag = avh.repo.hent_grunnlag(gjennomforing_ider, maned)
    beregnet: list[tuple[Grunnlag, Krav]] = []
    for gid in gjennomforing_ider:
        r = _beregn(grunnlag.get(gid), gid, maned)
        if isinstance(r, Resultat):
            ut.resultater.append(r)
            if r.utfall is Utfall.INPUT_FEIL:
                logg.error("Inputfeil i generering", extra=felt(gjennomforing_id=gid, periode=maned, feil=r.feil))
        else:
            beregnet.append((grunnlag[gid], r))
    if dry_run:
        ut.resultater += [
            Resultat(g.gjennomforing.id, Utfall.VILLE_OPPRETTET, None, k.belop, k.blokkeringer) for g, k in beregnet
        ]
        return ut
    kontoer = _kontonumre(avh.kontoregister, {g.gjennomforing.arrangor_orgnr for g, _ in beregnet})
    with ThreadPoolExecutor(max_workers=max(1, parallelle)) as pool:
        fremtider = [
            (g, pool.submit(_opprett, g, maned, k, kontoer.get(g.gjennomforing.arrangor_orgnr), avh))
            for g, k in beregnet
        ]
        for g, f in fremtider:
            try:
                ut.resultater.append(f.result())
            except Exception as e:  # noqa: BLE001 - isolated per gjennomføring, re-raised by the caller
                logg.exception("Feil ved oppretting", extra=felt(gjennomforing_id=g.gjennomforing.id))
                ut.forbigaende.append(e)
    try:
        _merk_sene_endringer([r.gjennomforing_id for r in ut.resultater if r.utfall is Utfall.OPPRETTET], lest, avh)
    except Exception as e:  # noqa: BLE001 - a retry of the message redoes the check
        logg.exception("Feil ved sjekk av sene endringer", extra=felt(periode=maned))
        ut.forbigaende.append(e)
    return ut
