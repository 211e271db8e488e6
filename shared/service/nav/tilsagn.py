"""Nav's use cases on tilsagn (domene.md §5, §9): create with the engine's amount and send for approval, change or
delete a returned one, approve / return as a beslutter at the kostnadssted, annul and settle with two persons.
Approvals write their BESTILLING / ANNULLERING / GJOR_OPP_BESTILLING outbox record in the same transaction.
"""

from __future__ import annotations

from dataclasses import replace

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.feil import GjennomforingFinnesIkke, TilsagnFinnesIkke, UgyldigHandling
from shared.domain.nav.tilgang import NavAnsatt
from shared.domain.nav.totrinnskontroll import Kontrolltype
from shared.domain.tilsagn import behandling as tb
from shared.domain.tilsagn import meldinger
from shared.domain.tilsagn.belop import beregn_belop
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utsending.utsending import UtsendingType
from shared.service.nav.ports import NavTransaksjon
from shared.service.nav.utbetaling import NavAvhengigheter


def _tilsagn(tx: NavTransaksjon, tilsagn_id: str) -> Tilsagn:
    t = tx.hent_tilsagn([tilsagn_id]).get(tilsagn_id)
    if t is None:
        raise TilsagnFinnesIkke(tilsagn_id)
    return t


def _beregn(tx: NavTransaksjon, n: tb.NyttTilsagn) -> tuple[int, dict[str, object], str]:
    """(belop, beregning, gjennomføring løpenummer) after §5.5 validation."""
    g = tx.hent_gjennomforing(n.gjennomforing_id)
    if g is None:
        raise GjennomforingFinnesIkke(n.gjennomforing_id)
    feil = tb.valider_periode(n, g.tiltakskode, g.slutt_dato) + tb.valider_felt(n, g.prismodell, g.valuta)
    if feil:
        raise Valideringsfeil(feil)
    avtale = tx.hent_avtale(g.avtale_id) if g.avtale_id else None
    belop, beregning = beregn_belop(n, g, avtale)
    return belop, beregning, g.lopenummer


def _felt(n: tb.NyttTilsagn, belop: int, beregning: dict[str, object]) -> dict[str, object]:
    from datetime import timedelta

    assert n.periode_start is not None and n.periode_slutt is not None
    return {
        "type": n.type,
        "periode_start": n.periode_start,
        "periode_slutt": n.periode_slutt + timedelta(days=1),
        "kostnadssted": n.kostnadssted,
        "antall_plasser": n.antall_plasser,
        "kommentar": n.kommentar,
        "beskrivelse": n.beskrivelse,
        "belop": belop,
        "beregning": beregning,
    }


def opprett(n: tb.NyttTilsagn, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Tilsagn:
    """§5.2 opprett: løpenummer from the gjennomføring's counter, bestillingsnummer `A-{løpenr}-{n}`."""
    tb.sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> Tilsagn:
        g = tx.hent_gjennomforing(n.gjennomforing_id)
        belop, beregning, g_lopenummer = _beregn(tx, n)
        assert g is not None
        lopenummer = g.neste_tilsagn_lopenummer
        while tx.bestillingsnummer_tatt(tb.bestillingsnummer(g_lopenummer, lopenummer)):
            lopenummer += 1  # taken by an imported or seeded tilsagn: unique by construction (issue 17 item 3)
        t = Tilsagn.model_validate(
            {
                "id": avh.ny_id(),
                "gjennomforing_id": g.id,
                "status": TilsagnStatus.TIL_GODKJENNING,
                "valuta": g.valuta,
                "lopenummer": lopenummer,
                "bestillingsnummer": tb.bestillingsnummer(g_lopenummer, lopenummer),
                **_felt(n, belop, beregning),
            }
        )
        o = tb.send_til_godkjenning(t, ansatt, avh.klokke.na())
        tx.tell_tilsagn_lopenummer(g.id, lopenummer + 1)
        tx.lagre_tilsagn(o.tilsagn, o.operasjon, ansatt.navident, ny=True)
        return o.tilsagn

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"gjennomforing/{n.gjennomforing_id}/tilsagn")


def endre(tilsagn_id: str, n: tb.NyttTilsagn, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Tilsagn:
    """PUT on a RETURNERT tilsagn: new values, sent for approval again (same løpenummer and bestillingsnummer)."""

    def fn(tx: NavTransaksjon) -> Tilsagn:
        t = _tilsagn(tx, tilsagn_id)
        if t.status is not TilsagnStatus.RETURNERT:
            raise UgyldigHandling(tb.KAN_IKKE_ENDRES)
        belop, beregning, _ = _beregn(tx, replace(n, gjennomforing_id=t.gjennomforing_id))
        ny = t.model_copy(update=_felt(n, belop, beregning))
        o = tb.send_til_godkjenning(ny, ansatt, avh.klokke.na())
        tx.lagre_tilsagn(o.tilsagn, o.operasjon, ansatt.navident)
        return o.tilsagn

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"tilsagn/{tilsagn_id}")


def slett(tilsagn_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter) -> None:
    def fn(tx: NavTransaksjon) -> None:
        t = _tilsagn(tx, tilsagn_id)
        tb.sjekk_kan_slettes(t, ansatt)
        tx.slett_tilsagn(t.id)

    avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"tilsagn/{tilsagn_id}")


def _med_melding(tx: NavTransaksjon, o: tb.Overgang, tidspunkt: object) -> Tilsagn:
    """The outbox record an approval emits, with the tilsagn's next sekvens."""
    t = o.tilsagn
    if o.melding is None:
        return t
    from datetime import datetime

    assert isinstance(tidspunkt, datetime)
    if o.melding is UtsendingType.BESTILLING:
        k = next(k for k in reversed(t.totrinnskontroller) if k.type is Kontrolltype.OPPRETTELSE)
        g = tx.hent_gjennomforing(t.gjennomforing_id)
        avtale = tx.hent_avtale(g.avtale_id) if g and g.avtale_id else None
        post, t = meldinger.bestilling(
            t, k, tiltakskode=g.tiltakskode if g else "", orgnr=g.arrangor_orgnr if g else "",
            avtalenummer=avtale.avtalenummer if avtale else None, opprettet=tidspunkt,
        )  # fmt: skip
    else:
        type_ = Kontrolltype.ANNULLERING if o.melding is UtsendingType.ANNULLERING else Kontrolltype.OPPGJOR
        k = next(k for k in reversed(t.totrinnskontroller) if k.type is type_)
        post, t = meldinger.annullering_eller_oppgjor(o.melding, t, k, tidspunkt)
    tx.legg_til_utsending(post)
    return t


def _beslutt(tilsagn_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter, handling: str, godkjent: bool,
             aarsaker: tuple[str, ...], forklaring: str | None) -> Tilsagn:  # fmt: skip
    def fn(tx: NavTransaksjon) -> Tilsagn:
        t = _tilsagn(tx, tilsagn_id)
        tid = avh.klokke.na()
        navn = avh.enheter.navn(t.kostnadssted or "")
        if handling == "opprettelse":
            o = (tb.godkjenn(t, ansatt, navn, tid) if godkjent
                 else tb.returner(t, ansatt, navn, tid, aarsaker, forklaring))  # fmt: skip
        elif handling == "annullering":
            o = tb.beslutt_annullering(
                t, ansatt, navn, tid, godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring
            )
        else:
            o = tb.beslutt_oppgjor(t, ansatt, navn, tid, godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring)
        ny = _med_melding(tx, o, tid)
        tx.lagre_tilsagn(ny, o.operasjon, ansatt.navident)
        return ny

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"tilsagn/{tilsagn_id}")


def godkjenn(tilsagn_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter) -> Tilsagn:
    return _beslutt(tilsagn_id, ansatt, avh, "opprettelse", True, (), None)


def returner(
    tilsagn_id: str, aarsaker: tuple[str, ...], forklaring: str | None, ansatt: NavAnsatt, avh: NavAvhengigheter
) -> Tilsagn:
    return _beslutt(tilsagn_id, ansatt, avh, "opprettelse", False, aarsaker, forklaring)


def beslutt_annullering(tilsagn_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter, *, godkjent: bool,
                        aarsaker: tuple[str, ...] = (), forklaring: str | None = None) -> Tilsagn:  # fmt: skip
    return _beslutt(tilsagn_id, ansatt, avh, "annullering", godkjent, aarsaker, forklaring)


def beslutt_oppgjor(tilsagn_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter, *, godkjent: bool,
                    aarsaker: tuple[str, ...] = (), forklaring: str | None = None) -> Tilsagn:  # fmt: skip
    return _beslutt(tilsagn_id, ansatt, avh, "oppgjor", godkjent, aarsaker, forklaring)


def send_til(
    tilsagn_id: str,
    handling: str,
    aarsaker: tuple[str, ...],
    forklaring: str | None,
    ansatt: NavAnsatt,
    avh: NavAvhengigheter,
) -> Tilsagn:
    """`handling` = "annullering" or "oppgjor" (the saksbehandler's half)."""

    def fn(tx: NavTransaksjon) -> Tilsagn:
        t = _tilsagn(tx, tilsagn_id)
        send = tb.send_til_annullering if handling == "annullering" else tb.send_til_oppgjor
        o = send(t, ansatt, avh.klokke.na(), aarsaker, forklaring)
        tx.lagre_tilsagn(o.tilsagn, o.operasjon, ansatt.navident)
        return o.tilsagn

    return avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"tilsagn/{tilsagn_id}")
