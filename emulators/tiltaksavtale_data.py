"""Seed documents of the tiltaksavtale stand-ins (avtale.md §9.4) for the demo and the integration tests: Altinn
rights per resource, persons with their oppfølging, Nav employees' enheter and groups, Enhetsregisteret."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from google.cloud import firestore

from shared.adapters.arrangor.altinn import bruker_hmac
from shared.adapters.tiltaksavtale.stedfortredere import DELEGERINGER, ENHETSREGISTER, PERSONER
from shared.domain.tiltaksavtale.kodeverk import Adressebeskyttelse, Innsatsgruppe


@dataclass(frozen=True)
class Testperson:
    fnr: str
    fornavn: str
    etternavn: str
    fodselsdato: date
    oppfolgingsenhet: str | None = "0301"
    innsatsgruppe: Innsatsgruppe | None = Innsatsgruppe.JOBBE_DELVIS
    adressebeskyttelse: Adressebeskyttelse = Adressebeskyttelse.UGRADERT
    geografisk_enhet: str | None = None


@dataclass(frozen=True)
class Navansatt:
    navident: str
    enheter: Sequence[str]
    grupper: Sequence[str] = ()
    beslutter_ved: Sequence[str] = ()


@dataclass(frozen=True)
class Virksomhetsdata:
    orgnr: str
    navn: str
    type: str = "UNDERENHET"
    opphort: bool = False


@dataclass
class Avtaledata:
    personer: list[Testperson] = field(default_factory=list)
    ansatte: list[Navansatt] = field(default_factory=list)
    virksomheter: list[Virksomhetsdata] = field(default_factory=list)
    delegeringer: dict[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)
    """pid → {orgnr: [ressurs, …]}."""


def gyldig_fnr(fodselsdato: str, individ: str) -> str:
    """A synthetic MOD11-valid fødselsnummer for `ddmmyy` + a 3-digit individnummer (never a real person's)."""
    v1, v2 = (3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    for steg in range(1000):
        siffer = [int(c) for c in fodselsdato + f"{(int(individ) + steg) % 1000:03d}"]
        k1 = (11 - sum(a * b for a, b in zip(siffer, v1, strict=True)) % 11) % 11
        k2 = (11 - sum(a * b for a, b in zip([*siffer, k1], v2, strict=True)) % 11) % 11
        if k1 != 10 and k2 != 10:
            return "".join(map(str, siffer)) + f"{k1}{k2}"
    raise ValueError("fant ikke et gyldig fødselsnummer")


def last_inn(db: firestore.Client, data: Avtaledata, hmac_nokkel: str) -> None:
    batch = db.batch()
    for p in data.personer:
        batch.set(db.collection(PERSONER).document(p.fnr), {
            "fornavn": p.fornavn, "etternavn": p.etternavn, "fodselsdato": p.fodselsdato.isoformat(),
            "adressebeskyttelse": p.adressebeskyttelse.value, "skjermet": False,
            "geografisk_enhet": p.geografisk_enhet, "oppfolgingsenhet": p.oppfolgingsenhet,
            "innsatsgruppe": p.innsatsgruppe.value if p.innsatsgruppe else None,
        })  # fmt: skip
    for a in data.ansatte:
        roller = {"BESLUTTER_TILSAGN": list(a.beslutter_ved)} if a.beslutter_ved else {}
        batch.set(db.collection("nav_ansatte").document(a.navident), {
            "enheter": list(a.enheter), "grupper": {g: True for g in a.grupper}, "roller": roller,
        }, merge=True)  # fmt: skip
    for v in data.virksomheter:
        batch.set(db.collection(ENHETSREGISTER).document(v.orgnr),
                  {"navn": v.navn, "type": v.type, "overordnet_enhet": None, "opphort": v.opphort})  # fmt: skip
    for pid, organisasjoner in data.delegeringer.items():
        dok = {"organisasjoner": {o: list(r) for o, r in organisasjoner.items()}}
        batch.set(db.collection(DELEGERINGER).document(bruker_hmac(pid, hmac_nokkel)), dok)
    batch.commit()
