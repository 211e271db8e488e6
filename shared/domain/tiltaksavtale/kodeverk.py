"""Code lists of the tiltaksavtale (avtale.md §2.2, §4, §5): tiltakstyper with their Altinn resources, statuses,
roles, and the value sets of the content fields. Values are Nav's names in ASCII."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Tiltakstype(StrEnum):
    VTAO = "VTAO"
    """Varig tilrettelagt arbeid i ordinær virksomhet (tiltakskode TILRETTELAGT_ARBEID_ORDINAER)."""
    ARBEIDSTRENING = "ARBEIDSTRENING"
    """Arbeidstrening: no grant."""
    MIDLERTIDIG_LONNSTILSKUDD = "MIDLERTIDIG_LONNSTILSKUDD"
    """Midlertidig lønnstilskudd: prosent set by the system from the innsatsgruppe."""
    VARIG_LONNSTILSKUDD = "VARIG_LONNSTILSKUDD"
    """Varig lønnstilskudd: prosent entered by the veileder."""
    SOMMERJOBB = "SOMMERJOBB"
    """Sommerjobb: 50 or 75 % for at most four weeks in summer."""
    MENTOR = "MENTOR"
    """Tilskudd til mentor: the mentor signs a taushetserklæring."""
    INKLUDERINGSTILSKUDD = "INKLUDERINGSTILSKUDD"
    """Inkluderingstilskudd: a list of covered costs."""


@dataclass(frozen=True, slots=True)
class Typeinfo:
    tittel: str
    """Title in texts and the PDF."""
    ressurs: str
    """Altinn 3 resource id; access is matched on this, never on the name."""
    rettighet: str
    """The Altinn right's name, shown when it is missing."""
    beslutter: bool
    """Whether a beslutter decides a grant before inngåelse."""


TYPER: Final[dict[Tiltakstype, Typeinfo]] = {
    Tiltakstype.VTAO: Typeinfo(
        "Avtale om varig tilrettelagt arbeid i ordinær virksomhet",
        "nav_tiltak_varig-tilrettelagt-arbeid-ordinaer",
        "Avtale om varig tilrettelagt arbeid i ordinær virksomhet",
        True,
    ),
    Tiltakstype.ARBEIDSTRENING: Typeinfo(
        "Avtale om arbeidstrening", "nav_tiltak_arbeidstrening", "Avtale om arbeidstrening", False
    ),
    Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD: Typeinfo(
        "Avtale om midlertidig lønnstilskudd",
        "nav_tiltak_midlertidig-lonnstilskudd",
        "Avtale om midlertidig lønnstilskudd",
        True,
    ),
    Tiltakstype.VARIG_LONNSTILSKUDD: Typeinfo(
        "Avtale om varig lønnstilskudd", "nav_tiltak_varig-lonnstilskudd", "Avtale om varig lønnstilskudd", True
    ),
    Tiltakstype.SOMMERJOBB: Typeinfo("Avtale om sommerjobb", "nav_tiltak_sommerjobb", "Avtale om sommerjobb", True),
    Tiltakstype.MENTOR: Typeinfo("Avtale om tilskudd til mentor", "nav_tiltak_mentor", "Avtale om mentor", True),
    Tiltakstype.INKLUDERINGSTILSKUDD: Typeinfo(
        "Avtale om inkluderingstilskudd",
        "nav_tiltak_inkluderingstilskudd",
        "Avtale om inkluderingstilskudd",
        False,
    ),
}

ADRESSESPERRE_RESSURS: Final = "nav_tiltak_adressesperre"
"""«Adressesperre — avtaler om arbeidsmarkedstiltak og refusjoner»: employers may see protected deltakere."""

LONNSTILSKUDD: Final = frozenset(
    {Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD, Tiltakstype.VARIG_LONNSTILSKUDD, Tiltakstype.SOMMERJOBB}
)
"""Types whose grant is the §4.5 salary chain on the employee's own salary."""


class Status(StrEnum):
    ANNULLERT = "ANNULLERT"
    """Annulled (by the veileder, or expired)."""
    AVSLUTTET = "AVSLUTTET"
    """Inngått and past its sluttdato."""
    GJENNOMFORES = "GJENNOMFORES"
    """Inngått and started."""
    KLAR_FOR_OPPSTART = "KLAR_FOR_OPPSTART"
    """Inngått, not yet started."""
    MANGLER_GODKJENNING = "MANGLER_GODKJENNING"
    """Every required field filled; waiting for approvals."""
    PABEGYNT = "PABEGYNT"
    """Required fields missing."""


UFERDIGE: Final = frozenset({Status.PABEGYNT, Status.MANGLER_GODKJENNING})
INNGATTE: Final = frozenset({Status.KLAR_FOR_OPPSTART, Status.GJENNOMFORES, Status.AVSLUTTET})


class VenterPa(StrEnum):
    FORDELING = "FORDELING"
    """Employer-made, no veileder yet."""
    ARBEIDSGIVER = "ARBEIDSGIVER"
    """The arbeidsgiver has not approved."""
    DELTAKER = "DELTAKER"
    """The deltaker has not approved."""
    MENTOR = "MENTOR"
    """The mentor has not signed the taushetserklæring."""
    VEILEDER = "VEILEDER"
    """Nav's approval is missing."""
    BESLUTTER = "BESLUTTER"
    """The grant is undecided."""


class Rolle(StrEnum):
    DELTAKER = "DELTAKER"
    """The participant (ID-porten pid = deltaker_fnr)."""
    ARBEIDSGIVER = "ARBEIDSGIVER"
    """A person acting for the virksomhet (pid + Altinn resource)."""
    MENTOR = "MENTOR"
    """The mentor of a mentor avtale (pid = mentor_fnr)."""
    VEILEDER = "VEILEDER"
    """Nav-veileder (NAVident)."""
    BESLUTTER = "BESLUTTER"
    """Nav employee with BESLUTTER_TILSAGN at the kostnadssted."""
    SYSTEM = "SYSTEM"
    """Date-driven status, expiry, notices."""


class Part(StrEnum):
    """A party the veileder can share with (row 5)."""

    DELTAKER = "DELTAKER"
    ARBEIDSGIVER = "ARBEIDSGIVER"
    MENTOR = "MENTOR"


class Opphav(StrEnum):
    ARBEIDSGIVER = "ARBEIDSGIVER"
    """Created by an arbeidsgiver: ufordelt until a veileder takes it."""
    VEILEDER = "VEILEDER"
    """Created by a veileder."""


class Innsatsgruppe(StrEnum):
    GODE_MULIGHETER = "GODE_MULIGHETER"
    TRENGER_VEILEDNING = "TRENGER_VEILEDNING"
    TRENGER_VEILEDNING_NEDSATT_ARBEIDSEVNE = "TRENGER_VEILEDNING_NEDSATT_ARBEIDSEVNE"
    JOBBE_DELVIS = "JOBBE_DELVIS"
    LITEN_MULIGHET_TIL_A_JOBBE = "LITEN_MULIGHET_TIL_A_JOBBE"


class Adressebeskyttelse(StrEnum):
    UGRADERT = "UGRADERT"
    FORTROLIG = "FORTROLIG"
    STRENGT_FORTROLIG = "STRENGT_FORTROLIG"
    STRENGT_FORTROLIG_UTLAND = "STRENGT_FORTROLIG_UTLAND"


STRENGT_FORTROLIGE: Final = frozenset(
    {Adressebeskyttelse.STRENGT_FORTROLIG, Adressebeskyttelse.STRENGT_FORTROLIG_UTLAND}
)


class InnholdType(StrEnum):
    """What made a version (§5.5); version 1 is INNGA."""

    INNGA = "INNGA"
    ENDRE_KONTAKTINFO = "ENDRE_KONTAKTINFO"
    ENDRE_OPPFOLGING_OG_TILRETTELEGGING = "ENDRE_OPPFOLGING_OG_TILRETTELEGGING"
    ENDRE_STILLING = "ENDRE_STILLING"
    ENDRE_MAAL = "ENDRE_MAAL"
    ENDRE_INKLUDERINGSTILSKUDD = "ENDRE_INKLUDERINGSTILSKUDD"
    ENDRE_OM_MENTOR = "ENDRE_OM_MENTOR"
    ENDRE_TILSKUDDSBEREGNING = "ENDRE_TILSKUDDSBEREGNING"
    FORLENGE = "FORLENGE"
    FORKORTE = "FORKORTE"


class Stillingstype(StrEnum):
    FAST = "FAST"
    MIDLERTIDIG = "MIDLERTIDIG"


class LonnstilskuddFormaal(StrEnum):
    SKAFFE_ARBEID = "SKAFFE_ARBEID"
    BEHOLDE_ARBEID = "BEHOLDE_ARBEID"


class MaalKategori(StrEnum):
    FA_JOBB_I_BEDRIFTEN = "FA_JOBB_I_BEDRIFTEN"
    """«Få jobb i bedriften»"""
    ARBEIDSERFARING = "ARBEIDSERFARING"
    """«Arbeidserfaring»"""
    UTPROVING = "UTPROVING"
    """«Utprøving»"""
    SPRAKOPPLAERING = "SPRAKOPPLAERING"
    """«Språkopplæring»"""
    OPPNA_FAGBREV_KOMPETANSEBEVIS = "OPPNA_FAGBREV_KOMPETANSEBEVIS"
    """«Oppnå fagbrev/kompetansebevis»"""
    ANNET = "ANNET"
    """«Annet»"""


class Lonnstype(StrEnum):
    ARSLONN = "ARSLONN"
    MANEDSLONN = "MANEDSLONN"
    UKELONN = "UKELONN"
    DAGSLONN = "DAGSLONN"
    TIMELONN = "TIMELONN"


class Utgiftstype(StrEnum):
    TILRETTELEGGINGSBEHOV = "TILRETTELEGGINGSBEHOV"
    TILTAKSPLASS = "TILTAKSPLASS"
    UTSTYR = "UTSTYR"
    PROGRAMVARE = "PROGRAMVARE"
    ARBEIDSHJELPEMIDLER = "ARBEIDSHJELPEMIDLER"
    OPPLAERING = "OPPLAERING"
    FORSIKRING_LISENS_SERTIFISERING = "FORSIKRING_LISENS_SERTIFISERING"


class BeslutningStatus(StrEnum):
    TIL_BESLUTNING = "TIL_BESLUTNING"
    """Sent to the beslutter at the veileder's approval (or a later change)."""
    GODKJENT = "GODKJENT"
    """Decided; inngår the avtale if it was not."""
    RETURNERT = "RETURNERT"
    """Sent back to the veileder."""


class Returaarsak(StrEnum):
    FEIL_I_FAKTA = "FEIL_I_FAKTA"
    FEIL_I_REGELFORSTAELSE = "FEIL_I_REGELFORSTAELSE"
    FEIL_I_PROSENTSATS = "FEIL_I_PROSENTSATS"
    ANNET = "ANNET"


FORKORT_GRUNNER: Final = (
    "Begynt i arbeid",
    "Fått tilbud om annet tiltak",
    "Syk",
    "Ikke møtt",
    "Fullført",
    "Annet",
)
ANNULLER_GRUNNER: Final = ("Feilregistrering", "Begynt i arbeid", "Fått tilbud om annet tiltak", "Syk", "Ikke møtt")
FEILREGISTRERING: Final = "Feilregistrering"
UTLOPT: Final = "Utløpt"
