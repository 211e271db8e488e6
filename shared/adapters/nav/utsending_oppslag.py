"""One outbox record's `sendt` flag, read by id (the dispatcher's nudge,
shared/service/utsending/send_utsendinger.py)."""

from __future__ import annotations

from google.cloud import firestore

UTSENDINGER = "utsendinger"


class FirestoreUtsendingOppslag:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def er_sendt(self, utsending_id: str) -> bool:
        snap = self.db.collection(UTSENDINGER).document(utsending_id).get(field_paths=["sendt"])
        return bool(snap.exists and (snap.to_dict() or {}).get("sendt"))
