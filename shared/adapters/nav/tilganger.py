"""Local adapters of the authority ports (domene.md §9.1): `nav_ansatte/{navident}` = {roller: {ROLLE: [kostnadssted,
...] | "ALLE"}} and `enheter/{enhetsnummer}` = {navn}. In production the roles come from configured group ids in the
token's `groups` claim and a register of each employee's kostnadssteder; that adapter is not part of version 1."""

from __future__ import annotations

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
