"""The stand-in scanner finds EICAR inside compressed PDF streams and flags PDFs with JavaScript (issue 17 item 7)."""

from __future__ import annotations

import io
import zlib

import pypdf
from fpdf import FPDF
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from shared.adapters.arrangor.virusskanning import EICAR, EicarSkanner
from shared.service.arrangor.ports import Skanning


def _pdf(tekst: str = "Faktura", komprimert: bool = True) -> bytes:
    pdf = FPDF()
    pdf.set_compression(komprimert)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=tekst)
    return bytes(pdf.output())


def test_en_vanlig_pdf_er_ren() -> None:
    assert EicarSkanner().skann(_pdf()) is Skanning.REN


def test_eicar_i_en_komprimert_strom_finnes() -> None:
    strom = zlib.compress(EICAR)
    data = _pdf() + b"\n9 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(strom) + strom + b"\nendstream"
    assert EICAR not in data
    assert EicarSkanner().skann(data) is Skanning.INFISERT


def test_pdf_med_javascript_avvises() -> None:
    skriver = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf()))
    handling = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                 NameObject("/JS"): TextStringObject("app.alert('hei');")})  # fmt: skip
    skriver._root_object[NameObject("/OpenAction")] = handling
    ut = io.BytesIO()
    skriver.write(ut)
    assert EicarSkanner().skann(ut.getvalue()) is Skanning.INFISERT
