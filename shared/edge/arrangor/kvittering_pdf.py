"""The receipt PDF "Utbetalingsdetaljer" (domene.md §11), made with fpdf2. It holds no participant data: the
caller passes only claim-level rows (arrangør, dates, period, sums per sats, payment details, lines)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fpdf import FPDF


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
