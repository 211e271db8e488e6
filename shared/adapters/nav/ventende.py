"""Lines waiting for attestation with their claims and kostnadssteder (`VentendeAttesteringer`, the daily notice
check of shared/service/varsling/ventende_attestering.py): one query on the line status (few documents: only lines
between sending and attestation), then the claims and tilsagn by id."""

from __future__ import annotations

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.repo import LINJER, linje_fra
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje


class FirestoreVentendeAttesteringer:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def _ved_id(self, samling: str, ider: set[str]) -> dict[str, dict[str, object]]:
        refs = [self.db.collection(samling).document(i) for i in sorted(ider)]
        return {s.id: s.to_dict() or {} for bit in range(0, len(refs), 300)
                for s in self.db.get_all(refs[bit : bit + 300]) if s.exists}  # fmt: skip

    def til_attestering(self) -> list[tuple[Utbetaling, Utbetalingslinje, str | None]]:
        q = self.db.collection(LINJER).where(filter=FieldFilter("status", "==", "TIL_ATTESTERING"))
        linjer = [linje_fra(s.id, s.to_dict() or {}) for s in q.stream()]
        krav = self._ved_id(dok.UTBETALINGER, {linje.utbetaling_id for linje in linjer})
        tilsagn = self._ved_id(dok.TILSAGN, {linje.tilsagn_id for linje in linjer})
        ut = []
        for linje in linjer:
            if linje.utbetaling_id in krav:
                u = dok.utbetaling_fra(linje.utbetaling_id, krav[linje.utbetaling_id])
                sted = tilsagn.get(linje.tilsagn_id, {}).get("kostnadssted")
                ut.append((u, linje, str(sted) if sted else None))
        return ut
