"""One reading of the ledger for reconciliation (the `Avstemmingskilde` port): claims, lines, tilsagn, FAKTURA.

Whole collections are streamed, unlike the id-only reads of generation (docs/datamodell.md): the checks need every
line of a tilsagn, and the run is daily and off the hot path. The collections are streamed concurrently. At national
size (§13: ≈ 90 000 claims a year) this is well inside the 540 s of an event function; a longer history would read
the claims by `periode.start` in yearly pages.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.repo import LINJER, UTSENDINGER, linje_fra, utsending_fra
from shared.domain.avstemming.avvik import Avstemmingsgrunnlag
from shared.domain.utsending.utsending import UtsendingType

T = TypeVar("T")


class FirestoreAvstemmingskilde:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def _strom(self, sporring: Any, fra: Callable[[str, dict[str, Any]], T]) -> tuple[T, ...]:
        ut = []
        for s in sporring.stream():
            data = s.to_dict() or {}
            if not data.get("slettet"):
                ut.append(fra(s.id, data))
        return tuple(ut)

    def les(self) -> Avstemmingsgrunnlag:
        fakturaer = self.db.collection(UTSENDINGER).where(filter=FieldFilter("type", "==", UtsendingType.FAKTURA.value))
        with ThreadPoolExecutor(max_workers=4) as pool:
            u = pool.submit(self._strom, self.db.collection(dok.UTBETALINGER), dok.utbetaling_fra)
            linjer = pool.submit(self._strom, self.db.collection(LINJER), linje_fra)
            tilsagn = pool.submit(self._strom, self.db.collection(dok.TILSAGN), dok.tilsagn_fra)
            f = pool.submit(self._strom, fakturaer, utsending_fra)
            return Avstemmingsgrunnlag(u.result(), linjer.result(), tilsagn.result(), f.result())
