"""Local stand-ins of the tiltaksavtale ports on the Firestore emulator (avtale.md §9.4), seeded by `make demo`.
Production adapters are not part of version 1 (§12.8). A failing read raises `PortFeil` (the API answers 503).

- `altinn_delegeringer/{HMAC(pid)}` = {organisasjoner: {orgnr: [ressurs, …]}}. The arrangør API's older list form
  ({organisasjoner: [orgnr, …]}) holds the arrangør resource only and gives no tiltak rights here.
- `personer/{fnr}` = {fornavn, etternavn, fodselsdato, adressebeskyttelse, skjermet, geografisk_enhet,
  oppfolgingsenhet, innsatsgruppe}: the person register and the oppfølging register in one document.
- `nav_ansatte/{navident}` = {enheter: [...], grupper: {fortrolig: true, …}, roller: {BESLUTTER_TILSAGN: [...]}}
  (the roles as shared/adapters/nav/tilganger.py reads them).
- `enhetsregister/{orgnr}` = {navn, type, overordnet_enhet, opphort}.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Final

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.arrangor.altinn import bruker_hmac
from shared.adapters.nav.tilganger import NAV_ANSATTE, roller_fra
from shared.domain.nav.tilgang import ALLE
from shared.domain.nav.tilgang import Rolle as NavRolle
from shared.domain.tiltaksavtale.avtale import Enhet
from shared.domain.tiltaksavtale.kodeverk import Adressebeskyttelse, Innsatsgruppe
from shared.domain.tiltaksavtale.opprett import Oppfolgingsstatus
from shared.domain.tiltaksavtale.tilgang import (
    Avvisning,
    Enhetstype,
    NavAnsattInfo,
    Person,
    Virksomhet,
    lokal_persontilgang,
)
from shared.service.tiltaksavtale.ports import PortFeil

DELEGERINGER: Final = "altinn_delegeringer"
PERSONER: Final = "personer"
ENHETSREGISTER: Final = "enhetsregister"
BUFFERTID_S: Final = 3600.0


def _les(db: firestore.Client, samling: str, dok_id: str) -> dict[str, Any] | None:
    try:
        snap = db.collection(samling).document(dok_id).get()
    except gexc.GoogleAPICallError as e:
        raise PortFeil(f"{samling} kunne ikke leses") from e
    return (snap.to_dict() or {}) if snap.exists else None


class FirestoreAltinnRettigheter:
    """§2.3: {ressurs: orgnr}, cached one hour per HMAC(pid) (never the pid)."""

    def __init__(self, db: firestore.Client, nokkel: str, klokke: Callable[[], float] = time.monotonic) -> None:
        self.db, self.nokkel, self.klokke = db, nokkel, klokke
        self._buffer: dict[str, tuple[dict[str, frozenset[str]], float]] = {}
        self._las = threading.Lock()

    def _alle(self, pid: str) -> dict[str, frozenset[str]]:
        nokkel = bruker_hmac(pid, self.nokkel)
        with self._las:
            treff = self._buffer.get(nokkel)
        if treff and self.klokke() - treff[1] < BUFFERTID_S:
            return treff[0]
        organisasjoner = (_les(self.db, DELEGERINGER, nokkel) or {}).get("organisasjoner")
        per_ressurs: dict[str, set[str]] = {}
        for orgnr, ressurser in organisasjoner.items() if isinstance(organisasjoner, dict) else ():
            for r in ressurser or ():
                per_ressurs.setdefault(str(r), set()).add(str(orgnr))
        svar = {r: frozenset(o) for r, o in per_ressurs.items()}
        with self._las:
            self._buffer[nokkel] = (svar, self.klokke())
        return svar

    def hent(self, pid: str, ressurser: Sequence[str]) -> Mapping[str, frozenset[str]]:
        alle = self._alle(pid)
        return {r: alle[r] for r in ressurser if r in alle}


def _person_fra(fnr: str, data: Mapping[str, Any]) -> Person:
    return Person(
        fnr=fnr,
        fornavn=str(data.get("fornavn", "")),
        etternavn=str(data.get("etternavn", "")),
        fodselsdato=date.fromisoformat(str(data["fodselsdato"])),
        adressebeskyttelse=Adressebeskyttelse(data.get("adressebeskyttelse") or Adressebeskyttelse.UGRADERT),
        skjermet=bool(data.get("skjermet", False)),
        geografisk_enhet=data.get("geografisk_enhet"),
        oppfolgingsenhet=data.get("oppfolgingsenhet"),
    )


class FirestorePersonregister:
    """`Personregister` and `Oppfolgingsregister` over `personer/{fnr}`."""

    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def hent(self, fnr: str) -> Person | None:
        data = _les(self.db, PERSONER, fnr)
        return _person_fra(fnr, data) if data is not None else None


class FirestoreOppfolgingsregister:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def hent(self, fnr: str) -> Oppfolgingsstatus:
        data = _les(self.db, PERSONER, fnr) or {}
        enhet = data.get("oppfolgingsenhet")
        gruppe = data.get("innsatsgruppe")
        return Oppfolgingsstatus(
            Enhet(nr=str(enhet), navn=data.get("oppfolgingsenhet_navn")) if enhet else None,
            Innsatsgruppe(gruppe) if gruppe else None,
        )


def ansatt_fra(navident: str, data: Mapping[str, Any]) -> NavAnsattInfo:
    grupper = data.get("grupper") or {}
    navn = [g for g, ja in grupper.items() if ja] if isinstance(grupper, dict) else list(grupper)
    return NavAnsattInfo(navident, frozenset(str(e) for e in data.get("enheter") or ()), frozenset(map(str, navn)))


class FirestoreNavAnsattTilgang:
    """`PersonTilgang` by the §2.4 local rule, and `BESLUTTER_TILSAGN` at the kostnadssted."""

    def __init__(self, db: firestore.Client, personer: FirestorePersonregister) -> None:
        self.db, self.personer = db, personer

    def skrivetilgang(self, navident: str, fnr: str) -> Avvisning | None:
        data, person = _les(self.db, NAV_ANSATTE, navident), self.personer.hent(fnr)
        if data is None or person is None:
            return Avvisning.ENHET
        return lokal_persontilgang(ansatt_fra(navident, data), person)

    def er_beslutter_ved(self, navident: str, kostnadssted: str | None) -> bool:
        steder = roller_fra(_les(self.db, NAV_ANSATTE, navident) or {}).get(NavRolle.BESLUTTER_TILSAGN)
        if steder is None:
            return False
        return steder == ALLE or kostnadssted is None or kostnadssted in steder


class FirestoreEnhetsregisteret:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def hent(self, orgnr: str) -> Virksomhet | None:
        data = _les(self.db, ENHETSREGISTER, orgnr)
        if data is None:
            return None
        return Virksomhet(orgnr, str(data.get("navn", "")), Enhetstype(data.get("type", "UNDERENHET")),
                          bool(data.get("opphort", False)))  # fmt: skip
