"""Kept earlier calculations of a claim, `beregningsversjoner/{utbetaling_id}` (issue 18 part 2).

{versjoner: [{erstattet, belop, blokkeringer, arsaker, beregning_gz}]}, oldest first, bounded by
`shared/domain/forklaring/versjoner.py`. Written by the recalculation in the transaction that replaces the claim's
beregning, so a version is never lost or kept twice; deleted claims leave it behind as harmless history.
"""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from shared.adapters.firestore import dokumenter as dok
from shared.domain.forklaring.versjoner import Arsak, Beregningsversjon
from shared.domain.utbetaling.utbetaling import Blokkering, Utbetaling

BEREGNINGSVERSJONER = "beregningsversjoner"


def til_dokument(versjoner: tuple[Beregningsversjon, ...]) -> dict[str, Any]:
    return {
        "versjoner": [
            {"erstattet": v.erstattet, "belop": v.belop, "blokkeringer": [b.value for b in v.blokkeringer],
             "arsaker": [a.value for a in v.arsaker], "beregning_gz": v.beregning_gz}
            for v in versjoner
        ]
    }  # fmt: skip


def fra_dokument(data: dict[str, Any] | None) -> tuple[Beregningsversjon, ...]:
    return tuple(
        Beregningsversjon(
            erstattet=v["erstattet"],
            belop=int(v["belop"]),
            blokkeringer=tuple(Blokkering(b) for b in v.get("blokkeringer", [])),
            arsaker=tuple(Arsak(a) for a in v.get("arsaker", [])),
            beregning_gz=bytes(v["beregning_gz"]),
        )
        for v in (data or {}).get("versjoner", [])
    )


def ref(db: firestore.Client, utbetaling_id: str) -> Any:
    return db.collection(BEREGNINGSVERSJONER).document(utbetaling_id)


class FirestoreForklaringskilde:
    """The `Forklaringskilde` port: a claim and its kept versions, two reads by id."""

    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def hent(self, utbetaling_id: str) -> tuple[Utbetaling, tuple[Beregningsversjon, ...]] | None:
        u, v = self.db.get_all(
            [self.db.collection(dok.UTBETALINGER).document(utbetaling_id), ref(self.db, utbetaling_id)]
        )
        snaps = {s.reference.parent.id: s for s in (u, v)}
        krav = snaps[dok.UTBETALINGER]
        if not krav.exists:
            return None
        return dok.utbetaling_fra(krav.id, krav.to_dict() or {}), fra_dokument(snaps[BEREGNINGSVERSJONER].to_dict())
