"""Which strings Firestore accepts as a document id (issue 17 item 2): not empty, no "/", not "." or "..", not
`__…__`, at most 1 500 bytes. A string it refuses names no document, so a read of it is a miss, not a 500. The edge
already checks every id by its shape; this is the adapters' own guard for ids that come in a request body."""

from __future__ import annotations

MAKS_BYTES = 1500


def godtatt(dok_id: str) -> bool:
    if not dok_id or "/" in dok_id or dok_id in (".", ".."):
        return False
    if dok_id.startswith("__") and dok_id.endswith("__") and len(dok_id) >= 4:
        return False
    return len(dok_id.encode()) <= MAKS_BYTES
