"""The local stand-in for Nav's archive behind the `Arkiv` port (the emulator stack, tests, `make demo`).

It keeps dokarkiv's contract: one journalpost per `eksternReferanseId`, and a repeated request answers with the
first journalpost's id (dokarkiv's 409). Each journalpost is `lokalt_arkiv/{ekstern_referanse_id}` in Firestore =
{journalpost_id, tittel, tema, kanal, journalforende_enhet, avsender {orgnr, navn}, sak, dato_mottatt,
dokumenter [{tittel, filnavn, objekt}], opprettet, foresporsler}, and its documents are objects
`lokalt-arkiv/{ekstern_referanse_id}/{n}-{filnavn}` in the vedlegg bucket. The files are written first and the
document is created last, create-only, so a crash in between leaves no journalpost, and a retry overwrites the same
objects. `foresporsler` counts the requests per key, so tests can tell a redelivery that called the archive again
from one that did not.
"""

from __future__ import annotations

import secrets

from google.api_core import exceptions as gexc
from google.cloud import firestore, storage  # type: ignore[attr-defined]

from shared.domain.arkiv.journalpost import Journalpost
from shared.service.arkiv.ports import ArkivFeil

SAMLING = "lokalt_arkiv"
PREFIKS = "lokalt-arkiv/"


class LokaltArkiv:
    def __init__(self, db: firestore.Client, klient: storage.Client, bucket: str) -> None:
        self.db, self.bucket = db, klient.bucket(bucket)

    def journalfor(self, journalpost: Journalpost) -> str:
        ref = self.db.collection(SAMLING).document(journalpost.ekstern_referanse_id)
        try:
            ref.set({"foresporsler": firestore.Increment(1)}, merge=True)
            snap = ref.get()
            if (snap.to_dict() or {}).get("journalpost_id"):
                return str((snap.to_dict() or {})["journalpost_id"])
            dokumenter = []
            for n, d in enumerate(journalpost.dokumenter, 1):
                navn = f"{PREFIKS}{journalpost.ekstern_referanse_id}/{n}-{d.filnavn}"
                self.bucket.blob(navn).upload_from_string(d.innhold, content_type="application/pdf")
                dokumenter.append({"tittel": d.tittel, "filnavn": d.filnavn, "objekt": navn})
            return self._opprett(ref, journalpost, dokumenter)
        except gexc.GoogleAPICallError as e:
            raise ArkivFeil("det lokale arkivet svarte ikke") from e

    def _opprett(self, ref: firestore.DocumentReference, jp: Journalpost, dokumenter: list[dict[str, str]]) -> str:
        jid = str(600_000_000 + secrets.randbelow(100_000_000))

        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> str:
            eksisterende = (ref.get(transaction=tx).to_dict() or {}).get("journalpost_id")
            if eksisterende:
                return str(eksisterende)
            tx.set(ref, {
                "journalpost_id": jid, "tittel": jp.tittel, "tema": jp.tema, "kanal": jp.kanal,
                "journalforende_enhet": jp.journalforende_enhet, "sak": jp.sak,
                "avsender": {"orgnr": jp.avsender_orgnr, "navn": jp.avsender_navn},
                "dato_mottatt": jp.dato_mottatt.isoformat(), "dokumenter": dokumenter,
                "opprettet": firestore.SERVER_TIMESTAMP,
            }, merge=True)  # fmt: skip
            return jid

        resultat: str = kjor(self.db.transaction(max_attempts=10))
        return resultat
