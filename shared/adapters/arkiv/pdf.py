"""The archive copy as a PDF (domene.md §11), made with fpdf2: landscape A4 so the participant table fits.

Helvetica is a Latin-1 font, which holds æøå; other characters are replaced, as in the receipt."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from shared.domain.arkiv.arkivkopi import Arkivkopi, Deltakerrad, dato, kroner

_BREDDER = (62, 28, 24, 24, 26, 26, 26)
INGEN_DELTAKERE = (
    "Beregningen har ingen deltakerrader (beløpet er oppgitt av arrangør eller Nav, eller følger tilsagnet)."
)


def _latin1(tekst: str) -> str:
    return tekst.replace("–", "-").replace("“", '"').replace("”", '"').encode("latin-1", "replace").decode("latin-1")


def _celler(r: Deltakerrad) -> tuple[str, ...]:
    prosent = format(r.deltakelsesprosent.normalize(), "f") if r.deltakelsesprosent is not None else "-"
    return (r.navn, r.fodselsnr or "-", dato(r.start), dato(r.slutt), prosent, format(r.faktor, "f"), kroner(r.sats))


class FpdfArkivPdf:
    def lag(self, kopi: Arkivkopi) -> bytes:
        pdf = FPDF(orientation="L")
        pdf.set_title(_latin1(kopi.tittel))
        pdf.set_subject(_latin1(kopi.overskrift))
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, _latin1(kopi.tittel), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _latin1(kopi.overskrift), new_x="LMARGIN", new_y="NEXT")
        self._seksjon(pdf, "", kopi.topp)
        self._seksjon(pdf, "Utbetaling", kopi.utbetaling)
        self._seksjon(pdf, "Betalingsinformasjon", kopi.betaling)
        self._deltakere(pdf, kopi)
        vedlegg = [(f"Vedlegg {i}", navn) for i, navn in enumerate(kopi.vedlegg, 1)]
        self._seksjon(pdf, "Vedlegg", vedlegg or [("Vedlegg", "Ingen")])
        return bytes(pdf.output())

    @staticmethod
    def _seksjon(pdf: FPDF, tittel: str, rader: Sequence[tuple[str, str]]) -> None:
        if tittel:
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.cell(0, 8, _latin1(tittel), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for label, verdi in rader:
            pdf.multi_cell(0, 6, _latin1(f"{label}: {verdi}"), new_x="LMARGIN", new_y="NEXT")

    @staticmethod
    def _deltakere(pdf: FPDF, kopi: Arkivkopi) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, "Deltakere", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        if not kopi.deltakere:
            pdf.multi_cell(0, 6, _latin1(INGEN_DELTAKERE), new_x="LMARGIN", new_y="NEXT")
            return
        hode = ("Navn", "Fødselsnr.", "Start i perioden", "Slutt i perioden", "Deltakelses-%", kopi.enhet, "Sats")
        with pdf.table(col_widths=_BREDDER, headings_style=FontFace(emphasis="BOLD"), line_height=5) as tabell:
            for rad in (hode, *(_celler(r) for r in kopi.deltakere)):
                celler = tabell.row()
                for c in rad:
                    celler.cell(_latin1(c))
