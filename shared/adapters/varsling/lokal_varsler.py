"""The local stand-in for Altinn and Oppgave: every delivery is one document `varsel_leveranser/{varsel_id}`,
created once (a repeat is success and stores nothing new), so `utbetaling varsler` and the demo can list them."""

from __future__ import annotations

from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.domain.varsling.varsel import Mottakertype, Varsel
from shared.service.varsling.ports import Varsler

LEVERANSER = "varsel_leveranser"


class FirestoreLokalVarsler:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def send(self, varsel: Varsel) -> str | None:
        data = {
            "type": varsel.type,
            "mottaker": varsel.mottaker.model_dump(mode="json"),
            "tittel": varsel.tittel,
            "tekst": varsel.tekst,
            "lenke": varsel.lenke,
            "referanse": varsel.referanse,
            "levert": firestore.SERVER_TIMESTAMP,
        }
        try:
            self.db.collection(LEVERANSER).document(varsel.id).create(data)
        except (gexc.AlreadyExists, gexc.Conflict):
            pass
        return varsel.id

    def leveranser(self, grense: int = 200) -> list[dict[str, Any]]:
        q = self.db.collection(LEVERANSER).order_by("levert").limit(grense)
        return [{"id": s.id, **(s.to_dict() or {})} for s in q.stream()]


class RutendeVarsler:
    """One `Varsler` for the dispatcher: notices to an organisation go to `arrangor`, to Nav to `nav`."""

    def __init__(self, arrangor: Varsler, nav: Varsler) -> None:
        self.arrangor, self.nav = arrangor, nav

    def send(self, varsel: Varsel) -> str | None:
        mottaker = self.arrangor if varsel.mottaker.type is Mottakertype.ARRANGOR else self.nav
        return mottaker.send(varsel)
