"""Vedlegg in Cloud Storage (domene.md §8.4): only files that passed every check are written, to
`midlertidig/{vedleggId}`, create-only (`if_generation_match=0`, single-request upload: fake-gcs-server honours the
precondition there, not on resumable uploads). A lifecycle rule removes `midlertidig/` after 2 days (infra/)."""

from __future__ import annotations

from google.api_core import exceptions as gexc
from google.cloud import storage  # type: ignore[attr-defined]

MIDLERTIDIG = "midlertidig/"


class GcsVedlegg:
    def __init__(self, klient: storage.Client, bucket: str) -> None:
        self.bucket = klient.bucket(bucket)

    def lagre_midlertidig(self, vedlegg_id: str, data: bytes) -> None:
        blob = self.bucket.blob(MIDLERTIDIG + vedlegg_id)
        blob.upload_from_string(data, content_type="application/pdf", if_generation_match=0)

    def slett_midlertidig(self, vedlegg_id: str) -> None:
        try:
            self.bucket.blob(MIDLERTIDIG + vedlegg_id).delete()
        except gexc.NotFound:
            pass

    def finnes(self, vedlegg_id: str) -> bool:
        return bool(self.bucket.blob(MIDLERTIDIG + vedlegg_id).exists())
