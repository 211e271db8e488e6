"""The journalpost of a received claim (domene.md §11): an incoming document with tema TIL, channel NAV_NO,
journalførende enhet 9999, the arrangør's orgnr as sender and subject, the gjennomføring's løpenummer as sak, and the
utbetaling id as external reference, the key that makes archiving idempotent. The first document is the archive copy,
then one document per vedlegg in the claim's order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TITTEL = "Utbetaling"
TEMA = "TIL"
KANAL = "NAV_NO"
JOURNALFORENDE_ENHET = "9999"
HOVEDDOKUMENT_TITTEL = "Innsendt krav om utbetaling"


@dataclass(frozen=True, slots=True)
class Dokument:
    tittel: str
    filnavn: str
    innhold: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Journalpost:
    ekstern_referanse_id: str
    """The utbetaling id: the archive answers a second journalpost with this id with the first one."""
    avsender_orgnr: str
    avsender_navn: str
    sak: str
    """The gjennomføring's løpenummer ("YYYY/n")."""
    dato_mottatt: date
    dokumenter: tuple[Dokument, ...]
    tittel: str = TITTEL
    tema: str = TEMA
    kanal: str = KANAL
    journalforende_enhet: str = JOURNALFORENDE_ENHET


def lag_journalpost(
    utbetaling_id: str,
    orgnr: str,
    arrangor_navn: str,
    lopenummer: str,
    mottatt: date,
    arkivkopi_pdf: bytes,
    vedlegg: tuple[tuple[str, bytes], ...],
) -> Journalpost:
    """`vedlegg`: (filnavn, bytes) in the claim's order. `mottatt` is the submission date in Europe/Oslo."""
    hoved = Dokument(HOVEDDOKUMENT_TITTEL, f"utbetaling-{utbetaling_id}.pdf", arkivkopi_pdf)
    filer = tuple(Dokument(f"Vedlegg: {navn}", navn, innhold) for navn, innhold in vedlegg)
    return Journalpost(utbetaling_id, orgnr, arrangor_navn, lopenummer, mottatt, (hoved, *filer))
