"""Service results → the contract's DTOs (domene.md §8.2, §8.3), plus in-memory search, sorting and paging (§8.1).

Display data is inclusive (§8.1 "Display dates are inclusive"): the front end prints a `DATA_ELEMENT_PERIODE` and
every display date verbatim, so every display builder here takes the half-open domain `Periode` and shows its last
day (`Periode.siste_dag`). Only the data model's `periode` fields (`d.Periode`) stay half-open.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from shared.domain.felles.kodeverk import TILTAKSTYPER, Prismodell, Tilskuddstype, Tiltakskode
from shared.domain.felles.periode import Periode
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.tilsagn.tilsagn import Tilsagn, gjenstaende_belop
from shared.domain.utbetaling.innsending import (
    AKTIVE,
    FRA_FERDIG_BEHANDLET,
    TYPE_VISNING,
    ArrangorStatus,
    arrangor_status,
    idag,
    kan_avbrytes,
    type_kode,
    vist_ident,
    vist_navn,
)
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling
from shared.edge.arrangor import dto as d
from shared.service.arrangor.arrangorflate import Kontekst, TilsagnListe, UtbetalingListe, UtbetalingVisning

T = TypeVar("T")
PRISMODELL_NAVN = {
    Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED: "Fast sats per benyttet tiltaksplass per måned",
    Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED: "Fast sats per avtalt tiltaksplass per måned",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED: "Avtalt månedspris per tiltaksplass",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE: "Avtalt ukespris per tiltaksplass",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE: "Avtalt pris per uke med påbegynt oppfølging per deltaker",
    Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER: "Avtalt pris per time oppfølging per deltaker",
    Prismodell.ANNEN_AVTALT_PRIS: "Annen avtalt pris",
}
"""The labels of domene.md §3.1, exactly as written there."""
FRI_BEREGNING_NAVN = "Fri beregning"
"""`beregning.displayName` of an investering claim and a korreksjon: the amount is the amount entered (§4.6 "Fri
beregning"), so the gjennomføring's prismodell label (say «Fast sats per benyttet tiltaksplass per måned» on an AFT
investering) would name a calculation that was never made. A manual ANNEN_AVTALT_PRIS claim keeps its own label:
there the prismodell *is* the amount entered."""


def dato(dag: date) -> str:
    """A date as a person reads it (dd.mm.yyyy): search fields and the PDF."""
    return dag.strftime("%d.%m.%Y")


def vist_periode(p: Periode) -> str:
    """A half-open period as a person reads it: first day - last day."""
    return f"{dato(p.start)} - {dato(p.siste_dag)}"


def periode(start: date, slutt: date) -> d.Periode:
    return d.Periode(start=start, slutt=slutt)


def belop(verdi: int, valuta: str) -> d.ValutaBelop:
    return d.ValutaBelop(belop=verdi, valuta="SEK" if valuta == "SEK" else "NOK")


def tiltakstype(kode: str) -> d.TiltakstypeDto:
    try:
        navn = TILTAKSTYPER[Tiltakskode(kode)].navn
    except ValueError:
        navn = kode
    return d.TiltakstypeDto(navn=navn, tiltakskode=kode)


def gjennomforing(g: Gjennomforing | None, gid: str) -> d.GjennomforingDto:
    return d.GjennomforingDto(id=gid, navn=g.navn if g else "", lopenummer=g.lopenummer if g else "")


def arrangor(a: Arrangor | None, orgnr: str) -> d.ArrangorDto:
    return d.ArrangorDto(id=a.id if a else "", organisasjonsnummer=orgnr, navn=a.navn if a else "")


def tekst(label: str, verdi: str | None, fmt: str | None = None) -> d.LabeledDataElement:
    return d.LabeledDataElement(label=label, value=d.DataElementText(value=verdi, format=fmt))


def penger(label: str, verdi: int, valuta: str = "NOK") -> d.LabeledDataElement:
    return d.LabeledDataElement(label=label, value=d.DataElementMoneyAmount(value=str(verdi), currency=valuta))


def periode_element(label: str, p: Periode) -> d.LabeledDataElement:
    """A half-open period shown inclusive: `slutt` is its last day (§8.1)."""
    return d.LabeledDataElement(
        label=label, value=d.DataElementPeriode(start=p.start.isoformat(), slutt=p.siste_dag.isoformat())
    )


def status_element(label: str, verdi: str, variant: d.StatusVariant) -> d.LabeledDataElement:
    return d.LabeledDataElement(label=label, value=d.DataElementStatus(value=verdi, variant=variant))


# --------------------------------------------------------------------- paging (§8.1)
def side(elementer: list[T], page: int, size: int) -> tuple[d.PaginationSummary, list[T]]:
    total = len(elementer)
    start = (page - 1) * size
    return (
        d.PaginationSummary(total_count=total, page_size=size, total_pages=math.ceil(total / size) if total else 0),
        elementer[start : start + size] if start < total else [],
    )


def sorter(elementer: list[T], nokkel: Callable[[T], Any], id_: Callable[[T], str], synkende: bool) -> list[T]:
    etter_id = sorted(elementer, key=id_)
    return sorted(etter_id, key=nokkel, reverse=synkende)


def treffer(sok: str | None, felt: Sequence[str]) -> bool:
    if not sok:
        return True
    s = sok.lower()
    return any(s in f.lower() for f in felt)


# --------------------------------------------------------------------- utbetaling
def _godkjent(u: Utbetaling, k: Kontekst) -> int | None:
    if u.status not in FRA_FERDIG_BEHANDLET:
        return None
    return sum(linje.belop for linje in k.linjer.get(u.id, []))


@dataclass(frozen=True, slots=True)
class _Rad:
    """One claim of the list before its DTO: what sorting, search and paging need (the DTO is built only for the
    page shown; a list of 1 000 claims builds 20)."""

    u: Utbetaling
    gjennomforing: d.GjennomforingDto
    arrangor: d.ArrangorDto
    tiltakstype: d.TiltakstypeDto
    godkjent: int | None
    status: ArrangorStatus


def utbetaling_rader(liste: UtbetalingListe, q: d.UtbetalingQuery) -> d.UtbetalingSide:
    k = liste.kontekst
    valgt = [u for u in liste.utbetalinger if (u.status in AKTIVE) == (q.type == "AKTIVE")]
    gjennomforinger = {
        gid: gjennomforing(k.gjennomforinger.get(gid), gid) for gid in {u.gjennomforing_id for u in valgt}
    }
    arrangorer = {o: arrangor(k.arrangorer.get(o), o) for o in {u.arrangor_orgnr for u in valgt}}
    typer = {kode: tiltakstype(kode) for kode in {u.tiltakskode for u in valgt}}
    rader = []
    for u in valgt:
        g, a = gjennomforinger[u.gjennomforing_id], arrangorer[u.arrangor_orgnr]
        status = arrangor_status(u, bool(liste.advarsler.get(u.id)))
        sokefelt = [g.navn, g.lopenummer, u.arrangor_orgnr, a.navn, str(u.belop), dato(u.periode_start),
                    dato(u.periode_slutt - timedelta(days=1))] if q.sok else []  # fmt: skip
        if treffer(q.sok, sokefelt):
            rader.append(_Rad(u, g, a, typer[u.tiltakskode], _godkjent(u, k), status))
    nokler: dict[str, Callable[[_Rad], Any]] = {
        "TILTAK": lambda r: r.tiltakstype.navn,
        "ARRANGOR": lambda r: r.arrangor.navn,
        "PERIODE": lambda r: r.u.periode_start,
        "BEREGNET_BELOP": lambda r: r.u.belop,
        "GODKJENT_BELOP": lambda r: r.godkjent or 0,
        "STATUS": lambda r: r.status.value,
    }
    sortert = sorter(rader, nokler[q.order_by], lambda r: r.u.id, q.direction == "DESC")
    paginering, data = side(sortert, q.page, q.size)
    return d.UtbetalingSide(pagination=paginering, data=[_rad_dto(r) for r in data])


def _rad_dto(r: _Rad) -> d.UtbetalingRadDto:
    u = r.u
    return d.UtbetalingRadDto(
        utbetaling_id=u.id,
        gjennomforing=r.gjennomforing,
        arrangor=r.arrangor,
        tiltakstype=r.tiltakstype,
        periode=periode(u.periode_start, u.periode_slutt),
        beregnet_belop=belop(u.belop, u.valuta),
        godkjent_belop=None if r.godkjent is None else belop(r.godkjent, u.valuta),
        type=TYPE_VISNING[type_kode(u)][0],
        status=r.status,
    )


def _sats_detaljer(v: UtbetalingVisning) -> list[d.DataDetails]:
    ut = v.output or {}
    satser = sorted((v.input or {}).get("satser", []), key=lambda s: s["gjelder_fra"])
    c_start, c_slutt = v.u.periode_start, v.u.periode_slutt
    per_sats: dict[int, Decimal] = {}
    for dl in ut.get("deltakelser", []):
        for p in dl.get("perioder", []):
            per_sats[int(p["sats"])] = per_sats.get(int(p["sats"]), Decimal(0)) + Decimal(str(p["faktor"]))
    detaljer = []
    for sats, antall in per_sats.items():
        start, slutt = c_start, c_slutt
        for i, s in enumerate(satser):
            if int(s["sats"]) == sats:
                start = max(c_start, date.fromisoformat(s["gjelder_fra"]))
                if i + 1 < len(satser):
                    slutt = min(c_slutt, date.fromisoformat(satser[i + 1]["gjelder_fra"]))
        entries = [
            periode_element("Periode", Periode(start, slutt)),
            penger("Sats", sats, v.u.valuta),
            tekst("Antall", format(antall.normalize(), "f"), "number"),
        ]
        detaljer.append(d.DataDetails(header=None, entries=entries))
    return detaljer


KOLONNER = [
    ("navn", "Navn"), ("norskIdent", "Fødselsnr."), ("startDatoTiltak", "Startdato i tiltaket"),
    ("periodeStart", "Startdato i perioden"), ("periodeSlutt", "Sluttdato i perioden"),
    ("deltakelsesprosent", "Deltakelsesprosent"), ("faktor", "Månedsverk"), ("sats", "Sats"),
]  # fmt: skip


def _prosent(inn: dict[str, Any], deltakelse_id: str, start: str) -> str | None:
    for dl in inn.get("deltakelser", []):
        if dl.get("id") == deltakelse_id:
            gjeldende = None
            for m in dl.get("deltakelsesmengder") or []:
                if m["gyldig_fra"] <= start:
                    gjeldende = str(m["deltakelsesprosent"])
            return gjeldende
    return None


def _deltakelser(v: UtbetalingVisning) -> d.DataDrivenTableDto | None:
    ut = v.output or {}
    if not v.kan_vise_beregning or not ut.get("deltakelser"):
        return None
    rader = []
    for dl in ut["deltakelser"]:
        deltakelse = v.deltakelser.get(dl["id"])
        person = deltakelse.person if deltakelse else None
        for p in dl.get("perioder", []):
            slutt = Periode(date.fromisoformat(p["start"]), date.fromisoformat(p["slutt"])).siste_dag
            celler: dict[str, Any] = {
                "navn": d.DataElementText(value=vist_navn(person) if person else None),
                "norskIdent": d.DataElementText(value=vist_ident(person) if person else None),
                "startDatoTiltak": d.DataElementText(
                    value=deltakelse.start_dato.isoformat() if deltakelse and deltakelse.start_dato else None,
                    format="date",
                ),
                "periodeStart": d.DataElementText(value=p["start"], format="date"),
                "periodeSlutt": d.DataElementText(value=slutt.isoformat(), format="date"),
                "deltakelsesprosent": d.DataElementText(
                    value=_prosent(v.input or {}, dl["id"], p["start"]), format="number"
                ),
                "faktor": d.DataElementText(value=str(p["faktor"]), format="number"),
                "sats": d.DataElementMoneyAmount(value=str(p["sats"]), currency=v.u.valuta),
            }
            rader.append(d.Rad(cells=celler, deltakelse_id=dl["id"]))
    return d.DataDrivenTableDto(columns=[d.Kolonne(key=k, label=label) for k, label in KOLONNER], rows=rader)


def er_fri_beregning(u: Utbetaling) -> bool:
    """Investering and korreksjon claims, and manual annen avtalt pris: the amount entered (§4.6)."""
    return (
        u.er_korreksjon
        or u.tilskuddstype is Tilskuddstype.TILTAK_INVESTERINGER
        or u.prismodell == Prismodell.ANNEN_AVTALT_PRIS
    )


def beregning_navn(u: Utbetaling) -> str:
    """The label of the model the amount was actually made with (§8.3 `beregning.displayName`)."""
    if u.er_korreksjon or u.tilskuddstype is Tilskuddstype.TILTAK_INVESTERINGER:
        return FRI_BEREGNING_NAVN
    try:
        return PRISMODELL_NAVN[Prismodell(u.prismodell)]
    except ValueError:
        return u.prismodell


def tiltaksnavn(g: Gjennomforing | None) -> str | None:
    """«Tiltaksnavn» (§8.3): "{navn} ({løpenummer})"; the Detaljer page names the gjennomføring nowhere else."""
    return f"{g.navn} ({g.lopenummer})" if g else None


def innsendingsdetaljer(u: Utbetaling, g: Gjennomforing | None, a: Arrangor | None) -> list[d.LabeledDataElement]:
    """The header rows of the PDF receipt (§11), in its order, with «Tiltaksnavn» after the arrangør (§8.3)."""
    rader = [tekst("Arrangør", f"{a.navn if a else ''} - {u.arrangor_orgnr}"), tekst("Tiltaksnavn", tiltaksnavn(g))]
    if u.innsendt_tidspunkt is not None:
        label = "Dato opprettet hos Nav" if u.er_korreksjon else "Dato innsendt av arrangør"
        rader.append(tekst(label, idag(u.innsendt_tidspunkt).isoformat(), "date"))
    rader.append(tekst("Tiltakstype", tiltakstype(u.tiltakskode).navn))
    if g is not None and u.opprinnelse is Opprinnelse.ARRANGOR:
        rader.append(tiltaksperiode(g))
    rader.append(tekst("Løpenummer", g.lopenummer if g else None))
    return rader


def tiltaksperiode(g: Gjennomforing) -> d.LabeledDataElement:
    """«Tiltaksperiode» of a manual claim (§11): the gjennomføring's inclusive dates; an open end reads "fra …"."""
    if g.slutt_dato is None or g.slutt_dato < g.start_dato:
        return tekst("Tiltaksperiode", f"fra {dato(g.start_dato)}")
    return periode_element("Tiltaksperiode", Periode.fra_inkluderende(g.start_dato, g.slutt_dato))


UTBETALT, OVERFORT = "Utbetalt", "Overført til utbetaling"


def utbetalingsstatus(u: Utbetaling, linjer: Sequence[d.LinjeDto]) -> d.LabeledDataElement | None:
    """«Utbetalingsstatus» from FERDIG_BEHANDLET on (§11), as a status badge: "Utbetalt" when every line is paid."""
    if u.status not in FRA_FERDIG_BEHANDLET:
        return None
    if linjer and all(linje.status == "UTBETALT" for linje in linjer):
        return status_element("Utbetalingsstatus", UTBETALT, "success")
    return status_element("Utbetalingsstatus", OVERFORT, "info")


def _avbrytelse(u: Utbetaling) -> d.AvbruttAvArrangor | d.AvbruttAvNav | None:
    a = u.avbrytelse
    if not a:
        return None
    tid = a.get("tidspunkt")
    dag = idag(tid) if isinstance(tid, datetime) else idag(u.updated_at)
    if a.get("av") == "NAV":
        aarsaker = a.get("aarsaker")
        return d.AvbruttAvNav(
            avbrutt_dato=dag,
            aarsaker=[str(x) for x in aarsaker] if isinstance(aarsaker, list) else [],
            forklaring=str(a["forklaring"]) if a.get("forklaring") else None,
        )
    return d.AvbruttAvArrangor(avbrutt_dato=dag, begrunnelse=str(a["begrunnelse"]) if a.get("begrunnelse") else None)


def _stengt(u: Utbetaling, g: Gjennomforing | None) -> list[d.StengtPeriodeDto]:
    """The stengt periods of the claim period; none for a fri beregning, where stengt played no part (§8.3)."""
    if g is None or er_fri_beregning(u):
        return []
    return [
        d.StengtPeriodeDto(periode=periode(s.start, s.slutt), beskrivelse=s.beskrivelse)
        for s in g.stengt
        if s.start < u.periode_slutt and u.periode_start < s.slutt
    ]


def _linjer(v: UtbetalingVisning) -> list[d.LinjeDto]:
    u = v.u
    return [
        d.LinjeDto(
            id=linje.id,
            tilsagn=d.TilsagnSummary(id=linje.tilsagn_id, bestillingsnummer=linje.bestillingsnummer),
            status=linje.status,
            status_sist_oppdatert=linje.status_endret,
            pris=belop(linje.belop, u.valuta),
        )
        for linje in v.kontekst.linjer.get(u.id, [])
    ]


def utbetaling(v: UtbetalingVisning) -> d.UtbetalingDto:
    u, k = v.u, v.kontekst
    g, a = k.gjennomforinger.get(u.gjennomforing_id), k.arrangorer.get(u.arrangor_orgnr)
    kode = type_kode(u)
    navn, langt, tag = TYPE_VISNING[kode]
    betaling = u.betalingsinformasjon
    godkjent = _godkjent(u, k)
    deltakelser = _deltakelser(v)
    linjer = _linjer(v)
    detaljer = innsendingsdetaljer(u, g, a)
    status = utbetalingsstatus(u, linjer)
    return d.UtbetalingDto(
        id=u.id,
        status=arrangor_status(u, bool(v.advarsler)),
        innsendt_av_arrangor_dato=idag(u.innsendt_tidspunkt) if u.innsendt_tidspunkt else None,
        utbetales_tidligst_dato=u.utbetales_tidligst,
        kan_vise_beregning=deltakelser is not None,  # §8.3: the «Se deltakelser» modal is never empty
        created_at=u.created_at,
        updated_at=u.updated_at,
        tiltakstype=tiltakstype(u.tiltakskode),
        gjennomforing=gjennomforing(g, u.gjennomforing_id),
        arrangor=arrangor(a, u.arrangor_orgnr),
        betalingsinformasjon=d.BBan(kontonummer=betaling.kontonummer, kid=betaling.kid)
        if betaling and betaling.kontonummer
        else None,
        valuta="SEK" if u.valuta == "SEK" else "NOK",
        beregning=d.Beregning(
            display_name=beregning_navn(u),
            pris=belop(u.belop, u.valuta),
            stengt=_stengt(u, g),
            deltakelser=deltakelser,
            sats_detaljer=_sats_detaljer(v),
        ),
        periode=periode(u.periode_start, u.periode_slutt),
        type=d.UtbetalingTypeDto(display_name=navn, display_name_long=langt, tag_name=tag, kode=kode),
        innsendingsDetaljer=detaljer + ([status] if status else []),
        linjer=linjer,
        advarsler=[
            d.AdvarselDto(
                deltaker_id=adv.deltaker_id,
                navn=vist_navn(adv.person) if adv.person else None,
                beskrivelse=adv.beskrivelse,
                type=adv.type,
            )
            for adv in v.advarsler
        ],
        kan_avbrytes=kan_avbrytes(u),
        kan_regenereres=v.kan_regenereres,
        avbrytelse=_avbrytelse(u),
        blokkeringer=[b.value for b in u.blokkeringer],
        regenerert_id=u.regenerert_id,
        godkjent_belop=None if godkjent is None else belop(godkjent, u.valuta),
    )


def kvittering(u: Utbetaling) -> d.KvitteringDto:
    assert u.innsendt_tidspunkt is not None
    return d.KvitteringDto(
        id=u.id,
        mottatt_dato=idag(u.innsendt_tidspunkt),
        utbetales_tidligst_dato=u.utbetales_tidligst,
        kontonummer=u.betalingsinformasjon.kontonummer if u.betalingsinformasjon else None,
    )


# --------------------------------------------------------------------- tilsagn
def tilsagn(t: Tilsagn, liste: TilsagnListe) -> d.TilsagnDto:
    g = liste.gjennomforinger.get(t.gjennomforing_id)
    orgnr = g.arrangor_orgnr if g else ""
    entries = [periode_element("Tilsagnsperiode", Periode(t.periode_start, t.periode_slutt))]
    if t.antall_plasser is not None:
        entries.append(tekst("Antall plasser", str(t.antall_plasser), "number"))
    inn = (t.beregning or {}).get("input")
    sats = inn.get("sats") if isinstance(inn, dict) else None
    if isinstance(sats, int) and not isinstance(sats, bool):
        entries.append(penger("Sats", sats, t.valuta))
    entries += [penger("Totalbeløp", t.belop, t.valuta), penger("Gjenstående beløp", gjenstaende_belop(t), t.valuta)]
    return d.TilsagnDto(
        id=t.id,
        tiltakstype=tiltakstype(g.tiltakskode if g else ""),
        gjennomforing=gjennomforing(g, t.gjennomforing_id),
        arrangor=arrangor(liste.arrangorer.get(orgnr), orgnr),
        type=t.type,
        periode=periode(t.periode_start, t.periode_slutt),
        status=t.status,
        brukt_belop=belop(t.belop_brukt, t.valuta),
        gjenstaende_belop=belop(gjenstaende_belop(t), t.valuta),
        beregning=d.DataDetails(header=None, entries=entries),
        bestillingsnummer=t.bestillingsnummer or "",
        beskrivelse=None,
        deltakere=[],
        belop=belop(t.belop, t.valuta),
    )


def tilsagn_rader(liste: TilsagnListe, q: d.TilsagnQuery) -> d.TilsagnSide:
    rader = []
    for t in liste.tilsagn:
        dto = tilsagn(t, liste)
        rad = d.TilsagnRadDto(
            id=t.id,
            organisasjonsnummer=dto.arrangor.organisasjonsnummer,
            tiltak_type_navn=dto.tiltakstype.navn,
            tiltak_navn=dto.gjennomforing.navn,
            arrangor_navn=dto.arrangor.navn,
            periode=dto.periode,
            tilsagn_type=t.type.value,
            bestillingsnummer=dto.bestillingsnummer,
            status=t.status,
        )
        sokefelt = [rad.tiltak_navn, dto.gjennomforing.lopenummer, rad.organisasjonsnummer, rad.arrangor_navn,
                    str(t.belop), dato(t.periode_start), dato(t.periode_slutt - timedelta(days=1))]  # fmt: skip
        if treffer(q.search, sokefelt):
            rader.append(rad)
    nokler: dict[str, Callable[[d.TilsagnRadDto], Any]] = {
        "TILTAK": lambda r: r.tiltak_type_navn,
        "ARRANGOR": lambda r: r.arrangor_navn,
        "START_DATO": lambda r: r.periode.start,
        "SLUTT_DATO": lambda r: r.periode.slutt,
        "TILSAGN": lambda r: r.bestillingsnummer,
        "STATUS": lambda r: r.status.value,
    }
    sortert = sorter(rader, nokler[q.order_by], lambda r: r.id, q.direction == "DESC")
    paginering, data = side(sortert, q.page, q.size)
    return d.TilsagnSide(pagination=paginering, data=data)
