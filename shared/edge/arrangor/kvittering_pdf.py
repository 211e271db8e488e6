"""The receipt PDF "Utbetalingsdetaljer" (domene.md §11), made with fpdf2. It holds no participant data: it is built
from the claim document's claim-level parts only (arrangør, dates, period, sums per sats, payment details, lines).

Every date is printed as dd.mm.yyyy and every period inclusive, first day - last day (§8.1 "Display dates are
inclusive"), as the API's display elements are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from fpdf import FPDF

from shared.domain.felles.periode import Periode
from shared.domain.utbetaling.innsending import idag
from shared.edge.arrangor import dto as d
from shared.edge.arrangor.visning import dato, vist_periode


@dataclass(frozen=True)
class Kvitteringsinnhold:
    overskrift: str
    topp: Sequence[tuple[str, str]]
    utbetaling: Sequence[tuple[str, str]]
    betaling: Sequence[tuple[str, str]]
    status: Sequence[tuple[str, str]] = field(default_factory=tuple)
    tilsagn: Sequence[str] = field(default_factory=tuple)


def _latin1(tekst: str) -> str:
    return tekst.replace("–", "-").replace("“", '"').replace("”", '"').encode("latin-1", "replace").decode("latin-1")


def lag_pdf(innhold: Kvitteringsinnhold) -> bytes:
    pdf = FPDF()
    pdf.set_title("Utbetalingsdetaljer")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1("Utbetalingsdetaljer"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 9, _latin1(innhold.overskrift), new_x="LMARGIN", new_y="NEXT")
    for tittel, rader in (("", innhold.topp), ("Utbetaling", innhold.utbetaling),
                          ("Betalingsinformasjon", innhold.betaling), ("", innhold.status)):  # fmt: skip
        if tittel:
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.cell(0, 8, _latin1(tittel), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for label, verdi in rader:
            pdf.multi_cell(0, 6, _latin1(f"{label}: {verdi}"), new_x="LMARGIN", new_y="NEXT")
    if innhold.tilsagn:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 7, _latin1("Tilsagn som er brukt til utbetaling"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for rad in innhold.tilsagn:
            pdf.multi_cell(0, 6, _latin1(rad), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _verdi(e: d.LabeledDataElement) -> str:
    """A display element as printed text; display periods are already inclusive."""
    v = e.value
    if isinstance(v, d.DataElementText):
        if v.format == "date" and v.value:
            return dato(date.fromisoformat(v.value))
        return v.value or "-"
    if isinstance(v, d.DataElementMoneyAmount):
        return f"{v.value} kr"
    if isinstance(v, d.DataElementPeriode):
        return f"{dato(date.fromisoformat(v.start))} - {dato(date.fromisoformat(v.slutt))}"
    if isinstance(v, d.DataElementStatus):
        return v.value
    return "-"


LINJESTATUS = {
    "TIL_ATTESTERING": "Til attestering", "GODKJENT": "Godkjent", "RETURNERT": "Returnert",
    "OVERFORT_TIL_UTBETALING": "Overført til utbetaling", "UTBETALT": "Utbetalt", "AVBRUTT": "Avbrutt",
}  # fmt: skip


def _tilsagnslinje(lin: d.LinjeDto) -> str:
    """«Tilsagn som er brukt til utbetaling» (§11): bestillingsnummer, beløp, status, status endret."""
    endret = f" ({dato(idag(lin.status_sist_oppdatert))})" if lin.status_sist_oppdatert else ""
    return f"{lin.tilsagn.bestillingsnummer}: {lin.pris.belop} kr, {LINJESTATUS[lin.status]}{endret}"


def _utbetaling(dto: d.UtbetalingDto) -> list[tuple[str, str]]:
    rader = [("Utbetalingsperiode", vist_periode(Periode(dto.periode.start, dto.periode.slutt)))]
    if dto.utbetales_tidligst_dato:
        rader.append(("Utbetales tidligst", dato(dto.utbetales_tidligst_dato)))
    if dto.beregning.stengt:
        stengt = [f"{vist_periode(Periode(s.periode.start, s.periode.slutt))} {s.beskrivelse}"
                  for s in dto.beregning.stengt]  # fmt: skip
        rader.append(("Det er registrert stengt hos arrangør i følgende perioder", ", ".join(stengt)))
    for sd in dto.beregning.sats_detaljer:
        rader += [(e.label, _verdi(e)) for e in sd.entries]
    rader.append(("Beløp", f"{dto.beregning.pris.belop} kr"))
    return rader


def kvitteringsinnhold(dto: d.UtbetalingDto) -> Kvitteringsinnhold:
    """The receipt's rows from the claim document (§11): the header is `innsendingsDetaljer` (with «Tiltaksnavn»),
    the status section only from FERDIG_BEHANDLET on."""
    topp = [(e.label, _verdi(e)) for e in dto.innsendingsdetaljer if not isinstance(e.value, d.DataElementStatus)]
    bban = dto.betalingsinformasjon
    betaling = [("Kontonummer", bban.kontonummer if bban else "-"), ("KID-nummer", (bban.kid if bban else None) or "-")]
    status = [(e.label, _verdi(e)) for e in dto.innsendingsdetaljer if isinstance(e.value, d.DataElementStatus)]
    tilsagn: list[str] = []
    if dto.godkjent_belop is not None:
        status.append(("Godkjent beløp til utbetaling", f"{dto.godkjent_belop.belop} kr"))
        tilsagn = [_tilsagnslinje(lin) for lin in dto.linjer]
    return Kvitteringsinnhold(dto.type.display_name_long or "", topp, _utbetaling(dto), betaling, status, tilsagn)
