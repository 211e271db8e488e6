"""The `Prognosekilde` port in Firestore (issue 18 part 3).

One query finds the year's tilsagn (`periode.start` in the year: a single-field range, no composite index; a tilsagn
never crosses a year, §5.5). Everything else is read by id through the gjennomføringer's index documents
(`grunnlagsindeks.py`), as generation does: the gjennomføringer and their index documents, then in one concurrent
round the avtaler, the deltakelser whose `tellende_til` reaches into the year, and the claims whose index entry
overlaps the year (without `beregning_gz`). No query per tilsagn or per gjennomføring.

Nav's budget figure is `prognosebudsjetter/{YYYY}` = {belop, registrert_av, registrert_tidspunkt}.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.repo import _UTEN_BEREGNING as KRAVFELT
from shared.domain.generering import Grunnlag

BUDSJETTER = "prognosebudsjetter"
GET_ALL_MAKS = 300


class FirestorePrognosekilde:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def _get_all(self, refs: Sequence[Any], felt: list[str] | None = None) -> list[Any]:
        ut: list[Any] = []
        for i in range(0, len(refs), GET_ALL_MAKS):
            ut += self.db.get_all(list(refs[i : i + GET_ALL_MAKS]), field_paths=felt)
        return ut

    def _arets_tilsagn(self, ar: int) -> dict[str, list[Any]]:
        sporring = self.db.collection(dok.TILSAGN).where(filter=FieldFilter("periode.start", ">=", f"{ar:04d}-01-01"))
        sporring = sporring.where(filter=FieldFilter("periode.start", "<", f"{ar + 1:04d}-01-01"))
        per: dict[str, list[Any]] = {}
        for s in sporring.stream():
            data = s.to_dict() or {}
            if not dok.er_gravstein(data) and data.get("gjennomforing_id"):
                per.setdefault(str(data["gjennomforing_id"]), []).append(dok.tilsagn_fra(s.id, data))
        return per

    def _gjennomforinger(self, ider: list[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        refs = [self.db.collection(dok.GJENNOMFORINGER).document(i) for i in ider]
        gjennomforinger, indekser = {}, {}
        for s in self._get_all(refs + [gi.indeks_ref(self.db, i) for i in ider]):
            data = s.to_dict() if s.exists else None
            if s.reference.parent.id == gi.GRUNNLAGSINDEKSER:
                indekser[s.id] = data or {}
            elif data is not None and not dok.er_gravstein(data) and "status" in data:
                gjennomforinger[s.id] = dok.gjennomforing_fra(s.id, data)
        return gjennomforinger, indekser

    def _medlemmer(self, idx: dict[str, Any], fra: str, til: str) -> tuple[list[Any], list[Any]]:
        """(deltakelser that can count in [fra, til); claims whose index entry overlaps it) of one index document."""
        col = self.db.collection
        deltakelser = [col(dok.DELTAKELSER).document(d)
                       for d, tt in (idx.get("deltakelser") or {}).items() if tt and str(tt) >= fra]  # fmt: skip
        krav = [col(dok.UTBETALINGER).document(u) for u, e in (idx.get("utbetalinger") or {}).items()
                if isinstance(e, dict) and str(e.get("start")) < til and fra < str(e.get("slutt"))]  # fmt: skip
        return deltakelser, krav

    def les_grunnlag(self, ar: int) -> Sequence[Grunnlag]:
        tilsagn = self._arets_tilsagn(ar)
        gjennomforinger, indekser = self._gjennomforinger(sorted(tilsagn))
        refs: list[Any] = [self.db.collection(dok.AVTALER).document(a)
                           for a in sorted({g.avtale_id for g in gjennomforinger.values() if g.avtale_id})]  # fmt: skip
        krav_refs: list[Any] = []
        for gid in gjennomforinger:
            d, k = self._medlemmer(indekser.get(gid, {}), f"{ar:04d}-01-01", f"{ar + 1:04d}-01-01")
            refs += d
            krav_refs += k
        per: dict[str, dict[str, list[Any]]] = {gid: {} for gid in gjennomforinger}
        avtaler: dict[str, Any] = {}
        for s in self._get_all(refs) + self._get_all(krav_refs, list(KRAVFELT)):
            data = s.to_dict() if s.exists else None
            if data is None or dok.er_gravstein(data):
                continue
            samling = s.reference.parent.id
            if samling == dok.AVTALER:
                avtaler[s.id] = dok.avtale_fra(s.id, data)
            elif data.get("gjennomforing_id") in per:
                fra_dok = dok.deltakelse_fra if samling == dok.DELTAKELSER else dok.utbetaling_fra
                per[data["gjennomforing_id"]].setdefault(samling, []).append(fra_dok(s.id, data))
        return [
            Grunnlag(
                gjennomforing=g,
                avtale=avtaler.get(g.avtale_id) if g.avtale_id else None,
                deltakelser=tuple(per[gid].get(dok.DELTAKELSER, ())),
                forslag=(),
                tilsagn=tuple(tilsagn[gid]),
                utbetalinger=tuple(per[gid].get(dok.UTBETALINGER, ())),
            )
            for gid, g in gjennomforinger.items()
        ]

    def hent_budsjett(self, ar: int) -> int | None:
        s = self.db.collection(BUDSJETTER).document(f"{ar:04d}").get()
        belop = (s.to_dict() or {}).get("belop") if s.exists else None
        return belop if isinstance(belop, int) else None

    def lagre_budsjett(self, ar: int, belop: int, navident: str, tidspunkt: datetime) -> None:
        data = {"belop": belop, "registrert_av": navident, "registrert_tidspunkt": tidspunkt}
        self.db.collection(BUDSJETTER).document(f"{ar:04d}").set(data)
