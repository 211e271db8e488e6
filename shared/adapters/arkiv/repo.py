"""Firestore and Cloud Storage of archiving (domene.md §8.4, §11): `arkiveringer/{utbetaling_id}` and the claim's
write-back (`ArkivRepo`), and the copy of the vedlegg from `midlertidig/` to `krav/{utbetaling_id}/`
(`Vedleggsarkiv`).

`arkiveringer/{id}` = {utbetaling_id, opprettet, status VENTER | JOURNALFORT | AVVIST, vedlegg [ids], innsendt_av
(ARRANGOR or a NAVident; missing = ARRANGOR), journalpost_id, journalfort, feil, avvist}. The write-back sets
`journalpost_id` on the claim with a new `updated_at` (§6.1: every write moves it) and its index entries, in the
same transaction as the arkivering's status, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore, storage  # type: ignore[attr-defined]

from shared.adapters.arrangor.repo import FirestoreArrangorRepo
from shared.adapters.arrangor.vedlegg import MIDLERTIDIG
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.domain.arkiv.arkivkopi import ARRANGOR
from shared.domain.utbetaling.utbetaling import Utbetaling, neste_updated_at
from shared.service.arkiv.ports import Arkivering, Arkivgrunnlag, VedleggMangler

KRAV = "krav/"
JOURNALFORT = "JOURNALFORT"


class FirestoreArkivRepo:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient
        self._arrangor = FirestoreArrangorRepo(klient)

    def _ref(self, utbetaling_id: str) -> Any:
        return self.db.collection(dok.ARKIVERINGER).document(utbetaling_id)

    def hent_arkivering(self, utbetaling_id: str) -> Arkivering | None:
        snap = self._ref(utbetaling_id).get()
        if not snap.exists:
            return None
        d = snap.to_dict() or {}
        return Arkivering(utbetaling_id=snap.id, status=str(d.get("status") or "VENTER"),
                          vedlegg=tuple(str(v) for v in d.get("vedlegg") or ()),
                          innsendt_av=str(d.get("innsendt_av") or ARRANGOR),
                          journalpost_id=d.get("journalpost_id"))  # fmt: skip

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        return self._arrangor.hent_utbetaling(utbetaling_id)

    def hent_grunnlag(
        self, u: Utbetaling, deltakelse_ider: Sequence[str], vedlegg_ider: Sequence[str]
    ) -> Arkivgrunnlag:
        g = self._arrangor.gjennomforinger([u.gjennomforing_id]).get(u.gjennomforing_id)
        a = self._arrangor.arrangorer([u.arrangor_orgnr]).get(u.arrangor_orgnr)
        vedlegg = self._arrangor.hent_vedlegg(vedlegg_ider) if vedlegg_ider else {}
        return Arkivgrunnlag(
            arrangor_navn=a.navn if a else u.arrangor_orgnr,
            gjennomforing_navn=g.navn if g else u.gjennomforing_id,
            lopenummer=str(g.lopenummer) if g else "",
            deltakelser=self._arrangor.deltakelser(deltakelse_ider) if deltakelse_ider else {},
            vedlegg_filnavn={i: v.filnavn for i, v in vedlegg.items()},
        )

    def lagre_journalpost(self, utbetaling_id: str, journalpost_id: str, na: datetime) -> None:
        ref = self.db.collection(dok.UTBETALINGER).document(utbetaling_id)
        arkivering = self._ref(utbetaling_id)

        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> None:
            snap = ref.get(transaction=tx)
            if snap.exists:
                lagret = dok.utbetaling_fra(snap.id, snap.to_dict() or {})
                if not lagret.journalpost_id:
                    ny = lagret.model_copy(
                        update={"journalpost_id": journalpost_id, "updated_at": neste_updated_at(na, lagret.updated_at)}
                    )
                    tx.set(ref, dok.utbetaling_til_dokument(ny))
                    gi.indekser_utbetaling(tx, self.db, ny, lagret)
            status = {"status": JOURNALFORT, "journalpost_id": journalpost_id, "journalfort": na, "feil": None}
            tx.set(arkivering, status, merge=True)

        kjor(self.db.transaction(max_attempts=10))

    def marker_avvist(self, utbetaling_id: str, kode: str, na: datetime) -> None:
        self._ref(utbetaling_id).set({"status": "AVVIST", "feil": kode, "avvist": na}, merge=True)


class GcsVedleggsarkiv:
    def __init__(self, klient: storage.Client, bucket: str) -> None:
        self.bucket = klient.bucket(bucket)

    def kopier_til_krav(self, utbetaling_id: str, vedlegg_id: str) -> bytes:
        """Create-only copy (`if_generation_match=0`): a concurrent or repeated run reads the copy that exists."""
        kopi = self.bucket.blob(f"{KRAV}{utbetaling_id}/{vedlegg_id}")
        try:
            return bytes(kopi.download_as_bytes())
        except gexc.NotFound:
            pass
        try:
            data = bytes(self.bucket.blob(MIDLERTIDIG + vedlegg_id).download_as_bytes())
        except gexc.NotFound as e:
            raise VedleggMangler(vedlegg_id) from e
        try:
            kopi.upload_from_string(data, content_type="application/pdf", if_generation_match=0)
        except gexc.PreconditionFailed:
            return bytes(kopi.download_as_bytes())
        return data
