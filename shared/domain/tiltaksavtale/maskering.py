"""What each party sees (avtale.md §2.5), as one pure function from the avtale and the reader's role to a masked
copy. The edge builds the §8.2 document from the result; nothing it hides can leak through a later mapping."""

from __future__ import annotations

from typing import Final

from shared.domain.tiltaksavtale.avtale import Godkjenning, Godkjenninger, Tiltaksavtale
from shared.domain.tiltaksavtale.kodeverk import Rolle, Tiltakstype

SKJULT: Final = ""
"""Stands for a hidden required identifier (the mentor never sees the deltaker's fnr)."""
ADRESSEBESKYTTET: Final = "Adressebeskyttet"
MENTOR_LONN: Final = (
    "mentor_valgt_lonnstype",
    "mentor_valgt_lonnstype_belop",
    "feriepengesats",
    "otp_sats",
    "arbeidsgiveravgift",
)
TILSKUDD: Final = (
    "manedslonn",
    "feriepengesats",
    "otp_sats",
    "arbeidsgiveravgift",
    "lonnstilskudd_prosent",
    "inkluderingstilskuddsutgifter",
    "mentor_valgt_lonnstype",
    "mentor_valgt_lonnstype_belop",
)


def _uten_navident(g: Godkjenning | None) -> Godkjenning | None:
    return g.model_copy(update={"navident": None}) if g is not None else None


def _godkjenninger(g: Godkjenninger) -> Godkjenninger:
    return g.model_copy(update={"veileder": _uten_navident(g.veileder), "beslutter": _uten_navident(g.beslutter)})


def _nav_felt() -> dict[str, object]:
    """Kostnadssted, NAVidents and the beslutter: Nav roles only."""
    return {"veileder_navident": None, "kostnadssted": None, "tilskudd_beslutning": None}


def _innhold(a: Tiltaksavtale, rolle: Rolle, dokument: bool, beskyttet: bool) -> dict[str, object]:
    skjul: list[str] = []
    if rolle == Rolle.DELTAKER and a.tiltakstype == Tiltakstype.MENTOR:
        skjul += MENTOR_LONN
    if rolle == Rolle.MENTOR:
        skjul += [f for f in TILSKUDD if f not in MENTOR_LONN]
    endring: dict[str, object] = dict.fromkeys(skjul)
    endring.update({f: () for f in skjul if f == "inkluderingstilskuddsutgifter"})
    if dokument and beskyttet and rolle in (Rolle.ARBEIDSGIVER, Rolle.MENTOR):
        endring.update(deltaker_fornavn=ADRESSEBESKYTTET, deltaker_etternavn="")
    return endring


def masker(a: Tiltaksavtale, rolle: Rolle, *, beskyttet: bool = False, dokument: bool = False) -> Tiltaksavtale:
    """The avtale as `rolle` may see it. `beskyttet`: the deltaker has adressebeskyttelse; `dokument`: an
    employer document or notice, which never holds a fødselsnummer and says "Adressebeskyttet" for the name."""
    if rolle in (Rolle.VEILEDER, Rolle.BESLUTTER, Rolle.SYSTEM):
        return a
    felt: dict[str, object] = {**_nav_felt(), "godkjenninger": _godkjenninger(a.godkjenninger)}
    if rolle in (Rolle.ARBEIDSGIVER, Rolle.MENTOR):
        felt.update(innsatsgruppe=None, annullert_grunn=None, enhet_oppfolging=None, enhet_geografisk=None)
    if rolle == Rolle.MENTOR or dokument:
        felt.update(deltaker_fnr=SKJULT, deltaker_fodselsdato=None)
    if rolle == Rolle.DELTAKER:
        felt["mentor_fnr"] = None
    felt["innhold"] = a.innhold.model_copy(update=_innhold(a, rolle, dokument, beskyttet))
    return a.model_copy(update=felt)
