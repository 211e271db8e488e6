"""The access log (domene.md §11) in its own Firestore database, `tilgangslogg` (the emulator supports named
databases: `firestore.Client(database="tilgangslogg")` keeps its documents apart from `(default)`). One document per
response that exposed participant data (and per refused Nav attempt, `utfall` AVVIST); only the API service
accounts may write it and no function reads it. Shared by the arrangør API and the Nav API (issue 16), so it lives
with the other Firestore adapters both sides use."""

from __future__ import annotations

import uuid

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.service.ports import Innsyn, TilgangsloggFeil

SAMLING = "innsyn"


class FirestoreTilgangslogg:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient

    def skriv(self, innsyn: Innsyn) -> None:
        try:
            self.db.collection(SAMLING).document(str(uuid.uuid4())).create(
                {
                    "tidspunkt": innsyn.tidspunkt,
                    "pid": innsyn.pid,
                    "navident": innsyn.navident,
                    "utfall": innsyn.utfall,
                    "orgnr": innsyn.orgnr,
                    "endepunkt": innsyn.endepunkt,
                    "dokument_id": innsyn.dokument_id,
                    "korrelasjon_id": innsyn.korrelasjon_id,
                    "deltaker_identer": list(innsyn.deltaker_identer),
                }
            )
        except gexc.GoogleAPICallError as e:
            raise TilgangsloggFeil("tilgangsloggen kunne ikke skrives") from e
