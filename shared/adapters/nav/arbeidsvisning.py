"""Firestore reads of Nav's work views (the `ArbeidsvisningRepo` port, shared/service/arbeidsvisning/ports.py).

By document id where an index document lists the members: a gjennomføring's tilsagn and claims through
`grunnlagsindekser/{id}` (grunnlagsindeks.py), a claim's lines through `utbetalingslinje_indekser/{id}`; every
document read is checked against its own data (the index is a superset hint). The queries left, each declared in
firestore/indekser.py: tilsagn by `status in`, tilsagn by `kostnadssted in` (and `status ==`: the composite index
kostnadssted+status), claims by `status in`, and a document's endringshistorikk by `dokument_id ==`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.repo import _UTEN_BEREGNING
from shared.adapters.nav.repo import LINJEINDEKS, LINJER, linje_fra
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.service.arbeidsvisning.ports import Historikkrad

MAKS = 5000
"""At most this many items per list read (as the arrangør API, domene.md §8.1)."""
IN_MAKS = 30
BIT = 300
KRAVFELT = [*_UTEN_BEREGNING, "avbrytelse", "regenerert_id", "regenerert_fra_id", "vedlegg",
            "begrunnelse_mindre_betalt", "kommentar"]  # fmt: skip


class FirestoreArbeidsvisningRepo:
    def __init__(self, db: firestore.Client) -> None:
        self.db = db

    def _get_all(self, samling: str, ider: Collection[str], felt: list[str] | None = None) -> list[Any]:
        refs = [self.db.collection(samling).document(i) for i in sorted(set(ider)) if i and "/" not in i]
        ut: list[Any] = []
        for start in range(0, len(refs), BIT):
            ut += [s for s in self.db.get_all(refs[start : start + BIT], field_paths=felt) if s.exists]
        return ut

    def _indekser(self, gjennomforing_ider: Collection[str]) -> list[dict[str, Any]]:
        return [s.to_dict() or {} for s in self._get_all(gi.GRUNNLAGSINDEKSER, gjennomforing_ider)]

    # ------------------------------------------------------------------ tilsagn

    def tilsagn(self, ider: Collection[str]) -> dict[str, Tilsagn]:
        return {s.id: dok.tilsagn_fra(s.id, s.to_dict() or {}) for s in self._get_all(dok.TILSAGN, ider)}

    def tilsagn_for_gjennomforinger(self, gjennomforing_ider: Collection[str]) -> dict[str, Tilsagn]:
        ider = {str(i) for data in self._indekser(gjennomforing_ider) for i in (data.get("tilsagn") or {})}
        gids = set(gjennomforing_ider)
        return {i: t for i, t in self.tilsagn(ider).items() if t.gjennomforing_id in gids}

    def _strom(self, q: Any) -> list[Tilsagn]:
        return [dok.tilsagn_fra(s.id, s.to_dict() or {}) for s in q.limit(MAKS).stream()]

    def tilsagn_ved(self, kostnadssteder: Sequence[str] | None, status: str | None) -> list[Tilsagn]:
        q: Any = self.db.collection(dok.TILSAGN)
        if status:
            q = q.where(filter=FieldFilter("status", "==", status))
        if kostnadssteder is None:
            return self._strom(q)
        ut: list[Tilsagn] = []
        steder = sorted(set(kostnadssteder))
        for start in range(0, len(steder), IN_MAKS):
            ut += self._strom(q.where(filter=FieldFilter("kostnadssted", "in", steder[start : start + IN_MAKS])))
        return ut[:MAKS]

    def tilsagn_med_status(self, statuser: Collection[str]) -> list[Tilsagn]:
        return self._strom(self.db.collection(dok.TILSAGN).where(filter=FieldFilter("status", "in", sorted(statuser))))

    # ------------------------------------------------------------------ claims

    def _krav(self, snaps: list[Any]) -> list[Utbetaling]:
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in snaps]

    def utbetalinger_for_gjennomforinger(self, gjennomforing_ider: Collection[str]) -> list[Utbetaling]:
        ider = {str(i) for data in self._indekser(gjennomforing_ider) for i in (data.get("utbetalinger") or {})}
        gids = set(gjennomforing_ider)
        krav = self._krav(self._get_all(dok.UTBETALINGER, ider, KRAVFELT))
        return [u for u in krav if u.gjennomforing_id in gids][:MAKS]

    def utbetalinger_med_status(self, statuser: Collection[str]) -> list[Utbetaling]:
        q = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=FieldFilter("status", "in", sorted(statuser)))
            .select(KRAVFELT)
            .limit(MAKS)
        )
        return self._krav(list(q.stream()))

    def linjer(self, utbetaling_ider: Collection[str]) -> dict[str, list[Utbetalingslinje]]:
        indekser = self._get_all(LINJEINDEKS, utbetaling_ider)
        linje_ider = {str(i) for s in indekser for i in (s.to_dict() or {}).get("linje_ider", [])}
        ut: dict[str, list[Utbetalingslinje]] = {}
        for s in self._get_all(LINJER, linje_ider):
            linje = linje_fra(s.id, s.to_dict() or {})
            ut.setdefault(linje.utbetaling_id, []).append(linje)
        return {k: sorted(v, key=lambda x: (x.fakturanummer, x.id)) for k, v in ut.items()}

    # ------------------------------------------------------------------ change log

    def historikk(self, dokument_id: str) -> list[Historikkrad]:
        q = self.db.collection(dok.ENDRINGSHISTORIKK).where(filter=FieldFilter("dokument_id", "==", dokument_id))
        rader = []
        for s in sorted(q.limit(MAKS).stream(), key=_tid_og_rekkefolge):
            data = s.to_dict() or {}
            status = (data.get("snapshot") or {}).get("status")
            rader.append(
                Historikkrad(
                    tidspunkt=data["tidspunkt"],
                    operasjon=str(data.get("operasjon")),
                    utfort_av=str(data.get("utfort_av")),
                    status=str(status) if status else None,
                )
            )
        return rader


def _tid_og_rekkefolge(s: Any) -> tuple[Any, int]:
    """Oldest first; entries written in one commit share an instant and keep the order they were written in."""
    data = s.to_dict() or {}
    return data["tidspunkt"], int(data.get("rekkefolge", 0))
