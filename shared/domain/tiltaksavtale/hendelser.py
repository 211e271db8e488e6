"""What a transition records (avtale.md §5.3, §7, §9.1): one `Hendelse` per row with its exact text, in-app
`Varsel`s per party, outbox `Utsending`s, and `Effekt`s the payment side (§6) acts on in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final

from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.kodeverk import Rolle


class HendelseType(StrEnum):
    """Nav's HendelseType names (ASCII) of the rows of §5.3."""

    OPPRETTET = "OPPRETTET"
    OPPRETTET_AV_ARBEIDSGIVER = "OPPRETTET_AV_ARBEIDSGIVER"
    ENDRET = "ENDRET"
    AVTALE_FORDELT = "AVTALE_FORDELT"
    NY_VEILEDER = "NY_VEILEDER"
    DELT_MED_DELTAKER = "DELT_MED_DELTAKER"
    DELT_MED_ARBEIDSGIVER = "DELT_MED_ARBEIDSGIVER"
    DELT_MED_MENTOR = "DELT_MED_MENTOR"
    SIGNERT_AV_MENTOR = "SIGNERT_AV_MENTOR"
    GODKJENT_AV_DELTAKER = "GODKJENT_AV_DELTAKER"
    GODKJENT_AV_ARBEIDSGIVER = "GODKJENT_AV_ARBEIDSGIVER"
    GODKJENT_AV_VEILEDER = "GODKJENT_AV_VEILEDER"
    GODKJENT_PAA_VEGNE_AV = "GODKJENT_PAA_VEGNE_AV"
    AVTALE_INNGAATT = "AVTALE_INNGAATT"
    GODKJENNINGER_OPPHEVET_AV_ARBEIDSGIVER = "GODKJENNINGER_OPPHEVET_AV_ARBEIDSGIVER"
    GODKJENNINGER_OPPHEVET_AV_VEILEDER = "GODKJENNINGER_OPPHEVET_AV_VEILEDER"
    DELTAKERS_GODKJENNING_OPPHEVET_AV_ARBEIDSGIVER = "DELTAKERS_GODKJENNING_OPPHEVET_AV_ARBEIDSGIVER"
    DELTAKERS_GODKJENNING_OPPHEVET_AV_VEILEDER = "DELTAKERS_GODKJENNING_OPPHEVET_AV_VEILEDER"
    ARBEIDSGIVERS_GODKJENNING_OPPHEVET_AV_VEILEDER = "ARBEIDSGIVERS_GODKJENNING_OPPHEVET_AV_VEILEDER"
    TILSKUDDSPERIODE_GODKJENT = "TILSKUDDSPERIODE_GODKJENT"
    TILSKUDDSPERIODE_AVSLATT = "TILSKUDDSPERIODE_AVSLATT"
    TILSKUDDSPERIODE_SENDT_PA_NYTT = "TILSKUDDSPERIODE_SENDT_PA_NYTT"
    KONTAKTINFORMASJON_ENDRET = "KONTAKTINFORMASJON_ENDRET"
    OPPFOLGING_OG_TILRETTELEGGING_ENDRET = "OPPFOLGING_OG_TILRETTELEGGING_ENDRET"
    STILLINGSBESKRIVELSE_ENDRET = "STILLINGSBESKRIVELSE_ENDRET"
    MAAL_ENDRET = "MAAL_ENDRET"
    INKLUDERINGSTILSKUDD_ENDRET = "INKLUDERINGSTILSKUDD_ENDRET"
    OM_MENTOR_ENDRET = "OM_MENTOR_ENDRET"
    TILSKUDDSBEREGNING_ENDRET = "TILSKUDDSBEREGNING_ENDRET"
    AVTALE_FORLENGET = "AVTALE_FORLENGET"
    AVTALE_FORKORTET = "AVTALE_FORKORTET"
    ANNULLERT = "ANNULLERT"
    GODKJENT_FOR_ETTERREGISTRERING = "GODKJENT_FOR_ETTERREGISTRERING"
    FJERNET_ETTERREGISTRERING = "FJERNET_ETTERREGISTRERING"
    STATUSENDRING = "STATUSENDRING"
    OPPFOLGING_AV_TILTAK_UTFORT = "OPPFOLGING_AV_TILTAK_UTFORT"
    OPPFOLGING_AV_TILTAK_KREVES = "OPPFOLGING_AV_TILTAK_KREVES"
    UTLOPSVARSEL = "UTLOPSVARSEL"


ANSATT_ROLLER: Final = frozenset({Rolle.VEILEDER, Rolle.BESLUTTER})


@dataclass(frozen=True, slots=True)
class Aktor:
    """Who acts: the role (from the route) and the login's identity (pid, NAVident or "SYSTEM")."""

    rolle: Rolle
    ident: str

    @classmethod
    def system(cls) -> Aktor:
        return cls(Rolle.SYSTEM, "SYSTEM")


def utfort_av_ident(aktor: Aktor, a: Tiltaksavtale) -> str:
    """§9.1 `utfort_av.ident`: NAVident | orgnr | "DELTAKER" | "MENTOR" | "SYSTEM" (never a fødselsnummer)."""
    if aktor.rolle in ANSATT_ROLLER:
        return aktor.ident
    if aktor.rolle == Rolle.ARBEIDSGIVER:
        return a.bedrift_nr
    return aktor.rolle.value


@dataclass(frozen=True, slots=True)
class Hendelse:
    avtale_id: str
    hendelse: HendelseType
    tekst: str
    utfort_av_rolle: Rolle
    utfort_av_ident: str
    tidspunkt: datetime
    versjon: int

    @property
    def id(self) -> str:
        """UUIDv5(avtale_id, hendelse, sist_endret): a retried transaction writes the same entry."""
        return str(uuid.uuid5(uuid.UUID(self.avtale_id), f"{self.hendelse}/{self.tidspunkt.isoformat()}"))


@dataclass(frozen=True, slots=True)
class Varsel:
    """In-app notice (`avtale_varsler`). `mottaker` is a NAVident or orgnr; for the deltaker and the mentor it is
    the role, resolved through the avtale's fnr on read, so no fødselsnummer is stored with notices."""

    avtale_id: str
    mottaker_rolle: Rolle
    mottaker: str
    hendelse: HendelseType
    tekst: str
    bjelle: bool
    opprettet: datetime


class Kanal(StrEnum):
    SMS = "SMS"
    MIN_SIDE_BESKJED = "MIN_SIDE_BESKJED"
    MIN_SIDE_OPPGAVE = "MIN_SIDE_OPPGAVE"
    MIN_SIDE_OPPGAVE_UTFORT = "MIN_SIDE_OPPGAVE_UTFORT"
    NAV_OPPGAVE = "NAV_OPPGAVE"
    PUBSUB = "PUBSUB"


@dataclass(frozen=True, slots=True)
class Utsending:
    """One outbox record (`avtale_utsendinger`); the port `Varsling` is idempotent on `ekstern_id`."""

    avtale_id: str
    kanal: Kanal
    mottaker: str
    """Phone number (SMS), orgnr (Min side, scoped to the type's Altinn resource) or enhetsnummer (Nav oppgave)."""
    innhold: str
    ekstern_id: str
    send_tidligst: datetime
    topic: str | None = None
    ordering_key: str | None = None


def ekstern_id(avtale_id: str, hendelse: str, versjon_eller_dato: str) -> str:
    """§7: UUIDv5(avtale id, event, version or date)."""
    return str(uuid.uuid5(uuid.UUID(avtale_id), f"{hendelse}/{versjon_eller_dato}"))


class Effekttype(StrEnum):
    """What the rest of the system must do in the same transaction (plug points of §6 and §9)."""

    TILSKUDD_TIL_BESLUTNING = "TILSKUDD_TIL_BESLUTNING"
    """Veileder approved: VTA-O creates tilsagn #1 (§6.1–6.3); other types publish nothing yet (§6.8)."""
    TILSKUDD_TREKKES = "TILSKUDD_TREKKES"
    """Approvals lifted or annulled: pending VTA-O tilsagn withdrawn (§6.3)."""
    AVTALE_INNGATT = "AVTALE_INNGATT"
    """A decided version: the `avtale-inngatt` message and archiving (§9.2, §9.3)."""
    SLUTTDATO_ENDRET = "SLUTTDATO_ENDRET"
    """Forleng/forkort: VTA-O blocks and tilsagn (§6.5)."""
    ANNULLERT = "ANNULLERT"
    """VTA-O: gjennomføring AVLYST, deltakelse FEILREGISTRERT (§6.5)."""
    STATUS_ENDRET = "STATUS_ENDRET"
    """Date-driven status: VTA-O deltakelse sync (§6.1)."""


@dataclass(frozen=True, slots=True)
class Effekt:
    type: Effekttype
    versjon: int


@dataclass(frozen=True, slots=True)
class Utfall:
    """The result of one transition: the new avtale and everything its transaction writes."""

    avtale: Tiltaksavtale
    hendelser: tuple[Hendelse, ...]
    varsler: tuple[Varsel, ...] = ()
    utsendinger: tuple[Utsending, ...] = ()
    ny_versjon: Versjon | None = None
    effekter: tuple[Effekt, ...] = field(default=())
