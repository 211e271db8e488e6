"""Use cases of rows 3–20 and 23 (§5.3, §8.3): each checks the caller's access, asks the ports what the row
needs, and runs the row in one transaction with the optimistic lock (`utfor`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from shared.domain.tiltaksavtale import annuller as ann
from shared.domain.tiltaksavtale import daglig as dag
from shared.domain.tiltaksavtale import endre as en
from shared.domain.tiltaksavtale import etter_inngaelse as ei
from shared.domain.tiltaksavtale import godkjenn as gk
from shared.domain.tiltaksavtale import opphev as op
from shared.domain.tiltaksavtale import tilskuddsbeslutning as tb
from shared.domain.tiltaksavtale.avtale import PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.feil import AvtaleTjenesteNede, rolle_har_ikke_tilgang
from shared.domain.tiltaksavtale.hendelser import Aktor
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import InnholdType, Part, Returaarsak, Rolle
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.service.tiltaksavtale.felles import INNSATSBEHOV_FEILET, Avhengigheter, hent, sjekk_tilgang, utfor
from shared.service.tiltaksavtale.ports import PortFeil


def _klar(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, endepunkt: str, *, signering: bool = False
) -> Tiltaksavtale:
    a = hent(avh, avtale_id)
    sjekk_tilgang(avh, aktor, a, endepunkt, "UPDATE", signering=signering)
    return a


def _oppfolging(avh: Avhengigheter, fnr: str) -> Oppfolgingsstatus:
    try:
        return avh.oppfolging.hent(fnr)
    except PortFeil as e:
        raise AvtaleTjenesteNede(INNSATSBEHOV_FEILET, "HENTING_AV_INNSATSBEHOV_FEILET") from e


def endre(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, innhold: Avtaleinnhold
) -> Tiltaksavtale:
    """Row 3 (PUT): a veileder's oppfølgingsstatus is refreshed first."""
    a = _klar(avh, aktor, avtale_id, "PUT /avtaler/{id}")
    oppfolging = _oppfolging(avh, a.deltaker_fnr) if aktor.rolle == Rolle.VEILEDER else None
    return utfor(avh, avtale_id, sist_endret, lambda a, k: en.endre(a, aktor, innhold, k, oppfolging))


def overta(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    """Row 4: person access is the row's own precondition, so the refusal text comes from the row."""
    if aktor.rolle != Rolle.VEILEDER:
        raise rolle_har_ikke_tilgang()
    a = hent(avh, avtale_id)
    avvisning = avh.nav.skrivetilgang(aktor.ident, a.deltaker_fnr)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: en.overta(a, aktor, avvisning, k))


def del_med(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, part: Part) -> Tiltaksavtale:
    _klar(avh, aktor, avtale_id, "POST /avtaler/{id}/del")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: en.del_med_avtalepart(a, aktor, part, k))


def signer(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    _klar(avh, aktor, avtale_id, "POST /mentor/avtaler/{id}/signer-taushetserklaering", signering=True)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: gk.signer_taushetserklaering(a, aktor, k))


def _navgrunnlag(avh: Avhengigheter, a: Tiltaksavtale, bekreftet: bool, kostnadssted: str | None) -> gk.Navgrunnlag:
    person = avh.personer.hent(a.deltaker_fnr)
    assert person is not None, "a deltaker with an avtale is known to the person register"
    return gk.Navgrunnlag(
        bekreftet, person, _oppfolging(avh, a.deltaker_fnr), avh.enheter.hent(a.bedrift_nr), kostnadssted
    )


def godkjenn(
    avh: Avhengigheter,
    aktor: Aktor,
    avtale_id: str,
    sist_endret: datetime,
    bekreftet: bool,
    kostnadssted: str | None = None,
) -> Tiltaksavtale:
    """Rows 7–9 by the caller's role."""
    a = _klar(avh, aktor, avtale_id, "POST /avtaler/{id}/godkjenn")
    if aktor.rolle == Rolle.DELTAKER:
        return utfor(avh, avtale_id, sist_endret, lambda a, k: gk.godkjenn_som_deltaker(a, aktor, bekreftet, k))
    if aktor.rolle == Rolle.ARBEIDSGIVER:
        return utfor(avh, avtale_id, sist_endret, lambda a, k: gk.godkjenn_som_arbeidsgiver(a, aktor, bekreftet, k))
    g = _navgrunnlag(avh, a, bekreftet, kostnadssted)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: gk.godkjenn_som_veileder(a, aktor, g, k))


def godkjenn_pa_vegne_av(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, bekreftet: bool, grunn: PaVegneAv
) -> Tiltaksavtale:
    """Row 10."""
    a = _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/godkjenn-paa-vegne-av")
    g = _navgrunnlag(avh, a, bekreftet, None)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: gk.godkjenn_pa_vegne_av_deltaker(a, aktor, g, grunn, k))


def opphev(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    """Row 12."""
    _klar(avh, aktor, avtale_id, "POST /avtaler/{id}/opphev-godkjenninger")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: op.opphev_godkjenninger(a, aktor, k))


def _beslutningsgrunnlag(avh: Avhengigheter, aktor: Aktor, a: Tiltaksavtale) -> tb.Beslutningsgrunnlag:
    try:
        gruppe = avh.oppfolging.hent(a.deltaker_fnr).innsatsgruppe
    except PortFeil:
        gruppe = a.innsatsgruppe  # §6.3: a failing lookup does not block, as Nav
    return tb.Beslutningsgrunnlag(
        avh.nav.er_beslutter_ved(aktor.ident, a.kostnadssted),
        avh.nav.skrivetilgang(aktor.ident, a.deltaker_fnr),
        gruppe,
    )


def godkjenn_tilskudd(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    """Row 13 (non-VTA-O grant; VTA-O goes through the tilsagn routes once §6 lands)."""
    a = _klar(avh, aktor, avtale_id, "POST /beslutter/avtaler/{id}/tilskudd/godkjenn")
    g = _beslutningsgrunnlag(avh, aktor, a)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: tb.tilskudd_godkjent(a, aktor, g, k))


def returner_tilskudd(
    avh: Avhengigheter,
    aktor: Aktor,
    avtale_id: str,
    sist_endret: datetime,
    aarsaker: Sequence[Returaarsak],
    forklaring: str | None,
) -> Tiltaksavtale:
    """Row 14."""
    a = _klar(avh, aktor, avtale_id, "POST /beslutter/avtaler/{id}/tilskudd/returner")
    g = _beslutningsgrunnlag(avh, aktor, a)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: tb.tilskudd_returnert(a, aktor, g, aarsaker, forklaring, k))


def send_tilbake(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, kostnadssted: str | None
) -> Tiltaksavtale:
    """Row 15: person access before the grant's state, so a refused caller learns nothing about it."""
    if aktor.rolle != Rolle.VEILEDER:
        raise rolle_har_ikke_tilgang()
    a = _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/send-tilbake-til-beslutter")
    avvisning = avh.nav.skrivetilgang(aktor.ident, a.deltaker_fnr)
    return utfor(
        avh, avtale_id, sist_endret, lambda a, k: tb.send_tilbake_til_beslutter(a, aktor, avvisning, kostnadssted, k)
    )


def etterregistrering(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    """Row 20."""
    a = _klar(avh, aktor, avtale_id, "POST /beslutter/avtaler/{id}/etterregistrering")
    har_rolle = avh.nav.er_beslutter_ved(aktor.ident, a.kostnadssted)
    return utfor(avh, avtale_id, sist_endret, lambda a, k: tb.endre_etterregistrering(a, aktor, har_rolle, k))


def endre_etter_inngaelse(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, type_: InnholdType, innhold: Avtaleinnhold
) -> Tiltaksavtale:
    """Row 16: one of the §5.5 routes."""
    _klar(avh, aktor, avtale_id, f"POST /veileder/avtaler/{{id}}/{type_.value.lower()}")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: ei.endre_etter_inngaelse(a, aktor, type_, innhold, k))


def forleng(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, slutt: date) -> Tiltaksavtale:
    """Row 17: the oppfølgingsstatus refreshed."""
    a = _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/forleng")
    gruppe = _oppfolging(avh, a.deltaker_fnr).innsatsgruppe
    return utfor(avh, avtale_id, sist_endret, lambda a, k: ei.forleng(a, aktor, slutt, k, gruppe))


def forkort(
    avh: Avhengigheter,
    aktor: Aktor,
    avtale_id: str,
    sist_endret: datetime,
    slutt: date,
    grunn: str | None,
    annet_grunn: str | None = None,
) -> Tiltaksavtale:
    """Row 18 (the VTA-O paid-months check joins when §6 gives the last paid day)."""
    _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/forkort")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: ei.forkort(a, aktor, slutt, grunn, annet_grunn, k))


def annuller(
    avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime, grunn: str | None
) -> Tiltaksavtale:
    """Row 19 (VTA-O: `har_utbetalt` joins with §6)."""
    _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/annuller")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: ann.annuller(a, aktor, grunn, k))


def oppfolging_utfort(avh: Avhengigheter, aktor: Aktor, avtale_id: str, sist_endret: datetime) -> Tiltaksavtale:
    """Row 23."""
    _klar(avh, aktor, avtale_id, "POST /veileder/avtaler/{id}/oppfolging-utfort")
    return utfor(avh, avtale_id, sist_endret, lambda a, k: dag.oppfolging_utfort(a, aktor, k))
