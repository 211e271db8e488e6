"""Firestore repository for ingest, generation and recalculation (the ports of shared/service/ports.py).

Reads for generation are batched: documents with `get_all`, and per batch of ≤ 30 gjennomføringer one `in`
query
per collection, run concurrently. Queries used here are listed with their composite indexes in `indekser.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters import dokumenter as dok
from shared.domain.avtale import Avtale
from shared.domain.generering import Grunnlag
from shared.domain.generering_regler import maned_periode
from shared.domain.gjennomforing import Gjennomforing, StengtPeriode
from shared.domain.melding import InngaendeMelding
from shared.domain.tilsagn import Tilsagn
from shared.domain.utbetaling import Utbetaling, UtbetalingStatus
from shared.service.ports import Lagret

IN_MAKS = 30
"""Firestore's limit on the values of one `in` filter."""

_UTEN_BEREGNING = [
    "gjennomforing_id", "tiltakskode", "arrangor_orgnr", "periode", "maned", "tilskuddstype", "opprinnelse",
    "status", "prismodell", "belop", "valuta", "betalingsinformasjon", "innsendt_tidspunkt",
    "utbetales_tidligst",
    "blokkeringer", "korreksjon", "created_at", "updated_at",
]  # fmt: skip


def _lik(felt: str, verdi: Any) -> FieldFilter:
    return FieldFilter(felt, "==", verdi)


class FirestoreRepo:
    def __init__(self, klient: firestore.Client, parallelle: int = 8) -> None:
        self.db = klient
        self._pool = ThreadPoolExecutor(max_workers=parallelle)

    # ---------------------------------------------------------------- ingest

    def lagre_hvis_nyere(self, samling: str, melding: InngaendeMelding) -> Lagret:
        ref = self.db.collection(samling).document(melding.id)

        @firestore.transactional
        def skriv(tx: firestore.Transaction) -> Lagret:
            snap = ref.get(transaction=tx)
            gammel = snap.to_dict() if snap.exists else None
            if gammel is not None and int(gammel.get("versjon", -1)) >= melding.versjon:
                return Lagret(False)
            data = dok.ingest_dokument(melding)
            data["endret"] = firestore.SERVER_TIMESTAMP
            berorte = self._berorte(tx, samling, melding.id, gammel, data)
            tx.set(ref, data, merge=True)
            return Lagret(True, frozenset(b for b in berorte if b))

        resultat: Lagret = skriv(self.db.transaction(max_attempts=25))
        return resultat

    def _berorte(
        self,
        tx: firestore.Transaction,
        samling: str,
        dok_id: str,
        gammel: dict[str, Any] | None,
        data: dict[str, Any],
    ) -> set[str | None]:
        """Reads (inside the transaction, before any write) what the change touches; may queue extra
        writes."""
        forrige = (gammel or {}).get("gjennomforing_id")
        if samling == dok.GJENNOMFORINGER:
            return {dok_id}
        if samling == dok.AVTALER:
            q = self.db.collection(dok.GJENNOMFORINGER).where(filter=_lik("avtale_id", dok_id))
            return {s.id for s in q.select([]).stream()}
        if samling == dok.FORSLAG:
            deltaker = self.db.collection(dok.DELTAKELSER).document(
                str(data.get("deltaker_id") or (gammel or {}).get("deltaker_id"))
            )
            dsnap = deltaker.get(transaction=tx)
            gid = (dsnap.to_dict() or {}).get("gjennomforing_id") if dsnap.exists else None
            if gid is not None:
                data["gjennomforing_id"] = gid
            return {gid, forrige}
        if samling == dok.DELTAKELSER:
            gid = data.get("gjennomforing_id", forrige)
            if gid is not None and gid != forrige:
                self._gi_forslag_forelder(tx, dok_id, gid)
            return {gid, forrige}
        return set()

    def _gi_forslag_forelder(self, tx: firestore.Transaction, deltaker_id: str, gid: str) -> None:
        """Forslag that arrived before their deltaker (or whose deltaker moved) get its gjennomføring."""
        q = self.db.collection(dok.FORSLAG).where(filter=_lik("deltaker_id", deltaker_id))
        for snap in tx.get(q):
            if (snap.to_dict() or {}).get("gjennomforing_id") != gid:
                tx.update(snap.reference, {"gjennomforing_id": gid, "endret": firestore.SERVER_TIMESTAMP})

    def last_inn(self, samling: str, meldinger: Iterable[InngaendeMelding]) -> int:
        """Initial bulk load (sample data, benchmarks) into an EMPTY collection: batched writes of the same
        documents the ingest writes, without the per-message versjon transaction. Forslag must come after
        their
        deltakere (the gjennomføring is looked up in bulk)."""
        antall = 0
        batch = self.db.batch()
        meldinger = list(meldinger)
        forelder = self._forslag_foreldre(meldinger) if samling == dok.FORSLAG else {}
        for m in meldinger:
            data = dok.ingest_dokument(m)
            data["endret"] = firestore.SERVER_TIMESTAMP
            if samling == dok.FORSLAG:
                data["gjennomforing_id"] = forelder.get(str(data.get("deltaker_id")))
            batch.set(self.db.collection(samling).document(m.id), data, merge=True)
            antall += 1
            if antall % 400 == 0:
                batch.commit()
                batch = self.db.batch()
        batch.commit()
        return antall

    def _forslag_foreldre(self, meldinger: list[InngaendeMelding]) -> dict[str, str | None]:
        ider = {str(getattr(m, "deltaker_id", "")) for m in meldinger}
        refs = [self.db.collection(dok.DELTAKELSER).document(i) for i in ider if i]
        return {s.id: (s.to_dict() or {}).get("gjennomforing_id") for s in self.db.get_all(refs) if s.exists}

    # ---------------------------------------------------- Nav API / register data

    def lagre_tilsagn(self, t: Tilsagn) -> None:
        data = dok.tilsagn_til_dokument(t) | {"endret": firestore.SERVER_TIMESTAMP}
        self.db.collection(dok.TILSAGN).document(t.id).set(data)

    def lagre_stengt(self, gjennomforing_id: str, stengt: list[StengtPeriode]) -> None:
        self.db.collection(dok.GJENNOMFORINGER).document(gjennomforing_id).set(
            {"stengt": dok.stengt_til_dokument(stengt), "endret": firestore.SERVER_TIMESTAMP}, merge=True
        )

    def lagre_kontonummer(self, orgnr: str, kontonummer: str | None) -> None:
        ref = self.db.collection(dok.KONTOREGISTER).document(orgnr)
        if kontonummer is None:
            ref.delete()
        else:
            ref.set({"kontonummer": kontonummer})

    # ------------------------------------------------------------ generation

    def list_gjennomforinger(self) -> Iterable[Gjennomforing]:
        for snap in self.db.collection(dok.GJENNOMFORINGER).stream():
            data = snap.to_dict()
            if not dok.er_gravstein(data) and data is not None and "status" in data:
                yield dok.gjennomforing_fra(snap.id, data)

    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]:
        ider = list(dict.fromkeys(gjennomforing_ider))
        fra = (maned_periode(maned).start - timedelta(days=7)).isoformat()
        deler = [ider[i : i + IN_MAKS] for i in range(0, len(ider), IN_MAKS)]
        jobber: list[tuple[str, Callable[[], list[Any]]]] = []
        for del_ in deler:
            jobber += [
                (
                    dok.DELTAKELSER,
                    self._sporring(dok.DELTAKELSER, del_, FieldFilter("tellende_til", ">=", fra)),
                ),
                (dok.FORSLAG, self._sporring(dok.FORSLAG, del_, _lik("status", "VENTER_PA_SVAR"))),
                (dok.TILSAGN, self._sporring(dok.TILSAGN, del_)),
                (dok.UTBETALINGER, self._sporring(dok.UTBETALINGER, del_, felt=_UTEN_BEREGNING)),
            ]
        fremtider = [(s, self._pool.submit(j)) for s, j in jobber]
        gjennomforinger = self._hent_gjennomforinger(ider)
        avtaler = self._hent_avtaler({g.avtale_id for g in gjennomforinger.values() if g.avtale_id})
        per: dict[str, dict[str, list[Any]]] = {gid: {} for gid in gjennomforinger}
        for samling, f in fremtider:
            for snap in f.result():
                data = snap.to_dict() or {}
                gid = data.get("gjennomforing_id")
                if gid in per and not dok.er_gravstein(data):
                    per[gid].setdefault(samling, []).append(self._fra(samling, snap.id, data))
        return {
            gid: Grunnlag(
                gjennomforing=g,
                avtale=avtaler.get(g.avtale_id) if g.avtale_id else None,
                deltakelser=tuple(per[gid].get(dok.DELTAKELSER, ())),
                forslag=tuple(per[gid].get(dok.FORSLAG, ())),
                tilsagn=tuple(per[gid].get(dok.TILSAGN, ())),
                utbetalinger=tuple(per[gid].get(dok.UTBETALINGER, ())),
            )
            for gid, g in gjennomforinger.items()
        }

    @staticmethod
    def _fra(samling: str, dok_id: str, data: dict[str, Any]) -> Any:
        return {
            dok.DELTAKELSER: dok.deltakelse_fra,
            dok.FORSLAG: dok.forslag_fra,
            dok.TILSAGN: dok.tilsagn_fra,
            dok.UTBETALINGER: dok.utbetaling_fra,
        }[samling](dok_id, data)

    def _sporring(
        self, samling: str, ider: list[str], *filtre: FieldFilter, felt: list[str] | None = None
    ) -> Callable[[], list[Any]]:
        q = self.db.collection(samling).where(filter=FieldFilter("gjennomforing_id", "in", ider))
        for f in filtre:
            q = q.where(filter=f)
        if felt is not None:
            q = q.select(felt)
        return lambda: list(q.stream())

    def _hent_gjennomforinger(self, ider: list[str]) -> dict[str, Gjennomforing]:
        refs = [self.db.collection(dok.GJENNOMFORINGER).document(i) for i in ider]
        ut = {}
        for snap in self.db.get_all(refs):
            data = snap.to_dict() if snap.exists else None
            if data is not None and not dok.er_gravstein(data) and "status" in data:
                ut[snap.id] = dok.gjennomforing_fra(snap.id, data)
        return ut

    def _hent_avtaler(self, ider: set[str]) -> dict[str, Avtale]:
        refs = [self.db.collection(dok.AVTALER).document(i) for i in sorted(ider)]
        ut = {}
        for snap in self.db.get_all(refs) if refs else ():
            data = snap.to_dict() if snap.exists else None
            if data is not None and not dok.er_gravstein(data):
                ut[snap.id] = dok.avtale_fra(snap.id, data)
        return ut

    def opprett_utbetaling(self, utbetaling: Utbetaling, operasjon: str) -> bool:
        """The claim and its "Utbetaling opprettet" entry in one atomic create-only commit."""
        batch = self.db.batch()
        batch.create(
            self.db.collection(dok.UTBETALINGER).document(utbetaling.id),
            dok.utbetaling_til_dokument(utbetaling),
        )
        self._historikk(batch, utbetaling, operasjon)
        try:
            batch.commit()
        except (gexc.AlreadyExists, gexc.Conflict):
            return False
        return True

    def _historikk(self, skriver: Any, u: Utbetaling, operasjon: str) -> None:
        ref = self.db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(u, operasjon))
        skriver.create(ref, dok.historikk_dokument(u, operasjon, u.updated_at))

    # ---------------------------------------------------------- recalculation

    def har_generert_utbetaling(self, gjennomforing_id: str) -> bool:
        q = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=_lik("gjennomforing_id", gjennomforing_id))
            .where(filter=_lik("status", UtbetalingStatus.GENERERT.value))
            .select([])
            .limit(1)
        )
        return any(True for _ in q.stream())

    def opprett_omberegning(self, gjennomforing_id: str, forfall: datetime) -> None:
        ref = self.db.collection(dok.OMBEREGNINGER).document(gjennomforing_id)
        try:
            ref.create({"forfall": forfall, "opprettet": firestore.SERVER_TIMESTAMP})
        except (gexc.AlreadyExists, gexc.Conflict):
            pass

    def hent_omberegning(self, gjennomforing_id: str) -> datetime | None:
        snap = self.db.collection(dok.OMBEREGNINGER).document(gjennomforing_id).get()
        forfall = (snap.to_dict() or {}).get("forfall") if snap.exists else None
        return forfall if isinstance(forfall, datetime) else None

    def slett_omberegning(self, gjennomforing_id: str) -> None:
        self.db.collection(dok.OMBEREGNINGER).document(gjennomforing_id).delete()

    def har_endringer_etter(self, gjennomforing_id: str, t0: datetime) -> bool:
        snap = self.db.collection(dok.GJENNOMFORINGER).document(gjennomforing_id).get()
        data = snap.to_dict() or {}
        endret = data.get("endret")
        if isinstance(endret, datetime) and endret >= t0:
            return True
        if data.get("avtale_id"):
            avtale = (self.db.collection(dok.AVTALER).document(data["avtale_id"]).get().to_dict()) or {}
            if isinstance(avtale.get("endret"), datetime) and avtale["endret"] >= t0:
                return True
        for samling in (dok.DELTAKELSER, dok.FORSLAG, dok.TILSAGN):
            q = (
                self.db.collection(samling)
                .where(filter=_lik("gjennomforing_id", gjennomforing_id))
                .where(filter=FieldFilter("endret", ">=", t0))
                .select([])
                .limit(1)
            )
            if any(True for _ in q.stream()):
                return True
        return False

    def hent_utbetalinger(self, gjennomforing_id: str) -> list[Utbetaling]:
        q = self.db.collection(dok.UTBETALINGER).where(filter=_lik("gjennomforing_id", gjennomforing_id))
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in q.stream()]

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        snap = self.db.collection(dok.UTBETALINGER).document(utbetaling_id).get()
        return dok.utbetaling_fra(snap.id, snap.to_dict() or {}) if snap.exists else None

    def _under_las(
        self, utbetaling_id: str, forrige: datetime, skriv: Callable[[firestore.Transaction, Any], None]
    ) -> bool:
        ref = self.db.collection(dok.UTBETALINGER).document(utbetaling_id)

        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> bool:
            snap = ref.get(transaction=tx)
            data = snap.to_dict() if snap.exists else None
            if (
                data is None
                or data.get("status") != UtbetalingStatus.GENERERT.value
                or data.get("innsendt_tidspunkt")
            ):
                return False
            if data.get("updated_at") != forrige:
                return False
            skriv(tx, ref)
            return True

        ok: bool = kjor(self.db.transaction())
        return ok

    def oppdater_utbetaling(
        self, utbetaling: Utbetaling, forrige_updated_at: datetime, operasjon: str
    ) -> bool:
        def skriv(tx: firestore.Transaction, ref: Any) -> None:
            tx.set(ref, dok.utbetaling_til_dokument(utbetaling))
            self._historikk(tx, utbetaling, operasjon)

        return self._under_las(utbetaling.id, forrige_updated_at, skriv)

    def slett_utbetaling(self, utbetaling_id: str, forrige_updated_at: datetime) -> bool:
        return self._under_las(utbetaling_id, forrige_updated_at, lambda tx, ref: tx.delete(ref))
