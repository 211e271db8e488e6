"""A dispatcher's lease in one Firestore document, with a fencing token (domene.md §10.1): the payment outbox and the
notice outbox each run one dispatcher at a time through it.

`ta_las` takes a free or expired lease and returns a token one higher than the last one (the document is kept on
release, so the token only grows); a busy lease is marked `igjen` ("run again"), so its holder runs once more before
it lets go (`slipp_las` then renews instead of releasing and returns True). `forny_las` extends the caller's own
lease only. The payment outbox also lets one waiter register for a live holder's lease (`bli_venter` in
adapters/nav/repo.py, issue 17 item 4).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from google.cloud import firestore


class FirestoreLas:
    def __init__(self, db: firestore.Client, samling: str, dokument_id: str) -> None:
        self.db, self.samling, self.dokument_id = db, samling, dokument_id

    def ref(self) -> Any:
        return self.db.collection(self.samling).document(self.dokument_id)

    def _i_transaksjon(self, fn: Any) -> Any:
        return firestore.transactional(fn)(self.db.transaction(max_attempts=20))

    @staticmethod
    def _egen(data: dict[str, Any] | None, eier: str, token: int) -> bool:
        return data is not None and data.get("eier") == eier and int(data.get("token", 0)) == token

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        ref = self.ref()

        def kjor(tx: firestore.Transaction) -> int | None:
            snap = ref.get(transaction=tx)
            data = (snap.to_dict() or {}) if snap.exists else {}
            if data.get("eier") and data["utloper"] >= na:
                tx.update(ref, {"igjen": True})
                return None
            token = int(data.get("token", 0)) + 1
            tx.set(ref, {"eier": eier, "token": token, "utloper": na + timedelta(seconds=varighet_s), "igjen": False})
            return token

        svar: int | None = self._i_transaksjon(kjor)
        return svar

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        ref = self.ref()

        def kjor(tx: firestore.Transaction) -> bool:
            snap = ref.get(transaction=tx)
            if not self._egen(snap.to_dict() if snap.exists else None, eier, token):
                return False
            tx.update(ref, {"utloper": na + timedelta(seconds=varighet_s)})
            return True

        return bool(self._i_transaksjon(kjor))

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        ref = self.ref()

        def kjor(tx: firestore.Transaction) -> bool:
            snap = ref.get(transaction=tx)
            data = snap.to_dict() if snap.exists else None
            if not self._egen(data, eier, token):
                return False
            if data and data.get("igjen"):
                tx.update(ref, {"igjen": False, "utloper": na + timedelta(seconds=varighet_s)})
                return True
            tx.update(ref, {"eier": None, "utloper": na, "igjen": False})
            return False

        return bool(self._i_transaksjon(kjor))
