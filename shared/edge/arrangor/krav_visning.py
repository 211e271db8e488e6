"""Manual-claim service results → the contract's DTOs (domene.md §8.2 tiltaksoversikt, wizard data, participant list),
plus the tiltaksoversikt search, sorting and paging (§8.1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from shared.domain.felles.periode import Periode
from shared.domain.utbetaling import manuelt_krav as mk
from shared.domain.utbetaling.innsending import vist_ident, vist_navn
from shared.edge.arrangor import dto as d
from shared.edge.arrangor import krav_dto as k
from shared.edge.arrangor.visning import (
    arrangor,
    dato,
    gjennomforing,
    penger,
    periode,
    periode_element,
    side,
    sorter,
    tekst,
    tilsagn,
    tiltakstype,
    treffer,
)
from shared.service.arrangor.manuelt_krav import DeltakerListe, KravData, TiltakListe, er_aktiv

GUIDE: dict[mk.KravModell, k.GuidePanel] = {
    mk.KravModell.INVESTERING: "INVESTERING_VTA_AFT",
    mk.KravModell.TIMEPRIS: "TIMESPRIS",
    mk.KravModell.AVTALT_PRIS: "AVTALT_PRIS",
}
STEG_NAVN: dict[k.StegType, str] = {
    "INFORMASJON": "Innsendingsinformasjon",
    "DELTAKERLISTE": "Deltakere",
    "UTBETALING": "Utbetalingsinformasjon",
    "VEDLEGG": "Vedlegg",
    "OPPSUMMERING": "Oppsummering",
}
_SLUTT_APEN = date.max


# --------------------------------------------------------------------- tiltaksoversikt
def tiltak_rader(liste: TiltakListe, q: d.TiltakQuery) -> d.TiltakSide:
    rader = []
    for g in liste.gjennomforinger:
        if er_aktiv(g) != (q.type == "AKTIVE"):
            continue
        rad = d.TiltakRadDto(
            gjennomforing=gjennomforing(g, g.id),
            arrangor=arrangor(liste.arrangorer.get(g.arrangor_orgnr), g.arrangor_orgnr),
            tiltakstype=tiltakstype(g.tiltakskode),
            start_dato=g.start_dato,
            slutt_dato=g.slutt_dato,
            prismodell=g.prismodell,
        )
        sokefelt = [g.navn, g.lopenummer, g.arrangor_orgnr, rad.arrangor.navn, dato(g.start_dato)]
        if g.slutt_dato:
            sokefelt.append(dato(g.slutt_dato))
        if treffer(q.sok, sokefelt):
            rader.append((rad, g.status.value))
    nokler: dict[str, Callable[[tuple[d.TiltakRadDto, str]], Any]] = {
        "TILTAK": lambda r: r[0].tiltakstype.navn,
        "ARRANGOR": lambda r: r[0].arrangor.navn,
        "START_DATO": lambda r: r[0].start_dato,
        "SLUTT_DATO": lambda r: r[0].slutt_dato or _SLUTT_APEN,
        "STATUS": lambda r: r[1],
    }
    sortert = sorter(rader, nokler[q.order_by], lambda r: r[0].gjennomforing.id, q.direction == "DESC")
    paginering, data = side([r for r, _ in sortert], q.page, q.size)
    return d.TiltakSide(pagination=paginering, data=data)


# --------------------------------------------------------------------- wizard data
def _steg(modell: mk.KravModell) -> list[k.StegDto]:
    typer: list[k.StegType] = ["INFORMASJON"]
    if modell is mk.KravModell.TIMEPRIS:
        typer.append("DELTAKERLISTE")
    typer += ["UTBETALING", "VEDLEGG", "OPPSUMMERING"]
    return [k.StegDto(type=t, navn=STEG_NAVN[t], order=i) for i, t in enumerate(typer, start=1)]


def krav_data(data: KravData) -> k.OpprettKravDataDto:
    r = data.rute
    g = r.g
    a = data.tilsagn.arrangorer.get(g.arrangor_orgnr)
    guide = GUIDE[r.modell]
    velger: k.DatoVelgerRange | k.DatoVelgerSelect
    if r.modell is mk.KravModell.TIMEPRIS:
        velger = k.DatoVelgerSelect(periode_forslag=[periode(p.start, p.slutt) for p in data.periode_forslag])
    else:
        velger = k.DatoVelgerRange(maks_sluttdato=data.maks_sluttdato, min_startdato=data.min_startdato)
    definisjoner = [
        tekst("Arrangør", f"{a.navn if a else ''} - {g.arrangor_orgnr}"),
        tekst("Tiltaksnavn", g.navn),
        tekst("Løpenummer", g.lopenummer),
        tekst("Tiltakstype", r.tiltakstype.navn),
    ]
    return k.OpprettKravDataDto(
        steg=_steg(r.modell),
        innsending_steg=k.InnsendingStegDto(
            guide_panel=guide,
            definisjons_liste=definisjoner,
            tilsagn=[tilsagn(t, data.tilsagn) for t in data.tilsagn.tilsagn],
            dato_velger=velger,
        ),
        utbetaling_steg=k.UtbetalingStegDto(kontonummer=data.kontonummer, valuta="SEK" if g.valuta == "SEK" else "NOK"),
        vedlegg_steg=k.VedleggStegDto(guide_panel=guide, min_antall_vedlegg=mk.min_antall_vedlegg(r.modell)),
    )


# --------------------------------------------------------------------- participants
KOLONNER = [
    ("navn", "Navn"), ("norskIdent", "Fødselsnr."), ("startDatoTiltak", "Startdato i tiltaket"),
    ("startDatoPeriode", "Startdato i perioden"), ("sluttDatoPeriode", "Sluttdato i perioden"),
]  # fmt: skip


def deltakere(liste: DeltakerListe) -> k.OpprettKravDeltakereDto:
    rader = []
    for dl, (start, slutt) in liste.deltakere:
        p = dl.person
        celler: dict[str, Any] = {
            "navn": d.DataElementText(value=vist_navn(p)),
            "norskIdent": d.DataElementText(value=vist_ident(p)),
            "startDatoTiltak": d.DataElementText(
                value=dl.start_dato.isoformat() if dl.start_dato else None, format="date"
            ),
            "startDatoPeriode": d.DataElementText(value=start.isoformat(), format="date"),
            "sluttDatoPeriode": d.DataElementText(value=Periode(start, slutt).siste_dag.isoformat(), format="date"),
        }
        rader.append(d.Rad(cells=celler, deltakelse_id=dl.id))
    valuta = liste.rute.g.valuta
    footer = [
        d.DataDetails(header=None, entries=[periode_element("Periode", p), penger("Sats", s.sats, valuta)])  # fmt: skip
        for s, p in liste.satser
    ]
    return k.OpprettKravDeltakereDto(
        guide_panel="TIMESPRIS" if liste.rute.modell is mk.KravModell.TIMEPRIS else "GENERELL",
        stengt_hos_arrangor=[
            d.StengtPeriodeDto(periode=periode(s.start, s.slutt), beskrivelse=s.beskrivelse) for s in liste.stengt
        ],
        tabell=d.DataDrivenTableDto(columns=[d.Kolonne(key=key, label=label) for key, label in KOLONNER], rows=rader),
        tabell_footer=footer,
    )
