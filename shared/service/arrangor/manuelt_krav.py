"""Manual claims and vedlegg (domene.md §8.2, §8.4): tiltaksoversikt, the wizard data, the timepris participant list,
uploading one vedlegg ahead, and creating the claim.

Every opprett-krav route checks, in order: the Altinn grant for `{orgnr}`, that the gjennomføring belongs to it,
and that its prismodell allows manual claims (403s). Then every check of §8.4 (form, then file content) runs before
anything is written; a rejected file is never stored and no claim is created. Files that passed are written to
`midlertidig/{vedleggId}` first and the claim (with `vedlegg/{id}` records and `brukt_av`) in one transaction after;
if that transaction fails, the files of this request are removed again (best effort; the lifecycle rule is the
backstop).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from shared.domain.felles.betaling import normaliser_kid, utbetales_tidligst
from shared.domain.felles.feil import FeltFeil, IkkeTilgang, TjenesteNede, UgyldigTilstand, Valideringsfeil
from shared.domain.felles.kodeverk import Sats, TilsagnStatus, Tiltakskode, Tiltakstype
from shared.domain.felles.periode import Periode
from shared.domain.generering.json_tekst import json_bytes
from shared.domain.generering.krav import pakk
from shared.domain.generering.regler import satser_for_input
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse, tellende_periode
from shared.domain.grunnlag.gjennomforing import Gjennomforing, GjennomforingStatus, StengtPeriode
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utbetaling import manuelt_krav as mk
from shared.domain.utbetaling.innsending import idag
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
from shared.logg import felt
from shared.service.arrangor.arrangorflate import (
    ArrangorAvh,
    Bruker,
    TilsagnListe,
    krev_noen,
    krev_orgnr,
    logg_innsyn,
    tilganger,
)
from shared.service.arrangor.ports import Skanning, Vedlegg, VedleggBrukt, Vedleggslager, Virusskanner
from shared.service.ports import KontoregisterFeil

logg = logging.getLogger(__name__)


class PdfKontroll(Protocol):
    def kan_apnes(self, data: bytes) -> bool:
        """Whether a PDF library opens the file (the `%PDF-` check is done before)."""
        ...


@dataclass(frozen=True)
class VedleggAvh:
    lager: Vedleggslager
    skanner: Virusskanner
    pdf: PdfKontroll
    bruker_hmac: Callable[[str], str]
    """HMAC-SHA256 of the pid (§2): binds a vedlegg id to its uploader without storing the pid."""


@dataclass(frozen=True, slots=True)
class Fil:
    filnavn: str
    data: bytes


# ------------------------------------------------------------------ tiltaksoversikt
@dataclass
class TiltakListe:
    gjennomforinger: list[Gjennomforing]
    arrangorer: dict[str, Arrangor]


def tiltaksoversikt(bruker: Bruker, avh: ArrangorAvh) -> TiltakListe:
    tilgang = krev_noen(tilganger(bruker, avh))
    ut: list[Gjennomforing] = []
    for orgnr in sorted(tilgang):
        ut += [g for g in avh.repo.gjennomforinger_for_orgnr(orgnr) if mk.krav_modell(g) is not None]
    return TiltakListe(ut[:5000], avh.repo.arrangorer(sorted(tilgang)))


def er_aktiv(g: Gjennomforing) -> bool:
    return g.status is GjennomforingStatus.GJENNOMFORES


# ------------------------------------------------------------------ route checks
@dataclass(frozen=True)
class KravRute:
    g: Gjennomforing
    modell: mk.KravModell
    tiltakstype: Tiltakstype


def sjekk_rute(orgnr: str, gjennomforing_id: str, bruker: Bruker, avh: ArrangorAvh) -> KravRute:
    """The three opprett-krav route checks of §8.2, in order."""
    krev_orgnr(orgnr, tilganger(bruker, avh))
    g = avh.repo.gjennomforinger([gjennomforing_id]).get(gjennomforing_id) if gjennomforing_id else None
    if g is None or g.arrangor_orgnr != orgnr:
        raise IkkeTilgang(mk.IKKE_GJENNOMFORING_TEKST)
    modell, t = mk.krav_modell(g), mk.tiltakstype_for(g)
    if modell is None or t is None:
        raise IkkeTilgang(mk.IKKE_MANUELL_TEKST)
    return KravRute(g, modell, t)


# ------------------------------------------------------------------ wizard data
@dataclass
class KravData:
    rute: KravRute
    tilsagn: TilsagnListe
    kontonummer: str | None
    periode_forslag: list[Periode]
    maks_sluttdato: date
    min_startdato: date


def _tilsagn_typer(modell: mk.KravModell) -> tuple[TilsagnType, ...]:
    if modell is mk.KravModell.INVESTERING:
        return (TilsagnType.INVESTERING,)
    return (TilsagnType.TILSAGN, TilsagnType.EKSTRATILSAGN)


def _kontonummer(avh: ArrangorAvh, orgnr: str) -> str | None:
    try:
        return avh.repo.kontonummer(orgnr)
    except KontoregisterFeil as e:
        raise TjenesteNede("Klarte ikke hente kontonummer for organisasjon") from e


def krav_data(rute: KravRute, avh: ArrangorAvh) -> KravData:
    g, modell, t = rute.g, rute.modell, rute.tiltakstype
    typer = _tilsagn_typer(modell)
    tilsagn: list[Tilsagn] = [
        x
        for x in avh.repo.tilsagn_for_gjennomforinger([g.id])
        if x.status is TilsagnStatus.GODKJENT and x.type in typer
    ]
    dag = mk_idag(avh)
    forslag: list[Periode] = []
    if modell is mk.KravModell.TIMEPRIS:
        forslag = mk.periode_forslag(g, t, dag, avh.repo.utbetalinger_for_gjennomforing(g.id))
    return KravData(
        rute=rute,
        tilsagn=TilsagnListe(
            sorted(tilsagn, key=lambda x: (x.periode_start, x.id)), {g.id: g}, avh.repo.arrangorer([g.arrangor_orgnr])
        ),  # fmt: skip
        kontonummer=_kontonummer(avh, g.arrangor_orgnr),
        periode_forslag=forslag,
        maks_sluttdato=mk.maks_sluttdato(modell, t, dag),
        min_startdato=t.gyldig_fra,
    )


def mk_idag(avh: ArrangorAvh) -> date:
    return idag(avh.klokke.na())


# ------------------------------------------------------------------ participants (timepris)
@dataclass
class DeltakerListe:
    rute: KravRute
    periode: Periode
    deltakere: list[tuple[Deltakelse, tuple[date, date]]]
    """Each counted participant with its counted period P (half-open)."""
    stengt: list[StengtPeriode]
    satser: list[tuple[Sats, Periode]]
    """The satser in force in the period, each with its sats period ∩ the period."""


def _satser_i_periode(g: Gjennomforing, avh: ArrangorAvh, p: Periode) -> list[tuple[Sats, Periode]]:
    avtale = avh.repo.hent_avtale(g.avtale_id) if g.avtale_id else None
    satser = sorted(satser_for_input(g, avtale), key=lambda s: s.gjelder_fra)
    ut = []
    for i, s in enumerate(satser):
        slutt = satser[i + 1].gjelder_fra if i + 1 < len(satser) else date.max
        start, stopp = max(s.gjelder_fra, p.start), min(slutt, p.slutt)
        if start < stopp:
            ut.append((s, Periode(start, stopp)))
    return ut


def _tellende(g: Gjennomforing, p: Periode, avh: ArrangorAvh) -> list[tuple[Deltakelse, tuple[date, date]]]:
    ut = []
    for d in avh.repo.deltakelser_for_gjennomforing(g.id, p.start.isoformat()):
        tp = None if d.slettet else tellende_periode(d, p.start, p.slutt)
        if tp is not None:
            ut.append((d, tp))
    return sorted(ut, key=lambda x: (x[1][0], x[0].id))


def deltakere(rute: KravRute, start: str | None, slutt: str | None, bruker: Bruker, avh: ArrangorAvh,
              endepunkt: str) -> DeltakerListe:  # fmt: skip
    """GET …/opprett-krav/deltakere; access-logged before the list is returned (§11). The pair is half-open
    (`periodeSlutt` is the first day after, §8.2): the front end passes a `periodeForslag` entry on unchanged."""
    p = mk.les_periode(start, slutt, "Eksklusiv")
    g = rute.g
    tellende = _tellende(g, p, avh)
    if tellende:
        logg_innsyn(bruker, g.arrangor_orgnr, endepunkt, g.id, [d.person.norsk_ident for d, _ in tellende], avh)
    stengt = [s for s in g.stengt if s.start < p.slutt and p.start < s.slutt]
    return DeltakerListe(rute, p, tellende, sorted(stengt, key=lambda s: s.start), _satser_i_periode(g, avh, p))


# ------------------------------------------------------------------ vedlegg
def sjekk_filer(filer: Sequence[Fil], vavh: VedleggAvh) -> None:
    """§8.4 file checks for every file, before anything is written: size, PDF by content, then the malware scan."""
    for f in filer:
        if len(f.data) > mk.MAKS_VEDLEGG_BYTES:
            raise Valideringsfeil.for_felt("/vedlegg", "Vedlegg er større enn 10MB")
    for f in filer:
        if not f.data.startswith(b"%PDF-") or not vavh.pdf.kan_apnes(f.data):
            raise Valideringsfeil.for_felt("/vedlegg", f"Vedlegg {f.filnavn} er ikke en PDF")
    resultater = [vavh.skanner.skann(f.data) for f in filer]
    if Skanning.INFISERT in resultater:
        raise Valideringsfeil.for_felt("/vedlegg", "Virus funnet i minst ett vedlegg")
    if Skanning.FEILET in resultater:
        raise TjenesteNede("Klarte ikke å sjekke vedlegget for virus. Prøv igjen senere.")


def _vedlegg(vid: str, f: Fil, g: Gjennomforing, bruker_hmac: str, na: datetime) -> Vedlegg:
    return Vedlegg(id=vid, orgnr=g.arrangor_orgnr, gjennomforing_id=g.id, bruker=bruker_hmac,
                   filnavn=f.filnavn, storrelse=len(f.data), opprettet=na)  # fmt: skip


def last_opp_vedlegg(rute: KravRute, filer: Sequence[Fil], bruker: Bruker, avh: ArrangorAvh,
                     vavh: VedleggAvh) -> Vedlegg:  # fmt: skip
    """POST …/opprett-krav/vedlegg (addition): exactly one file; stored only after it passed every check."""
    if len(filer) != 1:
        raise Valideringsfeil.for_felt("/vedlegg", "Last opp nøyaktig ett vedlegg")
    sjekk_filer(filer, vavh)
    v = _vedlegg(str(uuid.uuid4()), filer[0], rute.g, vavh.bruker_hmac(bruker.pid), avh.klokke.na())
    vavh.lager.lagre_midlertidig(v.id, filer[0].data)
    avh.repo.lagre_vedlegg(v)
    logg.info("Vedlegg lastet opp", extra=felt(vedlegg_id=v.id, korrelasjon_id=bruker.korrelasjon_id))
    return v


def _gyldige_vedlegg(ider: Sequence[str], rute: KravRute, hmac: str, na: datetime, avh: ArrangorAvh) -> set[str]:
    lagret = avh.repo.hent_vedlegg([i for i in ider if i]) if ider else {}
    return {
        v.id
        for v in lagret.values()
        if v.bruker == hmac
        and v.orgnr == rute.g.arrangor_orgnr
        and v.gjennomforing_id == rute.g.id
        and v.brukt_av is None
        and na - v.opprettet <= mk.VEDLEGG_GYLDIG
    }


# ------------------------------------------------------------------ create claim
def _sjekk_skjema(rute: KravRute, s: mk.KravSkjema, avh: ArrangorAvh, hmac: str, na: datetime,
                  eksisterende: Sequence[Utbetaling]) -> tuple[Periode, int, str | None, str]:  # fmt: skip
    """§8.4 checks in the documented order; returns (periode, belop, kid, kontonummer)."""
    p = mk.les_periode(s.periode_start, s.periode_slutt, s.periode_type)
    mk.sjekk_periode(rute.modell, rute.g, rute.tiltakstype, p, mk_idag(avh), eksisterende)
    belop = mk.les_belop(s.belop)
    mk.sjekk_antall_vedlegg(rute.modell, s.antall_filer + len(s.vedlegg_ider))
    mk.vedlegg_feil(s.vedlegg_ider, _gyldige_vedlegg(s.vedlegg_ider, rute, hmac, na, avh))
    kid = normaliser_kid(s.kid_nummer, "/kidNummer")
    mk.les_bekreftet(s.bekreftet)
    konto = _kontonummer(avh, rute.g.arrangor_orgnr)
    if not konto:
        raise UgyldigTilstand([FeltFeil("/", "Utbetalingen kan ikke opprettes fordi kontonummer mangler.")])
    return p, belop, kid, konto


def _beregning_gz(rute: KravRute, p: Periode, belop: int, avh: ArrangorAvh) -> bytes:
    """Fri beregning `{belop}` + context (§6.1, §4.6); timepris also keeps satser, stengt and counted periods."""
    g = rute.g
    inn: dict[str, object] = {
        "prismodell": g.prismodell, "tiltakskode": g.tiltakskode,
        "periode": {"start": p.start.isoformat(), "slutt": p.slutt.isoformat()}, "valuta": g.valuta,
        "belop": belop, "satser": [], "stengt": [], "deltakelser": [],
    }  # fmt: skip
    if rute.modell is mk.KravModell.TIMEPRIS:
        inn["satser"] = [{"gjelder_fra": s.gjelder_fra.isoformat(), "sats": s.sats}
                         for s, _ in _satser_i_periode(g, avh, p)]  # fmt: skip
        inn["stengt"] = [{"start": s.start.isoformat(), "slutt": s.slutt.isoformat()} for s in g.stengt
                         if s.start < p.slutt and p.start < s.slutt]  # fmt: skip
        inn["deltakelser"] = [{"id": d.id, "periode": {"start": a.isoformat(), "slutt": b.isoformat()}}
                              for d, (a, b) in _tellende(g, p, avh)]  # fmt: skip
    ut = {"belop": belop, "periode": inn["periode"], "valuta": g.valuta}
    _, gz = pakk(json_bytes(inn), json.dumps(ut, separators=(",", ":")).encode())
    return gz


def opprett_krav(rute: KravRute, s: mk.KravSkjema, filer: Sequence[Fil], bruker: Bruker, avh: ArrangorAvh,
                 vavh: VedleggAvh) -> Utbetaling:  # fmt: skip
    """POST …/opprett-krav: every check, then the files, then the claim in TIL_BEHANDLING in one transaction."""
    na = avh.klokke.na()
    hmac = vavh.bruker_hmac(bruker.pid)
    g = rute.g
    eksisterende = avh.repo.utbetalinger_for_gjennomforing(g.id) if rute.modell is mk.KravModell.TIMEPRIS else []
    p, belop, kid, konto = _sjekk_skjema(rute, s, avh, hmac, na, eksisterende)
    sjekk_filer(filer, vavh)
    nye = [_vedlegg(str(uuid.uuid4()), f, g, hmac, na) for f in filer]
    u = Utbetaling(
        id=str(uuid.uuid4()), gjennomforing_id=g.id, tiltakskode=g.tiltakskode, arrangor_orgnr=g.arrangor_orgnr,
        periode_start=p.start, periode_slutt=p.slutt, tilskuddstype=mk.tilskuddstype_for(rute.modell),
        opprinnelse=Opprinnelse.ARRANGOR, status=UtbetalingStatus.TIL_BEHANDLING, prismodell=g.prismodell,
        belop=belop, valuta=g.valuta, beregning_gz=_beregning_gz(rute, p, belop, avh),
        betalingsinformasjon=Betalingsinformasjon(kontonummer=konto, kid=kid), innsendt_tidspunkt=na,
        utbetales_tidligst=utbetales_tidligst(Tiltakskode(g.tiltakskode), p),
        vedlegg=tuple([*s.vedlegg_ider, *(v.id for v in nye)]), created_at=na, updated_at=na,
    )  # fmt: skip
    skrevet: list[str] = []
    try:
        for v, f in zip(nye, filer, strict=True):
            vavh.lager.lagre_midlertidig(v.id, f.data)
            skrevet.append(v.id)
        avh.repo.opprett_krav(u, s.vedlegg_ider, nye, hmac, unik_periode=rute.modell is mk.KravModell.TIMEPRIS)
    except VedleggBrukt as e:
        _rydd(skrevet, vavh)
        if str(e) == "periode":
            raise Valideringsfeil.for_felt("/periodeStart", mk.DUPLIKAT_TEKST) from e
        raise Valideringsfeil.for_felt("/vedleggIds/0", "Vedlegget finnes ikke") from e
    except BaseException:
        _rydd(skrevet, vavh)
        raise
    logg.info("Manuelt krav opprettet", extra=felt(utbetaling_id=u.id, korrelasjon_id=bruker.korrelasjon_id,
                                                    modell=rute.modell.value))  # fmt: skip
    return u


def _rydd(ider: Sequence[str], vavh: VedleggAvh) -> None:
    for vid in ider:
        vavh.lager.slett_midlertidig(vid)
