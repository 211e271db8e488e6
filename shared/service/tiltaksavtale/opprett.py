"""Use cases of rows 1–2: a veileder or an arbeidsgiver creates an avtale (§5.3, §8.3 POST …/avtaler)."""

from __future__ import annotations

from collections.abc import Callable

from shared.domain.tiltaksavtale.avtale import AvtaleId, Tiltaksavtale
from shared.domain.tiltaksavtale.feil import AvtaleTjenesteNede, regelbrudd
from shared.domain.tiltaksavtale.hendelser import Aktor, Utfall
from shared.domain.tiltaksavtale.kodeverk import ADRESSESPERRE_RESSURS, TYPER
from shared.domain.tiltaksavtale.opprett import (
    UGYLDIG_FNR,
    NyAvtale,
    Oppfolgingsstatus,
    Opprettelsesgrunnlag,
    opprett_som_arbeidsgiver,
    opprett_som_veileder,
)
from shared.domain.tiltaksavtale.tilgang import Person
from shared.service.tiltaksavtale.felles import (
    ALTINN_NEDE,
    INNSATSBEHOV_FEILET,
    Avhengigheter,
    logg,
    skriv_utfall,
)
from shared.service.tiltaksavtale.ports import PortFeil, TiltaksavtaleTransaksjon


def _person(avh: Avhengigheter, fnr: str) -> Person:
    person = avh.personer.hent(fnr)
    if person is None:
        raise regelbrudd(UGYLDIG_FNR, pointer="/deltakerFnr")
    return person


def _oppfolging(avh: Avhengigheter, fnr: str, *, pakrevd: bool) -> Oppfolgingsstatus | None:
    try:
        return avh.oppfolging.hent(fnr)
    except PortFeil as e:
        if pakrevd:
            raise AvtaleTjenesteNede(INNSATSBEHOV_FEILET, "HENTING_AV_INNSATSBEHOV_FEILET") from e
        return None


def _lagre(avh: Avhengigheter, lag: Callable[[int], Utfall]) -> Tiltaksavtale:
    """The avtalenr is taken from the counter in the creating transaction."""

    def fn(tx: TiltaksavtaleTransaksjon) -> Tiltaksavtale:
        u = lag(tx.neste_avtalenr())
        skriv_utfall(tx, u, ny=True)
        return u.avtale

    return avh.repo.i_transaksjon(fn)


def opprett_avtale_som_veileder(avh: Avhengigheter, aktor: Aktor, ny: NyAvtale) -> Tiltaksavtale:
    """Row 1: the deltaker's access is checked (and logged) before anything is read about the person."""
    avvisning = avh.nav.skrivetilgang(aktor.ident, ny.deltaker_fnr)
    person = _person(avh, ny.deltaker_fnr)
    oppfolging = _oppfolging(avh, ny.deltaker_fnr, pakrevd=True)
    virksomhet = avh.enheter.hent(ny.bedrift_nr)
    avtale_id = AvtaleId(avh.ny_id())
    ktx = avh.kontekst()

    def lag(avtalenr: int) -> Utfall:
        g = Opprettelsesgrunnlag(avtale_id, avtalenr, person, virksomhet, oppfolging)
        return opprett_som_veileder(ny, g, avvisning, aktor, ktx)

    a = _lagre(avh, lag)
    logg(avh, aktor, "POST /veileder/avtaler", [a], "CREATE", True)
    return a


def opprett_avtale_som_arbeidsgiver(avh: Avhengigheter, aktor: Aktor, ny: NyAvtale) -> Tiltaksavtale:
    """Row 2: continues without oppfølgingsstatus when the register has none or fails."""
    try:
        rettigheter = avh.altinn.hent(aktor.ident, [TYPER[ny.tiltakstype].ressurs, ADRESSESPERRE_RESSURS])
    except PortFeil as e:
        raise AvtaleTjenesteNede(ALTINN_NEDE) from e
    person = _person(avh, ny.deltaker_fnr)
    oppfolging = _oppfolging(avh, ny.deltaker_fnr, pakrevd=False)
    virksomhet = avh.enheter.hent(ny.bedrift_nr)
    avtale_id = AvtaleId(avh.ny_id())
    ktx = avh.kontekst()

    def lag(avtalenr: int) -> Utfall:
        g = Opprettelsesgrunnlag(avtale_id, avtalenr, person, virksomhet, oppfolging)
        return opprett_som_arbeidsgiver(ny, g, rettigheter, aktor, ktx)

    return _lagre(avh, lag)
