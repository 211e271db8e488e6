"""Arrangør use cases (domene.md §8.2, §8.3, §6.7, §11): access, lists, claim and tilsagn reads, godkjenn, avbryt,
regenerer, kvittering and kontonummer sync. Ports come in through `ArrangorAvh`.

Access (§2, §8.1): every use case gets the user's granted orgnr from the Altinn port (cached, HMAC-keyed) and checks
the orgnr of what it touches: 404 for an unknown id, 403 when the orgnr is not granted, the long 403 on lists when
nothing is granted, 503 when Altinn is down with no cache.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from shared.domain.felles.betaling import normaliser_kid
from shared.domain.felles.feil import FeltFeil, FinnesIkke, IkkeTilgang, TjenesteNede, UgyldigTilstand, Valideringsfeil
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.generering.krav import Grunnlag, Omberegning, omberegn_utbetaling, pakk_ut
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.tilsagn.tilsagn import Tilsagn, kan_brukes_for
from shared.domain.utbetaling.automatisk import AFT_VTA
from shared.domain.utbetaling.innsending import (
    AVBRUTT_TEKST,
    ENDRET_TEKST,
    FRA_FERDIG_BEHANDLET,
    SENDT_INN_TEKST,
    Advarsel,
    advarsler,
    idag,
    kan_vise_beregning,
    regenerer_feil,
    sjekk_avbryt,
    sjekk_innsending,
    sjekk_tilstand_for_godkjenning,
    vist_ident,
)
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Utbetaling, UtbetalingStatus, neste_updated_at
from shared.logg import felt
from shared.service.arrangor.ports import (
    Altinn,
    AltinnFeil,
    ArrangorRepo,
    Endring,
    Innsyn,
    Linje,
    Oversikt,
    Tilgangslogg,
    TilgangsloggFeil,
)
from shared.service.nav.automatisk_utbetaling import forsok_automatisk_utbetaling
from shared.service.nav.ports import NavTransaksjon
from shared.service.ports import Klokke, KontoregisterFeil

logg = logging.getLogger(__name__)

MANGLER_TILGANG = (
    "Du mangler tilgang til utbetalingsløsningen. Tilgang delegeres i Altinn som en enkeltrettighet av din "
    "arbeidsgiver. Det er enkeltrettigheten “Be om utbetaling - Nav Arbeidsmarkedstiltak” du må få via Altinn. Når "
    "enkeltrettigheten er delegert i Altinn kan du laste siden på nytt og få tilgang."
)
ALTINN_NEDE = "Klarte ikke få kontakt med Altinn. Vennligst prøv igjen senere"
SYNLIGE_TILSAGN = frozenset(
    {TilsagnStatus.GODKJENT, TilsagnStatus.TIL_ANNULLERING, TilsagnStatus.ANNULLERT, TilsagnStatus.TIL_OPPGJOR,
     TilsagnStatus.OPPGJORT}
)  # fmt: skip
"""§5.2: the tilsagn statuses the arrangør sees."""


class GrunnlagRepo(Protocol):
    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]: ...

    def hent_advarselgrunnlag(
        self, gjennomforing_ider: Sequence[str], idag: date
    ) -> dict[str, tuple[list[Deltakelse], list[Forslag]]]:
        """Per gjennomføring, a superset of the deltakelser and forslag that can give an advarsel today."""
        ...


@dataclass(frozen=True)
class ArrangorAvh:
    repo: ArrangorRepo
    altinn: Altinn
    klokke: Klokke
    grunnlag: GrunnlagRepo
    tilgangslogg: Tilgangslogg


@dataclass(frozen=True)
class Bruker:
    pid: str = field(repr=False)
    korrelasjon_id: str = ""


def tilganger(bruker: Bruker, avh: ArrangorAvh) -> frozenset[str]:
    try:
        return avh.altinn.organisasjoner(bruker.pid)
    except AltinnFeil as e:
        logg.warning("Altinn svarte ikke", extra=felt(korrelasjon_id=bruker.korrelasjon_id))
        raise TjenesteNede(ALTINN_NEDE) from e


def krev_noen(tilgang: frozenset[str]) -> frozenset[str]:
    if not tilgang:
        raise IkkeTilgang(MANGLER_TILGANG)
    return tilgang


def krev_orgnr(orgnr: str, tilgang: frozenset[str]) -> None:
    if orgnr not in tilgang:
        raise IkkeTilgang(f"Ikke tilgang til bedrift med organisasjonsnummer {orgnr}")


# ------------------------------------------------------------------------ claims
@dataclass
class Kontekst:
    """Names and links the views need, read in bulk."""

    gjennomforinger: dict[str, Gjennomforing]
    arrangorer: dict[str, Arrangor]
    linjer: dict[str, list[Linje]]


def _kontekst(
    avh: Leseavh, utbetalinger: Sequence[Utbetaling], orgnr: Sequence[str], lest: Oversikt | None = None
) -> Kontekst:
    """`lest`: what the list already read from the arrangørindeks; only what it lacks is read here."""
    behandlet = [u.id for u in utbetalinger if u.status in FRA_FERDIG_BEHANDLET or u.status is UtbetalingStatus.AVBRUTT]
    linjer: dict[str, list[Linje]] = {}
    for linje in avh.repo.linjer(behandlet) if behandlet else []:
        linjer.setdefault(linje.utbetaling_id, []).append(linje)
    gjennomforinger = dict(lest.gjennomforinger) if lest else {}
    mangler = [u.gjennomforing_id for u in utbetalinger if u.gjennomforing_id not in gjennomforinger]
    if mangler:
        gjennomforinger |= avh.repo.gjennomforinger(mangler)
    return Kontekst(
        gjennomforinger=gjennomforinger,
        arrangorer=lest.arrangorer if lest else avh.repo.arrangorer(list(orgnr)),
        linjer=linjer,
    )


@dataclass
class UtbetalingListe:
    utbetalinger: list[Utbetaling]
    kontekst: Kontekst
    advarsler: dict[str, list[Advarsel]]
    idag: Any


def list_utbetalinger(bruker: Bruker, avh: ArrangorAvh) -> UtbetalingListe:
    tilgang = krev_noen(tilganger(bruker, avh))
    lest = avh.repo.oversikt(sorted(tilgang))
    alle = lest.utbetalinger[:5000]
    dag = idag(avh.klokke.na())
    genererte = [u for u in alle if u.status is UtbetalingStatus.GENERERT]
    grunnlag = avh.grunnlag.hent_advarselgrunnlag([u.gjennomforing_id for u in genererte], dag) if genererte else {}
    adv = {}
    for u in genererte:
        deltakelser, forslag = grunnlag.get(u.gjennomforing_id, ([], []))
        adv[u.id] = advarsler(u.periode_start, u.periode_slutt, deltakelser, forslag, dag)
    return UtbetalingListe(alle, _kontekst(avh, alle, sorted(tilgang), lest), adv, dag)


def _advarsler_for(
    utbetalinger: Sequence[Utbetaling], avh: Leseavh, dag: Any
) -> dict[str, tuple[list[Advarsel], list[Deltakelse]]]:
    """The advarsler of the GENERERT claims (§8.3), from the same current data godkjenn checks (the grunnlag, read
    by id through the grunnlagsindeks: one round per month, no query)."""
    genererte = [u for u in utbetalinger if u.status is UtbetalingStatus.GENERERT]
    ut: dict[str, tuple[list[Advarsel], list[Deltakelse]]] = {}
    for maned in sorted({u.maned for u in genererte if u.maned}):
        grunnlag = avh.grunnlag.hent_grunnlag([u.gjennomforing_id for u in genererte if u.maned == maned], maned)
        for u in (u for u in genererte if u.maned == maned):
            g = grunnlag.get(u.gjennomforing_id)
            d, f = (list(g.deltakelser), list(g.forslag)) if g else ([], [])
            ut[u.id] = advarsler(u.periode_start, u.periode_slutt, d, f, dag), d
    for u in (u for u in genererte if not u.maned):
        d = avh.repo.deltakelser_for_gjennomforing(u.gjennomforing_id, u.periode_start.isoformat())
        f = avh.repo.ventende_forslag(u.gjennomforing_id)
        ut[u.id] = advarsler(u.periode_start, u.periode_slutt, d, f, dag), d
    return ut


@dataclass
class UtbetalingVisning:
    u: Utbetaling
    kontekst: Kontekst
    advarsler: list[Advarsel]
    deltakelser: dict[str, Deltakelse]
    output: dict[str, Any] | None
    input: dict[str, Any] | None
    kan_vise_beregning: bool
    kan_regenereres: bool
    idag: Any


@dataclass(frozen=True, slots=True)
class Tilgjengelig:
    """A claim whose orgnr was checked against the user's grants (`krev_tilgang`), so a handler can check access
    before it parses the body (a user without rights gets 403, never a 400 about the body)."""

    u: Utbetaling


def krev_tilgang(utbetaling_id: str, bruker: Bruker, avh: ArrangorAvh) -> Tilgjengelig:
    return Tilgjengelig(_hent_med_tilgang(utbetaling_id, bruker, avh)[0])


def _hent_med_tilgang(
    utbetaling_id: str | Tilgjengelig, bruker: Bruker, avh: ArrangorAvh
) -> tuple[Utbetaling, frozenset[str]]:
    if isinstance(utbetaling_id, Tilgjengelig):
        return utbetaling_id.u, frozenset({utbetaling_id.u.arrangor_orgnr})
    tilgang = tilganger(bruker, avh)
    u = avh.repo.hent_utbetaling(utbetaling_id)
    if u is None:
        raise FinnesIkke(f"Fant ikke utbetaling med id={utbetaling_id}")
    krev_orgnr(u.arrangor_orgnr, tilgang)
    return u, tilgang


def _beregning(u: Utbetaling) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    if not u.beregning_gz:
        return None, None
    try:
        inn, ut = pakk_ut(u.beregning_gz)
        return json.loads(inn), json.loads(ut) if ut else None
    except (ValueError, gzip.BadGzipFile, OSError):
        return None, None


def hent_utbetaling(
    utbetaling_id: str, bruker: Bruker, avh: ArrangorAvh, endepunkt: str, *, viser_deltakere: bool = True
) -> UtbetalingVisning:
    """GET /utbetaling/{id}; writes the access-log entry before participant data can be sent (§11). A caller that
    sends none of the participants' data (the PDF receipt) passes `viser_deltakere=False`: the log lists what was
    disclosed, nothing more (issue 17 item 7)."""
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)

    def innsyn(identer: list[str]) -> None:
        if viser_deltakere:
            logg_innsyn(bruker, u.arrangor_orgnr, endepunkt, u.id, identer, avh)

    return utbetaling_visning(u, avh, innsyn)


class Leseavh(Protocol):
    """What the claim view reads (a part of `ArrangorAvh`; the Nav API's work views build their own)."""

    @property
    def repo(self) -> ArrangorRepo: ...

    @property
    def grunnlag(self) -> GrunnlagRepo: ...

    @property
    def klokke(self) -> Klokke: ...


def utbetaling_visning(u: Utbetaling, avh: Leseavh, innsyn: Callable[[list[str]], None]) -> UtbetalingVisning:
    """The claim as the arrangør sees it (beregning, participants masked by §11, advarsler), for a caller whose access
    to `u` was checked. `innsyn(identer)` is called with the participants shown before the view is returned (the
    access log; not called when no participant is shown)."""
    dag = idag(avh.klokke.na())
    inn, ut = _beregning(u)
    vis = kan_vise_beregning(u, dag)
    adv, lest = _advarsler_for([u], avh, dag).get(u.id, ([], []))
    deltaker_ider = [d["id"] for d in (ut or {}).get("deltakelser", [])] if vis else []
    kjent = {d.id: d for d in lest}
    deltakelser = {i: kjent[i] for i in deltaker_ider if i in kjent}
    mangler = [i for i in deltaker_ider if i not in kjent]
    deltakelser |= avh.repo.deltakelser(mangler) if mangler else {}
    identer = [d.person.norsk_ident for d in deltakelser.values()] + [a.person.norsk_ident for a in adv if a.person]
    if identer:
        innsyn(identer)
    andre = avh.repo.utbetalinger_for_gjennomforing(u.gjennomforing_id) if u.status is UtbetalingStatus.AVBRUTT else []
    return UtbetalingVisning(
        u=u,
        kontekst=_kontekst(avh, [u], [u.arrangor_orgnr]),
        advarsler=adv,
        deltakelser=deltakelser,
        output=ut,
        input=inn,
        kan_vise_beregning=vis,
        kan_regenereres=regenerer_feil(u, andre) is None,
        idag=dag,
    )


def logg_innsyn(
    bruker: Bruker, orgnr: str, endepunkt: str, dokument_id: str, identer: Sequence[str], avh: ArrangorAvh
) -> None:
    try:
        avh.tilgangslogg.skriv(
            Innsyn(
                pid=bruker.pid,
                orgnr=orgnr,
                endepunkt=endepunkt,
                dokument_id=dokument_id,
                korrelasjon_id=bruker.korrelasjon_id,
                deltaker_identer=tuple(dict.fromkeys(identer)),
                tidspunkt=avh.klokke.na(),
            )
        )
    except TilgangsloggFeil as e:
        logg.error("Tilgangsloggen kunne ikke skrives", extra=felt(dokument_id=dokument_id))
        raise TjenesteNede("Klarte ikke logge innsyn. Vennligst prøv igjen senere") from e


# ------------------------------------------------------------------------ godkjenn (§8.3)
@dataclass(frozen=True)
class Godkjenning:
    updated_at: str
    kid: str | None
    bekreftet: bool | None


def _parse_instant(tekst: str) -> datetime | None:
    try:
        verdi = datetime.fromisoformat(tekst.replace("Z", "+00:00"))
    except ValueError:
        return None
    return verdi if verdi.tzinfo is not None else None


def _sjekk_kropp(lagret: Utbetaling, g: Godkjenning) -> str | None:
    """§8.3 step 1; returns the normalised KID."""
    tidspunkt = _parse_instant(g.updated_at)
    if tidspunkt is None or tidspunkt != lagret.updated_at:
        raise UgyldigTilstand([FeltFeil("/updatedAt", ENDRET_TEKST)])
    kid = normaliser_kid(g.kid, "/kid")
    if g.bekreftet is False:
        raise UgyldigTilstand([FeltFeil("/bekreftet", "Du må bekrefte at opplysningene er korrekte")])
    return kid


def _godkjenn_endring(lagret: Utbetaling, g: Godkjenning, grunnlag: Grunnlag | None, na: datetime) -> Endring:
    try:
        kid = _sjekk_kropp(lagret, g)
        sjekk_tilstand_for_godkjenning(lagret)
        gjeldende = lagret
        if lagret.maned is not None:
            utfall, ny = omberegn_utbetaling(lagret, grunnlag, na)
            if utfall is Omberegning.OPPDATERT and ny is not None:
                return Endring(ny=ny, operasjon="Beregning oppdatert", feil=_endret())
            if utfall is Omberegning.SLETTET:
                return Endring(feil=_endret())
        dag = idag(na)
        adv = (
            advarsler(gjeldende.periode_start, gjeldende.periode_slutt, grunnlag.deltakelser, grunnlag.forslag, dag)
            if grunnlag
            else []
        )
        sjekk_innsending(gjeldende, dag, adv)
    except Valideringsfeil as e:
        return Endring(feil=e)
    konto = gjeldende.betalingsinformasjon.kontonummer if gjeldende.betalingsinformasjon else None
    sendt = gjeldende.model_copy(
        update={
            "betalingsinformasjon": Betalingsinformasjon(kontonummer=konto, kid=kid),
            "innsendt_tidspunkt": na,
            "status": UtbetalingStatus.TIL_BEHANDLING,
            "blokkeringer": (),
            "updated_at": neste_updated_at(na, lagret.updated_at),
        }
    )
    automatisk = _automatisk(na) if sendt.prismodell == AFT_VTA else None
    return Endring(ny=sendt, operasjon=SENDT_INN_TEKST, arkiver=True, i_samme_transaksjon=automatisk)


def _automatisk(na: datetime) -> Callable[[NavTransaksjon, Utbetaling], Utbetaling]:
    """§8.3 "On success": the AFT/VTA path (§6.6) in godkjenn's transaction; the result code goes to the log."""

    def kjor(ntx: NavTransaksjon, sendt: Utbetaling) -> Utbetaling:
        return forsok_automatisk_utbetaling(ntx, sendt, tidspunkt=na).utbetaling

    return kjor


def _endret() -> UgyldigTilstand:
    return UgyldigTilstand([FeltFeil("/updatedAt", ENDRET_TEKST)])


def godkjenn(utbetaling_id: str | Tilgjengelig, g: Godkjenning, bruker: Bruker, avh: ArrangorAvh) -> Utbetaling:
    """One transaction: CAS on updatedAt, the ordered checks, the §7.2 recalculation, then TIL_BEHANDLING and, for
    AFT/VTA, the automatic payment (§6.6: FERDIG_BEHANDLET when it applies). The current data (grunnlag) is read
    just before; the claim document itself is read and written inside the transaction, so a request that loses a
    race re-runs every check on what the winner committed. Returns the claim as committed."""
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    grunnlag = avh.grunnlag.hent_grunnlag([u.gjennomforing_id], u.maned).get(u.gjennomforing_id) if u.maned else None
    resultat = avh.repo.endre_utbetaling(u.id, lambda lagret: _godkjenn_endring(lagret, g, grunnlag, avh.klokke.na()))
    if resultat.feil is not None:
        raise resultat.feil
    if resultat.ny is None:
        raise FinnesIkke(f"Fant ikke utbetaling med id={u.id}")
    logg.info(
        "Utbetaling sendt inn",
        extra=felt(utbetaling_id=u.id, status=resultat.ny.status.value, korrelasjon_id=bruker.korrelasjon_id),
    )
    return resultat.ny


# ------------------------------------------------------------------------ avbryt, kvittering, sync
def avbryt(utbetaling_id: str | Tilgjengelig, begrunnelse: str | None, bruker: Bruker, avh: ArrangorAvh) -> Utbetaling:
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    na = avh.klokke.na()

    def endring(lagret: Utbetaling) -> Endring:
        try:
            tekst = sjekk_avbryt(lagret, begrunnelse)
        except Valideringsfeil as e:
            return Endring(feil=e)
        avbrytelse = {"av": "ARRANGOR", "tidspunkt": na, "begrunnelse": tekst, "forrige_status": lagret.status.value}
        ny = lagret.model_copy(
            update={"status": UtbetalingStatus.AVBRUTT, "avbrytelse": avbrytelse,
                    "updated_at": neste_updated_at(na, lagret.updated_at)}
        )  # fmt: skip
        return Endring(ny=ny, operasjon=AVBRUTT_TEKST)

    resultat = avh.repo.endre_utbetaling(u.id, endring)
    if resultat.feil is not None:
        raise resultat.feil
    assert resultat.ny is not None
    return resultat.ny


def kvittering(utbetaling_id: str, bruker: Bruker, avh: ArrangorAvh) -> Utbetaling:
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    if u.innsendt_tidspunkt is None:
        raise FinnesIkke("Utbetalingskravet er ikke sendt inn. Ingen kvittering tilgjengelig.")
    return u


SYNK_STATUSER = (UtbetalingStatus.GENERERT, UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT)


def synk_kontonummer(utbetaling_id: str, bruker: Bruker, avh: ArrangorAvh) -> Utbetaling:
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    if u.status not in SYNK_STATUSER:
        raise UgyldigTilstand([FeltFeil("/", "Kontonummer kan ikke oppdateres for denne utbetalingen")])
    try:
        konto = avh.repo.kontonummer(u.arrangor_orgnr)
    except KontoregisterFeil as e:
        raise TjenesteNede("Klarte ikke hente kontonummer for organisasjon") from e
    if konto is None:
        raise FinnesIkke("Organisasjon mangler kontonummer")
    na = avh.klokke.na()

    def endring(lagret: Utbetaling) -> Endring:
        if lagret.status not in SYNK_STATUSER:
            return Endring(
                feil=UgyldigTilstand([FeltFeil("/", "Kontonummer kan ikke oppdateres for denne utbetalingen")])
            )
        kid = lagret.betalingsinformasjon.kid if lagret.betalingsinformasjon else None
        if lagret.betalingsinformasjon and lagret.betalingsinformasjon.kontonummer == konto:
            return Endring(ekstra={"uendret": lagret})
        ny = lagret.model_copy(
            update={"betalingsinformasjon": Betalingsinformasjon(kontonummer=konto, kid=kid),
                    "updated_at": neste_updated_at(na, lagret.updated_at)}
        )  # fmt: skip
        return Endring(ny=ny, operasjon="Utbetaling redigert")

    resultat = avh.repo.endre_utbetaling(u.id, endring)
    if resultat.feil is not None:
        raise resultat.feil
    return resultat.ny or resultat.ekstra.get("uendret", u)


# ------------------------------------------------------------------------ tilsagn
@dataclass
class TilsagnListe:
    tilsagn: list[Tilsagn]
    gjennomforinger: dict[str, Gjennomforing]
    arrangorer: dict[str, Arrangor]


def list_tilsagn(bruker: Bruker, avh: ArrangorAvh) -> TilsagnListe:
    tilgang = krev_noen(tilganger(bruker, avh))
    gjennomforinger: dict[str, Gjennomforing] = {}
    for orgnr in sorted(tilgang):
        gjennomforinger |= {g.id: g for g in avh.repo.gjennomforinger_for_orgnr(orgnr)}
    tilsagn = [t for t in avh.repo.tilsagn_for_gjennomforinger(list(gjennomforinger)) if t.status in SYNLIGE_TILSAGN]
    return TilsagnListe(tilsagn[:5000], gjennomforinger, avh.repo.arrangorer(sorted(tilgang)))


def hent_tilsagn(tilsagn_id: str, bruker: Bruker, avh: ArrangorAvh) -> TilsagnListe:
    tilgang = tilganger(bruker, avh)
    t = avh.repo.hent_tilsagn(tilsagn_id)
    g = avh.repo.gjennomforinger([t.gjennomforing_id]).get(t.gjennomforing_id) if t else None
    if t is None or g is None or t.status not in SYNLIGE_TILSAGN:
        raise FinnesIkke(f"Fant ikke tilsagn med id={tilsagn_id}")
    krev_orgnr(g.arrangor_orgnr, tilgang)
    return TilsagnListe([t], {g.id: g}, avh.repo.arrangorer([g.arrangor_orgnr]))


def tilsagn_for_utbetaling(utbetaling_id: str, bruker: Bruker, avh: ArrangorAvh) -> TilsagnListe:
    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    gjennomforinger = avh.repo.gjennomforinger([u.gjennomforing_id])
    tilsagn = [
        t
        for t in avh.repo.tilsagn_for_gjennomforinger([u.gjennomforing_id])
        if kan_brukes_for(t, u.tilskuddstype, u.valuta, u.periode_start, u.periode_slutt)
    ]
    return TilsagnListe(tilsagn, gjennomforinger, avh.repo.arrangorer([u.arrangor_orgnr]))


__all__ = ["vist_ident"]


def regenerer(utbetaling_id: str | Tilgjengelig, bruker: Bruker, avh: ArrangorAvh, navnerom: Any) -> Utbetaling:
    """§6.7: a new GENERERT claim for the old period, built by §7.1 steps 3–4, linked both ways."""
    import uuid

    from shared.domain.generering.krav import beregn_krav, ny_utbetaling

    u, _ = _hent_med_tilgang(utbetaling_id, bruker, avh)
    andre = avh.repo.utbetalinger_for_gjennomforing(u.gjennomforing_id)
    tekst = regenerer_feil(u, andre)
    if tekst is not None:
        raise UgyldigTilstand([FeltFeil("/", tekst)])
    grunnlag = avh.grunnlag.hent_grunnlag([u.gjennomforing_id], u.maned).get(u.gjennomforing_id) if u.maned else None
    ikke_relevant = UgyldigTilstand(
        [FeltFeil("/", "Utbetalingen kan ikke regenereres fordi den ikke lenger er relevant")]
    )
    if grunnlag is None or u.maned is None:
        raise ikke_relevant
    krav = beregn_krav(grunnlag, u.maned)
    if krav.belop == 0:
        raise ikke_relevant
    na = avh.klokke.na()
    ny_id = str(uuid.uuid5(navnerom, f"regenerert/{u.id}"))
    konto = avh.repo.kontonummer(u.arrangor_orgnr)
    ny = ny_utbetaling(
        grunnlag, u.maned, krav, id=ny_id, kontonummer=konto, tidspunkt=neste_updated_at(na, u.updated_at)
    )
    ny = ny.model_copy(update={"regenerert_fra_id": u.id})
    if not avh.repo.opprett_regenerert(u, ny):
        raise UgyldigTilstand([FeltFeil("/", "Utbetalingen er allerede regenerert")])
    return ny
