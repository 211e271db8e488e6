"""Korreksjon use cases (domene.md §6.10, §9): create, edit and delete Nav's extra claim, each in one transaction
with its change-log entry. The new claim is a DRIFT claim with fri beregning (`{belop}` + context, as the manual
claims store it), created in TIL_BEHANDLING and then processed like any claim (charged, attested, paid)."""

from __future__ import annotations

import json
from datetime import datetime

from shared.domain.felles.betaling import utbetales_tidligst
from shared.domain.felles.kodeverk import Tilskuddstype, Tiltakskode
from shared.domain.felles.periode import Periode
from shared.domain.generering.krav import pakk
from shared.domain.nav.feil import UtbetalingFinnesIkke
from shared.domain.nav.tilgang import NavAnsatt
from shared.domain.tilsagn.behandling import sjekk_saksbehandler
from shared.domain.utbetaling import korreksjon as kor
from shared.domain.utbetaling.utbetaling import (
    Betalingsinformasjon,
    Opprinnelse,
    Utbetaling,
    UtbetalingStatus,
    neste_updated_at,
)
from shared.service.nav.ports import NavTransaksjon
from shared.service.nav.utbetaling import NavAvhengigheter


def _beregning_gz(gjelder: Utbetaling, k: kor.GyldigKorreksjon) -> bytes:
    periode = {"start": k.periode_start.isoformat(), "slutt": k.periode_slutt.isoformat()}
    inn = {"prismodell": gjelder.prismodell, "tiltakskode": gjelder.tiltakskode, "periode": periode,
           "valuta": gjelder.valuta, "belop": k.belop, "satser": [], "stengt": [], "deltakelser": []}  # fmt: skip
    ut = {"belop": k.belop, "periode": periode, "valuta": gjelder.valuta}
    _, gz = pakk(json.dumps(inn, separators=(",", ":")).encode(), json.dumps(ut, separators=(",", ":")).encode())
    return gz


def _tidligst(gjelder: Utbetaling, k: kor.GyldigKorreksjon) -> object:
    try:
        return utbetales_tidligst(Tiltakskode(gjelder.tiltakskode), Periode(k.periode_start, k.periode_slutt))
    except ValueError:
        return None


def _felt(gjelder: Utbetaling, k: kor.GyldigKorreksjon) -> dict[str, object]:
    konto = gjelder.betalingsinformasjon.kontonummer if gjelder.betalingsinformasjon else None
    return {
        "periode_start": k.periode_start, "periode_slutt": k.periode_slutt, "belop": k.belop,
        "beregning_gz": _beregning_gz(gjelder, k), "kommentar": k.kommentar,
        "betalingsinformasjon": Betalingsinformasjon(kontonummer=konto, kid=k.kid),
        "utbetales_tidligst": _tidligst(gjelder, k),
        "korreksjon": {"gjelder_utbetaling_id": gjelder.id, "begrunnelse": k.begrunnelse},
    }  # fmt: skip


def _valider(tx: NavTransaksjon, n: kor.NyKorreksjon) -> tuple[Utbetaling, kor.GyldigKorreksjon]:
    gjelder = tx.hent_utbetaling(n.gjelder_utbetaling_id) if n.gjelder_utbetaling_id else None
    k = kor.valider(n, gjelder)
    assert gjelder is not None
    return gjelder, k


def opprett(n: kor.NyKorreksjon, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Utbetaling:
    sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> Utbetaling:
        gjelder, k = _valider(tx, n)
        na: datetime = avh.klokke.na()
        u = Utbetaling.model_validate(
            {
                "id": avh.ny_id(), "gjennomforing_id": gjelder.gjennomforing_id, "tiltakskode": gjelder.tiltakskode,
                "arrangor_orgnr": gjelder.arrangor_orgnr, "tilskuddstype": Tilskuddstype.TILTAK_DRIFTSTILSKUDD,
                "opprinnelse": Opprinnelse.KORREKSJON, "status": UtbetalingStatus.TIL_BEHANDLING,
                "prismodell": gjelder.prismodell, "valuta": gjelder.valuta, "innsendt_tidspunkt": na,
                "created_at": na, "updated_at": na, **_felt(gjelder, k),
            }
        )  # fmt: skip
        tx.lagre_utbetaling(u, kor.OPPRETTET, ansatt.navident, ny=True)
        tx.planlegg_arkivering(u, ansatt.navident)
        return u

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok)


def _korreksjon(tx: NavTransaksjon, utbetaling_id: str) -> Utbetaling:
    u = tx.hent_utbetaling(utbetaling_id)
    if u is None:
        raise UtbetalingFinnesIkke(utbetaling_id)
    return u


def endre(utbetaling_id: str, n: kor.NyKorreksjon, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Utbetaling:
    sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> Utbetaling:
        u = _korreksjon(tx, utbetaling_id)
        kor.sjekk_kan_redigeres(u)
        gjelder, k = _valider(tx, n)
        tid = neste_updated_at(avh.klokke.na(), u.updated_at)
        ny = u.model_copy(update={**_felt(gjelder, k), "updated_at": tid})
        tx.lagre_utbetaling(ny, kor.REDIGERT, ansatt.navident)
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetaling/{utbetaling_id}")


def slett(utbetaling_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter) -> None:
    sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> None:
        u = _korreksjon(tx, utbetaling_id)
        linjer = tx.hent_linjer(u.id)
        kor.sjekk_kan_slettes(u, [linje.status.value for linje in linjer])
        for linje in linjer:
            tx.slett_linje(linje.id)
        tx.slett_utbetaling(u)

    avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"utbetaling/{utbetaling_id}")
