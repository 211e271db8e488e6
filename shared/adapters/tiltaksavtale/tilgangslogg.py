"""The access log of Nav employees' reads of deltaker data (avtale.md §10), in the same separate Firestore database
and collection as the arrangør API's (domene.md §11, shared/adapters/firestore/tilgangslogg.py), one document per
(avtale, deltaker), written in one batch before any data leaves."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.firestore.tilgangslogg import SAMLING
from shared.service.tiltaksavtale.ports import PortFeil, Tilgangsloggpost


class FirestoreAvtaleTilgangslogg:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient

    def skriv(self, poster: Sequence[Tilgangsloggpost]) -> None:
        batch = self.db.batch()
        for p in poster:
            batch.create(
                self.db.collection(SAMLING).document(str(uuid.uuid4())),
                {
                    "kontekst": "tiltaksavtale",
                    "tidspunkt": p.tidspunkt,
                    "navident": p.navident,
                    "rolle": p.rolle.value,
                    "endepunkt": p.endepunkt,
                    "avtale_id": p.avtale_id,
                    "deltaker_ident": p.deltaker_ident,
                    "hendelsestype": p.hendelsestype,
                    "tillatt": p.tillatt,
                },
            )
        try:
            batch.commit()
        except gexc.GoogleAPICallError as e:
            raise PortFeil("tilgangsloggen kunne ikke skrives") from e
