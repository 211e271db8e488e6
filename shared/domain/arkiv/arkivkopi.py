"""The archive copy "Innsendt krav om utbetaling" (domene.md §11): Nav's full record of a received claim.

Unlike the arrangør's receipt it **does** hold the participants: name and fødselsnr., start and end in the period,
deltakelsesprosent (AFT/VTA), månedsverk/ukesverk and sats per piece of the stored beregning output. Protected
persons are masked as everywhere else (§11): "Adressebeskyttet" or "Skjermet" and no fødselsnummer. The 12-week rule
does not apply: the copy is made when the claim is received and is Nav's record of it.

Pure: amounts and factors stay `int`/`Decimal` (the caller reads the stored JSON with `parse_float=Decimal`), times
come in with the claim, and nothing is looked up here. The caller masks the persons with the one masking rule
(`domain/utbetaling/innsending.py` `vist_navn`/`vist_ident`) and passes the type label, so this module only arranges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from shared.domain.felles.kodeverk import TILTAKSTYPER, Prismodell, Tiltakskode
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling

OSLO = ZoneInfo("Europe/Oslo")

ARRANGOR = "ARRANGOR"
"""`innsendt_av` of a claim the arrangør sent in or created (the employee is identified only in the access log)."""

ENHET = {
    Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED: "Månedsverk",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED: "Månedsverk",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE: "Ukesverk",
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE: "Uker",
}


@dataclass(frozen=True, slots=True)
class VistPerson:
    """A participant as every output shows them (§11): "Adressebeskyttet"/"Skjermet" and no ident when protected."""

    navn: str
    fodselsnr: str | None


@dataclass(frozen=True, slots=True)
class Kravkontekst:
    """What the copy names besides the claim and its beregning."""

    overskrift: str
    """The type header: "Innsending", "Utbetaling for investering" or "Korrigering" (§8.3 `displayNameLong`)."""
    arrangor_navn: str
    gjennomforing_navn: str
    lopenummer: str
    innsendt_av: str = "ARRANGOR"
    """ARRANGOR, or the NAVident that created a korreksjon."""


@dataclass(frozen=True, slots=True)
class Deltakerrad:
    """One output piece of one participant, masked (§11)."""

    navn: str
    fodselsnr: str
    """Empty for a protected or shielded person."""
    start: date
    slutt: date
    """Inclusive last day in the period."""
    deltakelsesprosent: Decimal | None
    faktor: Decimal
    sats: int


@dataclass(frozen=True, slots=True)
class Arkivkopi:
    overskrift: str
    topp: tuple[tuple[str, str], ...]
    utbetaling: tuple[tuple[str, str], ...]
    betaling: tuple[tuple[str, str], ...]
    enhet: str
    """Column label of `faktor`: Månedsverk, Ukesverk or Uker."""
    deltakere: tuple[Deltakerrad, ...]
    vedlegg: tuple[str, ...]
    """File names in the claim's order."""
    tittel: str = "Innsendt krav om utbetaling"


def dato(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def kroner(belop: int) -> str:
    return f"{belop:,} kr".replace(",", " ")


def _tid(t: datetime) -> str:
    return t.astimezone(OSLO).strftime("%d.%m.%Y kl. %H:%M:%S")


def _prosent(inn: Mapping[str, Any], deltakelse_id: str, start: str) -> Decimal | None:
    for d in inn.get("deltakelser") or []:
        if d.get("id") == deltakelse_id:
            gjeldende = None
            for m in sorted(d.get("deltakelsesmengder") or [], key=lambda m: str(m["gyldig_fra"])):
                if str(m["gyldig_fra"]) <= start:
                    gjeldende = Decimal(str(m["deltakelsesprosent"]))
            return gjeldende
    return None


def deltakelse_ider(ut: Mapping[str, Any]) -> list[str]:
    return [str(d["id"]) for d in ut.get("deltakelser") or []]


def deltakerrader(
    inn: Mapping[str, Any], ut: Mapping[str, Any], personer: Mapping[str, VistPerson]
) -> tuple[Deltakerrad, ...]:
    """One row per output piece; a participant missing from `personer` is shown without name or ident."""
    rader = []
    for d in ut.get("deltakelser") or []:
        person = personer.get(str(d["id"]))
        for p in d.get("perioder") or []:
            rader.append(
                Deltakerrad(
                    navn=person.navn if person else "Ukjent deltaker",
                    fodselsnr=(person.fodselsnr or "") if person else "",
                    start=date.fromisoformat(p["start"]),
                    slutt=date.fromisoformat(p["slutt"]) - timedelta(days=1),
                    deltakelsesprosent=_prosent(inn, str(d["id"]), str(p["start"])),
                    faktor=Decimal(str(p.get("faktor") or 0)),
                    sats=int(p["sats"]),
                )
            )
    return tuple(rader)


def _per_sats(rader: Sequence[Deltakerrad], enhet: str) -> list[tuple[str, str]]:
    summer: dict[int, Decimal] = {}
    for r in rader:
        summer[r.sats] = summer.get(r.sats, Decimal(0)) + r.faktor
    return [(f"Sats {kroner(s)}", f"{format(a.normalize(), 'f')} {enhet.lower()}") for s, a in sorted(summer.items())]


def _innsendt_av(u: Utbetaling, innsendt_av: str) -> tuple[str, str]:
    if u.opprinnelse is Opprinnelse.KORREKSJON or innsendt_av != ARRANGOR:
        return "Opprettet av", f"Nav-ansatt {innsendt_av}"
    return "Innsendt av", f"Arrangøransatt for {u.arrangor_orgnr}, innlogget med ID-porten"


def _topp(u: Utbetaling, k: Kravkontekst) -> tuple[tuple[str, str], ...]:
    mottatt = u.innsendt_tidspunkt or u.created_at
    dato_tekst = "Dato opprettet hos Nav" if u.opprinnelse is Opprinnelse.KORREKSJON else "Dato innsendt av arrangør"
    try:
        tiltakstype = TILTAKSTYPER[Tiltakskode(u.tiltakskode)].navn
    except (ValueError, KeyError):
        tiltakstype = u.tiltakskode
    return (
        ("Arrangør", f"{k.arrangor_navn} ({u.arrangor_orgnr})"),
        ("Tiltaksnavn", f"{k.gjennomforing_navn} ({k.lopenummer})"),
        ("Tiltakstype", tiltakstype),
        ("Løpenummer", k.lopenummer),
        (dato_tekst, dato(mottatt.astimezone(OSLO).date())),
        ("Mottatt", _tid(mottatt)),
        _innsendt_av(u, k.innsendt_av),
        ("Utbetalings-id", u.id),
    )


def _utbetaling(u: Utbetaling, inn: Mapping[str, Any], per_sats: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    rader = [("Utbetalingsperiode", f"{dato(u.periode_start)} - {dato(u.periode_slutt - timedelta(days=1))}")]
    if u.utbetales_tidligst:
        rader.append(("Utbetales tidligst", dato(u.utbetales_tidligst)))
    for s in inn.get("stengt") or []:
        slutt = date.fromisoformat(str(s["slutt"])) - timedelta(days=1)
        rader.append(("Stengt hos arrangør", f"{dato(date.fromisoformat(str(s['start'])))} - {dato(slutt)}"))
    rader += per_sats
    if u.korreksjon:
        rader += [("Korrigerer utbetaling", str(u.korreksjon.get("gjelder_utbetaling_id", ""))),
                  ("Begrunnelse", str(u.korreksjon.get("begrunnelse", "")))]  # fmt: skip
    rader.append(("Beløp", kroner(u.belop)))
    return tuple(rader)


def lag_arkivkopi(
    u: Utbetaling,
    k: Kravkontekst,
    beregning: tuple[Mapping[str, Any], Mapping[str, Any]],
    personer: Mapping[str, VistPerson],
    vedlegg: Sequence[str],
) -> Arkivkopi:
    """`beregning` = the stored (input, output) documents; `personer` by deltakelse id, masked; `vedlegg` = file
    names in the claim's order."""
    inn, ut = beregning
    rader = deltakerrader(inn, ut, personer)
    try:
        enhet = ENHET.get(Prismodell(u.prismodell), "Antall")
    except ValueError:
        enhet = "Antall"
    b = u.betalingsinformasjon
    konto, kid = (b.kontonummer, b.kid) if b else (None, None)
    return Arkivkopi(
        overskrift=k.overskrift,
        topp=_topp(u, k),
        utbetaling=_utbetaling(u, inn, _per_sats(rader, enhet)),
        betaling=(("Kontonummer", konto or "-"), ("KID-nummer", kid or "-")),
        enhet=enhet,
        deltakere=rader,
        vedlegg=tuple(vedlegg),
    )
