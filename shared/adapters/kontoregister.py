"""The account register (the `Kontoregister` port): orgnr → kontonummer.

Nav's real register is an HTTP service; until it is wired, the register is the Firestore collection
`kontoregister/{orgnr}` = {kontonummer}. A replacement only has to implement `hent_kontonumre`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.firestore.dokumenter import KONTOREGISTER
from shared.service.ports import KontoregisterFeil


class FirestoreKontoregister:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient

    def hent_kontonumre(self, orgnr: Iterable[str]) -> Mapping[str, str | None]:
        refs = [self.db.collection(KONTOREGISTER).document(o) for o in orgnr]
        if not refs:
            return {}
        try:
            snaps = list(self.db.get_all(refs))
        except gexc.GoogleAPICallError as e:
            raise KontoregisterFeil("kontoregisteret svarte ikke") from e
        return {s.id: (s.to_dict() or {}).get("kontonummer") if s.exists else None for s in snaps}
