"""§5.5: the kinds of change a veileder makes to an inngått avtale, each a new version with no new approval from
the deltaker or the arbeidsgiver. The table says which fields each kind copies from the request, which types
it is for, and its texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from shared.domain.tiltaksavtale.feil import AvtaleFeltFeil
from shared.domain.tiltaksavtale.grenser import utgifter
from shared.domain.tiltaksavtale.hendelser import HendelseType
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold, er_tom, peker
from shared.domain.tiltaksavtale.kodeverk import LONNSTILSKUDD, InnholdType, Tiltakstype

ALLE_TYPER: Final = frozenset(Tiltakstype)
ALLE_FELT: Final = "Alle felt må være utfylt"
KONTAKTINFO: Final = (
    "deltaker_fornavn",
    "deltaker_etternavn",
    "deltaker_tlf",
    "arbeidsgiver_fornavn",
    "arbeidsgiver_etternavn",
    "arbeidsgiver_tlf",
    "veileder_fornavn",
    "veileder_etternavn",
    "veileder_tlf",
)
STILLING: Final = (
    "stillingstittel",
    "arbeidsoppgaver",
    "stilling_styrk08",
    "stilling_konsept_id",
    "stillingprosent",
    "antall_dager_per_uke",
)
MENTOR: Final = (
    "mentor_fornavn",
    "mentor_etternavn",
    "mentor_tlf",
    "mentor_oppgaver",
    "mentor_antall_timer",
    "mentor_valgt_lonnstype",
    "mentor_valgt_lonnstype_belop",
)
BEREGNING: Final = ("manedslonn", "feriepengesats", "otp_sats", "arbeidsgiveravgift")

Sjekk = Callable[[Tiltakstype, Avtaleinnhold, Avtaleinnhold], list[AvtaleFeltFeil]]


@dataclass(frozen=True, slots=True)
class Endringstype:
    felt: Callable[[Tiltakstype], tuple[str, ...]]
    """Fields copied from the request (every one of them required unless `sjekk` says otherwise)."""
    typer: frozenset[Tiltakstype]
    ikke_inngatt: str
    hendelse: HendelseType
    tekst: str
    """The hendelse text and, with a full stop, the Min side beskjed (§7)."""
    sjekk: Sjekk | None = None
    ny_beslutning: bool = False


def _alle_pakrevd(tekst: str, felt: Callable[[Tiltakstype], tuple[str, ...]]) -> Sjekk:
    def sjekk(t: Tiltakstype, gammel: Avtaleinnhold, ny: Avtaleinnhold) -> list[AvtaleFeltFeil]:
        return [AvtaleFeltFeil(peker(f), tekst) for f in felt(t) if er_tom(getattr(ny, f))]

    return sjekk


def _stilling(t: Tiltakstype) -> tuple[str, ...]:
    med_type = t == Tiltakstype.VTAO or t in LONNSTILSKUDD
    formal = t in (Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD, Tiltakstype.VARIG_LONNSTILSKUDD)
    return STILLING + (("stillingstype",) if med_type else ()) + (("lonnstilskudd_formaal",) if formal else ())


def _beregning(t: Tiltakstype) -> tuple[str, ...]:
    return BEREGNING + (("lonnstilskudd_prosent",) if t == Tiltakstype.VARIG_LONNSTILSKUDD else ())


def _kontakt(t: Tiltakstype, gammel: Avtaleinnhold, ny: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    return _alle_pakrevd(ALLE_FELT, lambda _: KONTAKTINFO)(t, gammel, ny)


def _maal(t: Tiltakstype, gammel: Avtaleinnhold, ny: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    if not ny.maal:
        return [AvtaleFeltFeil(peker("maal"), "Du må ha minst ett mål")]
    tekst = "Mål må ha både beskrivelse og kategori"
    return [
        AvtaleFeltFeil(peker("maal", n), tekst)
        for n, m in enumerate(ny.maal)
        if not m.kategori or er_tom(m.beskrivelse)
    ]


def _utgifter(t: Tiltakstype, gammel: Avtaleinnhold, ny: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    """Only new lines may be added: the existing ones must come first, unchanged."""
    eksisterende = gammel.inkluderingstilskuddsutgifter
    if ny.inkluderingstilskuddsutgifter[: len(eksisterende)] != eksisterende:
        return [AvtaleFeltFeil(peker("inkluderingstilskuddsutgifter"), "Eksisterende utgifter kan ikke endres")]
    return utgifter(ny)


def _gyldig_beregning(t: Tiltakstype, gammel: Avtaleinnhold, ny: Avtaleinnhold) -> list[AvtaleFeltFeil]:
    tekst = "Kunne ikke endre beregning. Ett eller flere felt har ugyldig verdi."
    return _alle_pakrevd(tekst, _beregning)(t, gammel, ny)


MED_STILLING: Final = ALLE_TYPER - {Tiltakstype.MENTOR, Tiltakstype.INKLUDERINGSTILSKUDD}
ENDRINGER: Final[dict[InnholdType, Endringstype]] = {
    InnholdType.ENDRE_KONTAKTINFO: Endringstype(
        lambda _: (*KONTAKTINFO, "refusjon_kontaktperson"),
        ALLE_TYPER,
        "Kontaktinformasjon kan kun endres på en godkjent avtale",
        HendelseType.KONTAKTINFORMASJON_ENDRET,
        "Kontaktinformasjon i avtale endret av veileder",
        _kontakt,
    ),
    InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING: Endringstype(
        lambda _: ("oppfolging", "tilrettelegging", "annen_bistand"),
        ALLE_TYPER,
        "Oppfølging og tilrettelegging kan kun endres på en godkjent avtale",
        HendelseType.OPPFOLGING_OG_TILRETTELEGGING_ENDRET,
        "Oppfølging og tilrettelegging i avtale endret av veileder",
        _alle_pakrevd(ALLE_FELT, lambda _: ("oppfolging", "tilrettelegging")),
    ),
    InnholdType.ENDRE_STILLING: Endringstype(
        _stilling,
        MED_STILLING,
        "Stillingsbeskrivelse kan kun endres på en godkjent avtale",
        HendelseType.STILLINGSBESKRIVELSE_ENDRET,
        "Stillingsbeskrivelse i avtale endret av veileder",
        _alle_pakrevd(ALLE_FELT, _stilling),
    ),
    InnholdType.ENDRE_MAAL: Endringstype(
        lambda _: ("maal",),
        frozenset({Tiltakstype.ARBEIDSTRENING}),
        "Mål kan kun endres på en inngått avtale",
        HendelseType.MAAL_ENDRET,
        "Mål i avtale endret av veileder",
        _maal,
    ),
    InnholdType.ENDRE_INKLUDERINGSTILSKUDD: Endringstype(
        lambda _: ("inkluderingstilskuddsutgifter",),
        frozenset({Tiltakstype.INKLUDERINGSTILSKUDD}),
        "Inkluderingstilskudd kan kun endres på en inngått avtale",
        HendelseType.INKLUDERINGSTILSKUDD_ENDRET,
        "Inkluderingstilskudd i avtale endret av veileder",
        _utgifter,
    ),
    InnholdType.ENDRE_OM_MENTOR: Endringstype(
        lambda _: MENTOR,
        frozenset({Tiltakstype.MENTOR}),
        "Om mentor kan kun endres på en inngått avtale",
        HendelseType.OM_MENTOR_ENDRET,
        "Om mentor i avtale endret av veileder",
        _alle_pakrevd("Alle felt for mentor må være utfylt", lambda _: MENTOR),
        ny_beslutning=True,
    ),
    InnholdType.ENDRE_TILSKUDDSBEREGNING: Endringstype(
        _beregning,
        LONNSTILSKUDD | {Tiltakstype.MENTOR},
        "Tilskuddsberegning kan kun endres på en inngått avtale",
        HendelseType.TILSKUDDSBEREGNING_ENDRET,
        "Tilskuddsberegning i avtale endret av veileder",
        _gyldig_beregning,
        ny_beslutning=True,
    ),
}
"""(vårt valg) the "kan kun endres" texts Nav's front end does not give, and the hendelse texts (from §7)."""
