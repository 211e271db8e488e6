"""Adapters of the authority ports (domene.md §9.1).

- `EntraNavAnsattTilganger` (production): the roles come from the Nav token's `groups` claim (Entra ID group object
  ids), mapped by configuration (`NAV_GRUPPE_ROLLER`, see `les_grupperoller`) to a role and its kostnadssteder: one
  group per role and region, as Nav's own services map their AD groups. An employee's roles are the union over
  their groups; a group that is not configured gives nothing.
- `FirestoreNavAnsattTilganger` (local stand-in): `nav_ansatte/{navident}` = {roller: {ROLLE: [kostnadssted, ...] |
  "ALLE"}}; `FirestoreEnheter`: `enheter/{enhetsnummer}` = {navn}.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache

from google.cloud import firestore

from shared.domain.nav.tilgang import ALLE, Kostnadssteder, NavAnsatt, Rolle

NAV_ANSATTE = "nav_ansatte"
ENHETER = "enheter"


def roller_fra(data: dict[str, object]) -> dict[Rolle, Kostnadssteder]:
    roller: dict[Rolle, Kostnadssteder] = {}
    raa = data.get("roller")
    for navn, steder in raa.items() if isinstance(raa, dict) else ():
        try:
            rolle = Rolle(navn)
        except ValueError:
            continue
        roller[rolle] = ALLE if steder == ALLE else frozenset(str(s) for s in steder or ())
    return roller


_KOSTNADSSTED = re.compile(r"^[0-9]{4}$")


def _steder(verdi: object, sti: str) -> Kostnadssteder:
    if verdi == ALLE:
        return ALLE
    if (
        not isinstance(verdi, list)
        or not verdi
        or not all(isinstance(k, str) and _KOSTNADSSTED.match(k) for k in verdi)
    ):
        raise ValueError(f'{sti}: kostnadssteder må være "ALLE" eller en liste av firesifrede kostnadssteder')
    return frozenset(verdi)


def les_grupperoller(tekst: str) -> dict[str, tuple[tuple[Rolle, Kostnadssteder], ...]]:
    """`{"<gruppe-id>": {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": ["0400"] | "ALLE"} | [{...}, ...]}`.
    A wrong entry is a configuration error at start (ValueError naming the group), never a silent missing role."""
    try:
        data = json.loads(tekst or "{}")
    except ValueError as e:
        raise ValueError("NAV_GRUPPE_ROLLER er ikke gyldig JSON") from e
    if not isinstance(data, dict):
        raise ValueError("NAV_GRUPPE_ROLLER må være et objekt gruppe-id → rolle")
    ut: dict[str, tuple[tuple[Rolle, Kostnadssteder], ...]] = {}
    for gruppe, verdi in data.items():
        oppforinger = verdi if isinstance(verdi, list) else [verdi]
        roller = []
        for i, o in enumerate(oppforinger):
            sti = f"NAV_GRUPPE_ROLLER/{gruppe}/{i}"
            if not isinstance(o, dict) or o.get("rolle") not in Rolle.__members__:
                raise ValueError(f"{sti}: ukjent rolle")
            roller.append((Rolle(o["rolle"]), _steder(o.get("kostnadssteder"), sti)))
        ut[str(gruppe)] = tuple(roller)
    return ut


class EntraNavAnsattTilganger:
    def __init__(self, grupperoller: Mapping[str, tuple[tuple[Rolle, Kostnadssteder], ...]]) -> None:
        self.grupperoller = grupperoller

    def hent(self, navident: str, grupper: frozenset[str] = frozenset()) -> NavAnsatt:
        roller: dict[Rolle, Kostnadssteder] = {}
        for gruppe in sorted(grupper):
            for rolle, steder in self.grupperoller.get(gruppe, ()):
                naa = roller.get(rolle, frozenset())
                roller[rolle] = naa | steder if isinstance(naa, frozenset) and isinstance(steder, frozenset) else ALLE
        return NavAnsatt(navident, roller)


class FirestoreNavAnsattTilganger:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def hent(self, navident: str, grupper: frozenset[str] = frozenset()) -> NavAnsatt:
        snap = self.db.collection(NAV_ANSATTE).document(navident).get()
        return NavAnsatt(navident, roller_fra(snap.to_dict() or {}) if snap.exists else {})

    def lagre(self, ansatt: NavAnsatt) -> None:
        roller = {r.value: (s if s == ALLE else sorted(s)) for r, s in ansatt.roller.items()}
        self.db.collection(NAV_ANSATTE).document(ansatt.navident).set({"roller": roller})


class FirestoreEnheter:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db
        self._navn = lru_cache(maxsize=512)(self._hent)

    def _hent(self, enhetsnummer: str) -> str:
        if not enhetsnummer:
            return ""
        snap = self.db.collection(ENHETER).document(enhetsnummer).get()
        navn = (snap.to_dict() or {}).get("navn") if snap.exists else None
        return str(navn) if navn else enhetsnummer

    def navn(self, enhetsnummer: str) -> str:
        return self._navn(enhetsnummer)
