"""Property test: any sequence of actions by any role keeps the invariants of the life cycle (§5):
approvals are only on the current content, inngått only after every required approval, and nothing changes once
ANNULLERT. A refused action changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.domain.felles.feil import DomeneFeil
from shared.domain.tiltaksavtale import annuller as ann
from shared.domain.tiltaksavtale import daglig as dag
from shared.domain.tiltaksavtale import endre as en
from shared.domain.tiltaksavtale import etter_inngaelse as ei
from shared.domain.tiltaksavtale import godkjenn as gk
from shared.domain.tiltaksavtale import opphev as op
from shared.domain.tiltaksavtale import tilskuddsbeslutning as tb
from shared.domain.tiltaksavtale.avtale import Enhet, PaVegneAv, Tiltaksavtale
from shared.domain.tiltaksavtale.hendelser import Aktor, Utfall
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import (
    TYPER,
    InnholdType,
    Innsatsgruppe,
    Part,
    Returaarsak,
    Tiltakstype,
)
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.status import utled_status
from shared.domain.tiltaksavtale.tilgang import Enhetstype, Person, Virksomhet
from shared.domain.tiltaksavtale.varsler import Kontekst
from tests.unit.tiltaksavtale.byggere import (
    BEDRIFT,
    DELTAKER_FNR,
    FODSELSDATO,
    NA,
    UFERDIG,
    arbeidsgiver,
    beslutter,
    deltaker,
    fullt_innhold,
    ktx,
    lag_avtale,
    mentor,
    veileder,
)

TYPER_I_TESTEN = [Tiltakstype.VTAO, Tiltakstype.ARBEIDSTRENING, Tiltakstype.MENTOR, Tiltakstype.VARIG_LONNSTILSKUDD]
ROLLER = [arbeidsgiver(), deltaker(), mentor(), veileder(), veileder("Z2"), beslutter(), Aktor.system()]
BG = tb.Beslutningsgrunnlag(True, None, Innsatsgruppe.JOBBE_DELVIS)


def navgrunnlag(bekreftet: bool) -> gk.Navgrunnlag:
    person = Person(DELTAKER_FNR, "Kari", "Nordmann", FODSELSDATO)
    oppfolging = Oppfolgingsstatus(Enhet(nr="0301"), Innsatsgruppe.JOBBE_DELVIS)
    return gk.Navgrunnlag(bekreftet, person, oppfolging, Virksomhet(BEDRIFT, "Snekkeri AS", Enhetstype.UNDERENHET))


Handling = Callable[[Tiltaksavtale, Aktor, Kontekst], Utfall | None]


def _handlinger(t: Tiltakstype) -> list[Handling]:
    fullt = fullt_innhold(t)
    nytt = Avtaleinnhold(oppfolging="o", tilrettelegging="t")
    return [
        lambda a, r, k: en.endre(a, r, fullt, k),
        lambda a, r, k: en.endre(a, r, UFERDIG, k),
        lambda a, r, k: en.endre(a, r, fullt.model_copy(update={"arbeidsoppgaver": "Annet"}), k),
        lambda a, r, k: en.overta(a, r, None, k),
        lambda a, r, k: en.del_med_avtalepart(a, r, Part.DELTAKER, k),
        lambda a, r, k: gk.signer_taushetserklaering(a, r, k),
        lambda a, r, k: gk.godkjenn_som_deltaker(a, r, True, k),
        lambda a, r, k: gk.godkjenn_som_arbeidsgiver(a, r, True, k),
        lambda a, r, k: gk.godkjenn_som_veileder(a, r, navgrunnlag(True), k),
        lambda a, r, k: gk.godkjenn_pa_vegne_av_deltaker(a, r, navgrunnlag(True), PaVegneAv(reservert=True), k),
        lambda a, r, k: op.opphev_godkjenninger(a, r, k),
        lambda a, r, k: tb.tilskudd_godkjent(a, r, BG, k),
        lambda a, r, k: tb.tilskudd_returnert(a, r, BG, [Returaarsak.ANNET], "Feil", k),
        lambda a, r, k: tb.send_tilbake_til_beslutter(a, r, None, None, k),
        lambda a, r, k: tb.endre_etterregistrering(a, r, True, k),
        lambda a, r, k: ei.endre_etter_inngaelse(a, r, InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING, nytt, k),
        lambda a, r, k: ei.forleng(a, r, date(2027, 12, 31), k),
        lambda a, r, k: ei.forkort(a, r, date(2026, 1, 31), "Syk", None, k),
        lambda a, r, k: ann.annuller(a, r, "Syk", k),
        lambda a, r, k: dag.oppfolging_utfort(a, r, k),
        lambda a, r, k: dag.daglig(a, k),
    ]


_V, _AG, _D, _M, _B = veileder(), arbeidsgiver(), deltaker(), mentor(), beslutter()
NATURLIGE: list[tuple[Aktor, ...]] = [
    (_AG, _V),
    (_AG, _V),
    (_AG, _V),
    (veileder("Z2"),),
    (_V,),
    (_M,),
    (_D,),
    (_AG,),
    (_V,),
    (_V,),
    (_AG, _V),
    (_B,),
    (_B,),
    (_V,),
    (_B,),
    (_V,),
    (_V,),
    (_V,),
    (_V,),
    (_V,),
    (Aktor.system(),),
]
"""The roles §5.3 allows per action (the strategy mostly picks these, so long flows happen)."""


def _krav_til_inngaelse(a: Tiltaksavtale) -> None:
    g = a.godkjenninger
    assert g.deltaker is not None and g.arbeidsgiver is not None and g.veileder is not None
    if a.tiltakstype == Tiltakstype.MENTOR:
        assert g.mentor_taushetserklaering is not None
    if TYPER[a.tiltakstype].beslutter:
        assert g.beslutter is not None


def _godkjenninger_etter(a: Tiltaksavtale, innhold_endret: datetime) -> None:
    g = a.godkjenninger
    for godkjenning in (g.deltaker, g.arbeidsgiver, g.veileder):
        assert godkjenning is None or godkjenning.tidspunkt >= innhold_endret, "godkjent på et eldre innhold"


def _sjekk_steg(for_: Tiltaksavtale, u: Utfall, k: Kontekst, innhold_endret: datetime) -> None:
    a = u.avtale
    assert not for_.er_annullert, "en annullert avtale ble endret"
    assert a.versjon >= for_.versjon
    assert a.status == utled_status(a, k.idag)
    assert all(h.avtale_id == a.id for h in u.hendelser)
    if not a.er_inngatt:
        _godkjenninger_etter(a, innhold_endret)
    elif not for_.er_inngatt:
        _krav_til_inngaelse(a)
        assert any(h.tekst == "Avtale godkjent av Nav" for h in u.hendelser)
    else:
        assert a.godkjenninger.deltaker == for_.godkjenninger.deltaker, "ingen ny godkjenning etter inngåelse"


def kjor(t: Tiltakstype, start_full: bool, handlinger: list[tuple[int, Aktor, int]]) -> Tiltaksavtale:
    """Apply the actions in order (a refused one changes nothing), checking the invariants after each."""
    a = lag_avtale(t, fullt=start_full)
    tilgjengelige = _handlinger(t)
    na, innhold_endret = NA, NA
    for nr, aktor, timer in handlinger:
        na += timedelta(hours=timer)
        k = ktx(na)
        try:
            u = tilgjengelige[nr](a, aktor, k)
        except DomeneFeil:
            continue
        if u is None:
            continue
        if u.avtale.innhold != a.innhold and not a.er_inngatt:
            innhold_endret = na
        _sjekk_steg(a, u, k, innhold_endret)
        a = u.avtale
    return a


@st.composite
def _ett_steg(draw: st.DrawFn) -> tuple[int, Aktor, int]:
    nr = draw(st.integers(0, len(NATURLIGE) - 1))
    roller = NATURLIGE[nr] if draw(st.integers(0, 9)) else tuple(ROLLER)
    # Mostly hours (Nav's approval must come within 7 days of the start), sometimes weeks (expiry, daily job).
    timer = draw(st.integers(1, 8)) if draw(st.integers(0, 9)) else draw(st.integers(24, 24 * 90))
    return nr, draw(st.sampled_from(roller)), timer


steg = st.lists(_ett_steg(), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(t=st.sampled_from(TYPER_I_TESTEN), start_full=st.booleans(), handlinger=steg)
def test_invariantene_holder_for_enhver_rekkefolge(
    t: Tiltakstype, start_full: bool, handlinger: list[tuple[int, Aktor, int]]
) -> None:
    kjor(t, start_full, handlinger)


def test_handlingslisten_kan_fore_helt_fram_til_inngatt_og_annullert() -> None:
    """Guards the property test: the same actions reach inngåelse and annulment, so the invariants are exercised."""
    d, ag, v, b = deltaker(), arbeidsgiver(), veileder(), beslutter()
    a = kjor(Tiltakstype.VTAO, True, [(7, ag, 1), (6, d, 1), (8, v, 1), (11, b, 1)])
    assert a.er_inngatt
    a = kjor(Tiltakstype.VTAO, True, [(7, ag, 1), (6, d, 1), (8, v, 1), (11, b, 1), (18, v, 1), (7, ag, 1)])
    assert a.er_annullert
