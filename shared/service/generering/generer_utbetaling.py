"""The scheduled monthly run, second half (domene.md §7.1): the worker creates the month's claims of the
gjennomføringer of one message, each independently.

Per gjennomføring: candidate and skip rules, gyldig periode, calculation, amount 0 → nothing, then the
GENERERT
claim with the register's kontonummer, the carried-forward KID, blokkeringer and utbetales_tidligst, written
create-only under its UUIDv5 id together with "Utbetaling opprettet". A rerun, or a run killed half-way and
started
again, therefore ends in the state of one clean run.

TAO automatic payment (§6.6, §7.1 step 5): a TAO claim with a kontonummer is created and paid in the same
transaction (through `Avhengigheter.tao`), up to 10 such claims with disjoint tilsagn per transaction
(`tao_generering.opprett_og_betal_mange`); the other claims of the message are created by `opprett_utbetalinger`,
in shared atomic commits (each claim with its own effects). A shared commit or transaction that fails is redone one
claim per commit or transaction (`opprett_utbetaling`, `opprett_og_betal`). Either way the create-only claim id
is the guard.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shared.domain.felles.feil import DomeneFeil
from shared.domain.generering.krav import DRIFT, Grunnlag, Hopp, Krav, beregn_krav, ny_utbetaling, vurder
from shared.domain.generering.regler import utbetaling_id
from shared.domain.utbetaling.automatisk import TAO
from shared.domain.utbetaling.utbetaling import Blokkering, Utbetaling
from shared.domain.varsling.tekster import krav_klar
from shared.domain.varsling.varsel import Varsel
from shared.logg import felt
from shared.service.generering import tao as tao_generering
from shared.service.grunnlag.endringer import registrer_endring
from shared.service.nav.ports import NavRepo
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


def _ny(grunnlag: Grunnlag, maned: str, krav: Krav, konto: str | None, avh: Avhengigheter) -> Utbetaling:
    uid = utbetaling_id(avh.navnerom, grunnlag.gjennomforing.id, maned, DRIFT)
    return ny_utbetaling(grunnlag, maned, krav, id=uid, kontonummer=konto, tidspunkt=avh.klokke.na())


def _resultat(utbetaling: Utbetaling, krav: Krav, opprettet: bool) -> Resultat:
    if not opprettet:
        return Resultat(utbetaling.gjennomforing_id, Hopp.FINNES_ALLEREDE, utbetaling.id)
    return Resultat(utbetaling.gjennomforing_id, Utfall.OPPRETTET, utbetaling.id, krav.belop, krav.blokkeringer)


def _opprett(utbetaling: Utbetaling, krav: Krav, avh: Avhengigheter) -> Resultat:
    return _resultat(utbetaling, krav, _skriv_ny(utbetaling, krav, avh))


def _betales_na(utbetaling: Utbetaling, avh: Avhengigheter) -> bool:
    return avh.tao is not None and tao_generering.betales_ved_generering(utbetaling)


def _skriv_ny(utbetaling: Utbetaling, krav: Krav, avh: Avhengigheter) -> bool:
    """The create-only write; a TAO claim with an account is paid in the same transaction (§7.1 step 5)."""
    if avh.tao is not None and _betales_na(utbetaling, avh):
        andeler = tao_generering.bidrag(krav)
        return tao_generering.opprett_og_betal(avh.tao, utbetaling, andeler, OPPRETTET_TEKST) is not None
    return avh.repo.opprett_utbetaling(utbetaling, OPPRETTET_TEKST, _klar(utbetaling))


def _klar(utbetaling: Utbetaling) -> Varsel | None:
    """The arrangør's "ready to send in" notice (issue 16 §2), written with the claim; none for TAO, which has no
    arrangør step (§6.4)."""
    return None if utbetaling.prismodell == TAO else krav_klar(utbetaling, utbetaling.created_at)


def _opprett_samlet(utbetalinger: list[Utbetaling], maned: str, avh: Avhengigheter) -> dict[str, bool]:
    """{id: created?} of the claims written in shared commits (up to 100 claims each; the TAO claims paid now need
    a transaction each). On an error the claims are left out, so the caller creates them one by one, isolated."""
    if not utbetalinger:
        return {}
    try:
        varsler = {u.id: v for u in utbetalinger if (v := _klar(u)) is not None}
        svar = avh.repo.opprett_utbetalinger(utbetalinger, OPPRETTET_TEKST, varsler)
    except Exception:  # noqa: BLE001 - redone claim by claim, each isolated
        logg.exception("Feil ved samlet oppretting; oppretter én og én", extra=felt(periode=maned))
        return {}
    return {u.id: ok for u, ok in zip(utbetalinger, svar, strict=True)}


def _betal_samlet(
    gruppe: list[tuple[Utbetaling, Sequence[tuple[str, int]]]], maned: str, avh: Avhengigheter
) -> dict[str, bool]:
    """{id: created?} of TAO claims created and paid in one transaction (tilsagn disjoint). On an error the claims
    are left out, so the caller creates and pays them one transaction each, isolated."""
    assert avh.tao is not None
    try:
        svar = tao_generering.opprett_og_betal_mange(avh.tao, gruppe, OPPRETTET_TEKST)
    except Exception:  # noqa: BLE001 - redone claim by claim, each isolated
        logg.exception("Feil ved samlet TAO-betaling; betaler én og én", extra=felt(periode=maned))
        return {}
    return {u.id: r is not None for (u, _), r in zip(gruppe, svar, strict=True)}


def _merk_sene_endringer(opprettet: list[str], lest: datetime, avh: Avhengigheter) -> None:
    """A change that landed between our read and the create found no GENERERT claim to mark; mark it now (one
    batched check for the whole message)."""
    if not opprettet:
        return
    endret = avh.omberegning.endringer_etter(opprettet, lest)
    if endret:
        registrer_endring(endret, repo=avh.omberegning, klokke=avh.klokke, forsinkelse_s=avh.forsinkelse_s)


def _skriv_alle(
    nye: list[tuple[Utbetaling, Krav]], maned: str, avh: Avhengigheter, parallelle: int, ut: Generering
) -> None:
    """The shared commit of the ordinary claims and the TAO transactions run side by side; what they left out is
    then created claim by claim."""
    betales = {u.id for u, _ in nye if _betales_na(u, avh)}
    tao = tao_generering.grupper([(u, tao_generering.bidrag(k)) for u, k in nye if u.id in betales])
    with ThreadPoolExecutor(max_workers=max(1, parallelle)) as pool:
        vanlige = pool.submit(_opprett_samlet, [u for u, _ in nye if u.id not in betales], maned, avh)
        betalte = [pool.submit(_betal_samlet, gruppe, maned, avh) for gruppe in tao]
        opprettet = vanlige.result()
        for samlet in betalte:
            opprettet |= samlet.result()
        fremtider = [
            (
                u,
                pool.submit(_resultat, u, k, opprettet[u.id])
                if u.id in opprettet
                else pool.submit(_opprett, u, k, avh),
            )
            for u, k in nye
        ]
        for u, f in fremtider:
            try:
                ut.resultater.append(f.result())
            except Exception as e:  # noqa: BLE001 - isolated per gjennomføring, re-raised by the caller
                logg.exception("Feil ved oppretting", extra=felt(gjennomforing_id=u.gjennomforing_id))
                ut.forbigaende.append(e)


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
    nye = [(_ny(g, maned, k, kontoer.get(g.gjennomforing.arrangor_orgnr), avh), k) for g, k in beregnet]
    _skriv_alle(nye, maned, avh, parallelle, ut)
    try:
        _merk_sene_endringer([r.gjennomforing_id for r in ut.resultater if r.utfall is Utfall.OPPRETTET], lest, avh)
    except Exception as e:  # noqa: BLE001 - a retry of the message redoes the check
        logg.exception("Feil ved sjekk av sene endringer", extra=felt(periode=maned))
        ut.forbigaende.append(e)
    return ut
