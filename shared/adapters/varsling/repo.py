"""Firestore repository of the notice dispatcher (`VarselRepo`, shared/service/varsling/ports.py): the unsent
notices through their index (dokument.py), marking, the create-only writes of the daily check, and the dispatcher
lease (one document with a fencing token that only grows, as the payment outbox's lease in adapters/nav/repo.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.las import FirestoreLas
from shared.adapters.varsling import dokument as vd
from shared.domain.varsling.varsel import Varsel

LAS = "varsling_las"
LAS_ID = "varsler"


class FirestoreVarselRepo:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db
        self._lasen = FirestoreLas(db, LAS, LAS_ID)

    def usendte(self) -> list[Varsel]:
        """Through the index (16 reads), then by id; each notice's own state decides (the index is a hint)."""
        skaar = self.db.get_all([self.db.collection(vd.VARSELINDEKSER).document(c) for c in vd.SKAAR])
        ider = sorted({i for s in skaar if s.exists for i in ((s.to_dict() or {}).get("usendte") or {})})
        ut: list[Varsel] = []
        ferdige: list[str] = []
        for bit in range(0, len(ider), 300):
            for snap in self.db.get_all([vd.ref(self.db, i) for i in ider[bit : bit + 300]]):
                data = snap.to_dict() if snap.exists else None
                if data is None or data.get("sendt") or data.get("feilet"):
                    ferdige.append(snap.id)
                else:
                    ut.append(vd.fra_dokument(snap.id, data))
        if ferdige:
            self._ut_av_indeksen(ferdige)
        return ut

    def er_ferdig(self, varsel_id: str) -> bool:
        snap = vd.ref(self.db, varsel_id).get(field_paths=["sendt", "feilet"])
        data = (snap.to_dict() or {}) if snap.exists else {}
        return bool(data.get("sendt") or data.get("feilet"))

    def _ut_av_indeksen(self, ider: Sequence[str], batch: Any = None) -> None:
        egen = batch is None
        batch = batch or self.db.batch()
        per_skaar: dict[str, dict[str, Any]] = {}
        for i in ider:
            per_skaar.setdefault(vd.skaar(i), {})[i] = firestore.DELETE_FIELD
        for s, felt in per_skaar.items():
            batch.set(self.db.collection(vd.VARSELINDEKSER).document(s), {"usendte": felt}, merge=True)
        if egen:
            batch.commit()

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None:
        for i in range(0, len(ider), 400):
            batch = self.db.batch()
            for varsel_id in ider[i : i + 400]:
                batch.update(vd.ref(self.db, varsel_id), {"sendt": True, "sendt_tidspunkt": tidspunkt})
            self._ut_av_indeksen(ider[i : i + 400], batch)
            batch.commit()

    def marker_feilet(self, varsel_id: str, feil: str, *, permanent: bool) -> None:
        batch = self.db.batch()
        data: dict[str, Any] = {"forsok": firestore.Increment(1)}
        if permanent:
            data["feilet"] = feil
            self._ut_av_indeksen([varsel_id], batch)
        batch.update(vd.ref(self.db, varsel_id), data)
        batch.commit()

    def opprett(self, varsler: Sequence[Varsel]) -> int:
        """One create-only commit per notice (its index entry with it), an existing id skipped: rare, small."""
        nye = 0
        for v in varsler:
            batch = self.db.batch()
            batch.create(vd.ref(self.db, v.id), vd.til_dokument(v))
            batch.set(vd.indeks_ref(self.db, v.id), vd.usendt_indeks(v.id), merge=True)
            try:
                batch.commit()
            except (gexc.AlreadyExists, gexc.Conflict):
                continue
            nye += 1
        return nye

    # ---------------------------------------------------------------- lease (adapters/las.py)

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        return self._lasen.ta_las(eier, na, varighet_s)

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        return self._lasen.forny_las(eier, token, na, varighet_s)

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        return self._lasen.slipp_las(eier, token, na, varighet_s)
