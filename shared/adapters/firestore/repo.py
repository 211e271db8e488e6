"""Firestore repository for ingest, generation and recalculation (the ports of shared/service/ports.py).

Generation and recalculation read by document id only: the per-gjennomføring index documents of
`grunnlagsindeks.py` give the ids, and `get_all` reads them in large batches, run concurrently. No collection query
is on those paths (the emulator scans the whole database for every query; production needs no composite index).
Every write of a member document keeps the index in step in the same transaction or batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import beregningsversjoner as versjoner
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.samtidighet import kjor_transaksjon
from shared.adapters.varsling import dokument as vd
from shared.domain.felles.feil import BestillingsnummerIBruk
from shared.domain.forklaring.versjoner import bevar
from shared.domain.generering.krav import DRIFT, Grunnlag
from shared.domain.generering.regler import maned_periode
from shared.domain.grunnlag.deltakelse import APEN_SLUTT, Deltakelse
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing, StengtPeriode
from shared.domain.grunnlag.melding import InngaendeMelding
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.varsling.varsel import Varsel
from shared.service.ports import Kandidatperiode, Lagret

GET_ALL_MAKS = 300
"""Document references per `get_all` call; the calls of one read run concurrently."""
BATCH_MAKS = 400
"""Writes per batch in the bulk load (Firestore allows 500)."""
KRAV_PER_COMMIT = 80
"""Generated claims per commit (≤ 5 writes each: claim, history, two index entries, the notice; plus ≤ 16 notice
index shards), below Firestore's 500 writes per commit."""
KRAV_BYTES_PER_COMMIT = 2 * 1024 * 1024
"""Estimated bytes per claim commit (beregning_gz + 8 KiB per claim), well below the 10 MiB request limit."""
VENTER = "VENTER_PA_SVAR"
GENERERT = UtbetalingStatus.GENERERT.value


def _data(snap: Any) -> dict[str, Any] | None:
    """The snapshot's data without `to_dict()`'s deep copy: these snapshots are read for one use and dropped, and
    the copy of ~120 000 documents cost a monthly run several CPU-seconds."""
    if not snap.exists:
        return None
    data = getattr(snap, "_data", None)
    return data if isinstance(data, dict) else snap.to_dict()


_UTEN_BEREGNING = [
    "gjennomforing_id", "tiltakskode", "arrangor_orgnr", "periode", "maned", "tilskuddstype", "opprinnelse",
    "status", "prismodell", "belop", "valuta", "betalingsinformasjon", "innsendt_tidspunkt",
    "utbetales_tidligst",
    "blokkeringer", "korreksjon", "created_at", "updated_at",
]  # fmt: skip


def _lik(felt: str, verdi: Any) -> FieldFilter:
    return FieldFilter(felt, "==", verdi)


class _Samler:
    """A `Skriver` that merges the index writes of one bulk batch, one write per index document."""

    def __init__(self, indeks: dict[str, tuple[Any, dict[str, Any]]]) -> None:
        self.indeks = indeks

    def set(self, reference: Any, document_data: dict[str, Any], merge: bool = True) -> None:
        _, felt = self.indeks.setdefault(reference.path, (reference, {}))
        for k, v in document_data.items():
            if isinstance(v, dict) and isinstance(felt.get(k), dict):
                felt[k].update(v)
            else:
                felt[k] = v


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
        """Reads (inside the transaction, before any write) what the change touches, then queues the index writes
        (and the forslag that get their gjennomføring)."""
        forrige = (gammel or {}).get("gjennomforing_id")
        levende = gammel is not None and not dok.er_gravstein(gammel)
        gravstein = bool(data.get("slettet"))
        if samling == dok.GJENNOMFORINGER:
            flettet = {**(gammel or {}), **data}
            gi.indekser_gjennomforing(tx, self.db, dok_id, gammel if levende else None, flettet)
            gi.indekser_arrangor_gjennomforing(tx, self.db, dok_id, gammel if levende else None,
                                               None if gravstein else flettet)  # fmt: skip
            return {dok_id}
        if samling == dok.ARRANGORER:
            gi.indekser_arrangor(tx, self.db, dok_id, None if gravstein else {**(gammel or {}), **data})
            return set()
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
            for_ = (forrige, levende and (gammel or {}).get("status") == VENTER)
            etter = (gid or forrige, not gravstein and data.get("status", (gammel or {}).get("status")) == VENTER)
            gi.marker_endret(tx, self.db, {gid, forrige}, gi.indekser_forslag(tx, self.db, dok_id, for_, etter))
            return {gid, forrige}
        if samling == dok.DELTAKELSER:
            gid = data.get("gjennomforing_id", forrige)
            forslag = self._forslag_uten_forelder(tx, dok_id, gid) if gid is not None and gid != forrige else []
            skrevet: set[str] = set()
            for fsnap in forslag:
                f = fsnap.to_dict() or {}
                venter = not dok.er_gravstein(f) and f.get("status") == VENTER
                tx.update(fsnap.reference, {"gjennomforing_id": gid, "endret": firestore.SERVER_TIMESTAMP})
                skrevet |= gi.indekser_forslag(
                    tx, self.db, fsnap.id, (f.get("gjennomforing_id"), venter), (gid, venter)
                )
            gammel_tt = (gammel or {}).get("tellende_til") if levende else None
            ny_tt = None if gravstein else data.get("tellende_til")
            skrevet |= gi.indekser_deltakelse(tx, self.db, dok_id, (forrige, gammel_tt), (gid, ny_tt))
            gi.marker_endret(tx, self.db, {gid, forrige}, skrevet)
            return {gid, forrige}
        return set()

    def _forslag_uten_forelder(self, tx: firestore.Transaction, deltaker_id: str, gid: str) -> list[Any]:
        """Forslag that arrived before their deltaker (or whose deltaker moved): they get its gjennomføring. (A
        single-field query, run only when a deltakelse is new or moves.)"""
        q = self.db.collection(dok.FORSLAG).where(filter=_lik("deltaker_id", deltaker_id))
        return [s for s in tx.get(q) if (s.to_dict() or {}).get("gjennomforing_id") != gid]

    def last_inn(self, samling: str, meldinger: Iterable[InngaendeMelding]) -> int:
        """Initial bulk load (sample data, benchmarks) into an EMPTY collection: batched writes of the same
        documents the ingest writes, with their index entries, without the per-message versjon transaction.
        Forslag must come after their deltakere (the gjennomføring is looked up in bulk)."""
        meldinger = list(meldinger)
        forelder = self._forslag_foreldre(meldinger) if samling == dok.FORSLAG else {}
        antall = 0
        for i in range(0, len(meldinger), BATCH_MAKS // 2):
            batch = self.db.batch()
            indeks: dict[str, tuple[Any, dict[str, Any]]] = {}
            for m in meldinger[i : i + BATCH_MAKS // 2]:
                data = dok.ingest_dokument(m)
                data["endret"] = firestore.SERVER_TIMESTAMP
                if samling == dok.FORSLAG:
                    data["gjennomforing_id"] = forelder.get(str(data.get("deltaker_id")))
                batch.set(self.db.collection(samling).document(m.id), data, merge=True)
                self._bulk_indeks(indeks, samling, m.id, data)
                antall += 1
            for ref, felt in indeks.values():
                batch.set(ref, felt, merge=True)
            batch.commit(timeout=300)  # a busy emulator can take longer than the default deadline
        return antall

    def _bulk_indeks(
        self, indeks: dict[str, tuple[Any, dict[str, Any]]], samling: str, dok_id: str, data: dict[str, Any]
    ) -> None:
        gid = data.get("gjennomforing_id")
        if data.get("slettet"):
            return
        if samling == dok.GJENNOMFORINGER:
            gi.indekser_gjennomforing(_Samler(indeks), self.db, dok_id, None, data)
            gi.indekser_arrangor_gjennomforing(_Samler(indeks), self.db, dok_id, None, data)
        elif samling == dok.ARRANGORER:
            gi.indekser_arrangor(_Samler(indeks), self.db, dok_id, data)
        elif samling == dok.DELTAKELSER and gid and data.get("tellende_til"):
            gi.indekser_deltakelse(_Samler(indeks), self.db, dok_id, (None, None), (gid, data["tellende_til"]))
        elif samling == dok.FORSLAG and gid and data.get("status") == VENTER:
            gi.indekser_forslag(_Samler(indeks), self.db, dok_id, (None, False), (gid, True))

    def _forslag_foreldre(self, meldinger: list[InngaendeMelding]) -> dict[str, str | None]:
        ider = {str(getattr(m, "deltaker_id", "")) for m in meldinger}
        refs = [self.db.collection(dok.DELTAKELSER).document(i) for i in ider if i]
        return {s.id: (s.to_dict() or {}).get("gjennomforing_id") for s in self._get_all(refs) if s.exists}

    # ---------------------------------------------------- Nav API / register data

    def lagre_tilsagn(self, t: Tilsagn) -> None:
        """An imported or seeded tilsagn, with the reservation of its bestillingsnummer in the same transaction, so
        the Nav API never hands out that number again (§5.1); a number another tilsagn holds is refused."""
        ref = self.db.collection(dok.TILSAGN).document(t.id)
        reservasjon = self.db.collection(dok.BESTILLINGSNUMRE).document((t.bestillingsnummer or "").replace("/", "_"))

        def kjor(tx: Any) -> None:
            if t.bestillingsnummer:
                snap = reservasjon.get(transaction=tx)
                if snap.exists and (snap.to_dict() or {}).get("tilsagn_id") != t.id:
                    raise BestillingsnummerIBruk(t.bestillingsnummer)
                tx.set(reservasjon, {"tilsagn_id": t.id})
            tx.set(ref, dok.tilsagn_til_dokument(t) | {"endret": firestore.SERVER_TIMESTAMP})
            gi.indekser_tilsagn(tx, self.db, t)

        kjor_transaksjon(self.db, kjor, forsok=10)

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

    # ------------------------------------------------------------ reads by id

    def _get_all(self, refs: Sequence[Any], felt: list[str] | None = None) -> list[Any]:
        """Every snapshot (missing ones with exists False), in chunks of GET_ALL_MAKS read concurrently."""
        return self._get_all_flere([(refs, felt)])

    def _get_all_flere(self, jobber: Sequence[tuple[Sequence[Any], list[str] | None]]) -> list[Any]:
        """Several reads (each with its own field mask) as one set of concurrent `get_all` chunks. Called only from
        outside the pool, so a pool thread never waits for the pool."""
        deler = [(refs[i : i + GET_ALL_MAKS], felt) for refs, felt in jobber for i in range(0, len(refs), GET_ALL_MAKS)]

        def les(del_: tuple[Sequence[Any], list[str] | None]) -> list[Any]:
            return list(self.db.get_all(list(del_[0]), field_paths=del_[1]))

        if len(deler) <= 1:
            return les(deler[0]) if deler else []
        return [s for bit in self._pool.map(les, deler) for s in bit]

    def _ref(self, samling: str, dok_id: str) -> Any:
        return self.db.collection(samling).document(dok_id)

    def _indekser(self, ider: Sequence[str], felt: list[str] | None = None) -> dict[str, dict[str, Any]]:
        refs = [gi.indeks_ref(self.db, i) for i in ider]
        return {s.id: _data(s) or {} for s in self._get_all(refs, felt) if s.exists}

    # ------------------------------------------------------------ generation

    def list_kandidatperioder(self) -> Iterable[Kandidatperiode]:
        refs = [self.db.collection(gi.KANDIDATINDEKSER).document(c) for c in "0123456789abcdef"]
        for snap in self._get_all(refs):
            for gid, (start, slutt) in gi.kandidat_oppføringer(snap.to_dict() if snap.exists else None).items():
                yield Kandidatperiode(gid, date.fromisoformat(start), date.fromisoformat(slutt) if slutt else None)

    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]:
        """Two rounds of `get_all`: the gjennomføringer and their index documents, then every member document the
        month needs (counted deltakelser with tellende_til ≥ month start − 7 days, pending forslag, tilsagn and
        claims overlapping the month ± 7 days, the claims that may be GENERERT and the claim the KID comes from)."""
        ider = list(dict.fromkeys(gjennomforing_ider))
        mnd = maned_periode(maned)
        fra, til = (mnd.start - timedelta(days=7)).isoformat(), (mnd.slutt + timedelta(days=7)).isoformat()
        gjennomforinger, indekser = self._gjennomforinger_og_indekser(ider)
        refs: list[Any] = [
            self._ref(dok.AVTALER, a) for a in sorted({g.avtale_id for g in gjennomforinger.values() if g.avtale_id})
        ]
        krav_refs: list[Any] = []
        for gid in gjennomforinger:
            medlemmer, krav = self._medlemmer(indekser.get(gid, {}), fra, til)
            refs += medlemmer
            krav_refs += krav
        avtaler: dict[str, Avtale] = {}
        per: dict[str, dict[str, list[Any]]] = {gid: {} for gid in gjennomforinger}
        for snap in self._get_all_flere([(refs, None), (krav_refs, _UTEN_BEREGNING)]):
            data = _data(snap)
            samling = snap.reference.parent.id
            if data is None or dok.er_gravstein(data):
                continue
            if samling == dok.AVTALER:
                avtaler[snap.id] = dok.avtale_fra(snap.id, data)
            elif data.get("gjennomforing_id") in per:
                per[data["gjennomforing_id"]].setdefault(samling, []).append(self._fra(samling, snap.id, data))
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

    def hent_advarselgrunnlag(
        self, gjennomforing_ider: Sequence[str], idag: date
    ) -> dict[str, tuple[list[Deltakelse], list[Forslag]]]:
        """Only what can give an advarsel (§6.5) today, by id through the grunnlagsindeks: the pending forslag with
        their deltakelser, and the deltakelser whose `tellende_til` lies after today (a FeilSluttDato needs a
        sluttdato after today; open-ended ones cannot have one). For the claims list, so a 200-participant
        gjennomføring costs one index read when nobody ends in the future."""
        indekser = self._indekser(list(dict.fromkeys(gjennomforing_ider)))
        dag, apen = idag.isoformat(), APEN_SLUTT.isoformat()
        refs = [self._ref(dok.FORSLAG, f) for idx in indekser.values() for f in (idx.get("forslag") or {})]
        refs += [self._ref(dok.DELTAKELSER, d) for idx in indekser.values()
                 for d, tt in (idx.get("deltakelser") or {}).items() if tt and dag < tt < apen]  # fmt: skip
        forslag: dict[str, list[Forslag]] = {}
        deltakelser: dict[str, Deltakelse] = {}
        for snap in self._get_all(refs) if refs else []:
            data = snap.to_dict() if snap.exists else None
            if data is None or dok.er_gravstein(data):
                continue
            if snap.reference.parent.id == dok.FORSLAG:
                forslag.setdefault(str(data.get("gjennomforing_id")), []).append(dok.forslag_fra(snap.id, data))
            else:
                deltakelser[snap.id] = dok.deltakelse_fra(snap.id, data)
        mangler = {f.deltaker_id for fs in forslag.values() for f in fs} - deltakelser.keys()
        for snap in self._get_all([self._ref(dok.DELTAKELSER, d) for d in mangler]) if mangler else []:
            data = snap.to_dict() if snap.exists else None
            if data is not None and not dok.er_gravstein(data):
                deltakelser[snap.id] = dok.deltakelse_fra(snap.id, data)
        per: dict[str, list[Deltakelse]] = {}
        for d in deltakelser.values():
            per.setdefault(d.gjennomforing_id, []).append(d)
        return {gid: (per.get(gid, []), forslag.get(gid, [])) for gid in indekser}

    def _gjennomforinger_og_indekser(
        self, ider: list[str]
    ) -> tuple[dict[str, Gjennomforing], dict[str, dict[str, Any]]]:
        forste = self._get_all(
            [self._ref(dok.GJENNOMFORINGER, i) for i in ider] + [gi.indeks_ref(self.db, i) for i in ider]
        )
        gjennomforinger: dict[str, Gjennomforing] = {}
        indekser: dict[str, dict[str, Any]] = {}
        for snap in forste:
            data = _data(snap)
            if snap.reference.parent.id == gi.GRUNNLAGSINDEKSER:
                indekser[snap.id] = data or {}
            elif data is not None and not dok.er_gravstein(data) and "status" in data:
                gjennomforinger[snap.id] = dok.gjennomforing_fra(snap.id, data)
        return gjennomforinger, indekser

    def _medlemmer(self, idx: dict[str, Any], fra: str, til: str) -> tuple[list[Any], list[Any]]:
        """(deltakelser, forslag and tilsagn to read; claims to read) of one index document for [fra, til)."""
        refs = [self._ref(dok.DELTAKELSER, d) for d, tt in (idx.get("deltakelser") or {}).items() if tt and tt >= fra]
        refs += [self._ref(dok.FORSLAG, f) for f in (idx.get("forslag") or {})]
        refs += [self._ref(dok.TILSAGN, t) for t, p in (idx.get("tilsagn") or {}).items() if _overlapper(p, fra, til)]
        krav = [self._ref(dok.UTBETALINGER, u) for u in _krav_a_lese(idx.get("utbetalinger") or {}, fra, til)]
        return refs, krav

    @staticmethod
    def _fra(samling: str, dok_id: str, data: dict[str, Any]) -> Any:
        return {
            dok.DELTAKELSER: dok.deltakelse_fra,
            dok.FORSLAG: dok.forslag_fra,
            dok.TILSAGN: dok.tilsagn_fra,
            dok.UTBETALINGER: dok.utbetaling_fra,
        }[samling](dok_id, data)

    def opprett_utbetaling(self, utbetaling: Utbetaling, operasjon: str, varsel: Varsel | None = None) -> bool:
        """The claim, its index entry, its "Utbetaling opprettet" entry and its notice in one atomic create-only
        commit."""
        batch = self.db.batch()
        batch.create(
            self.db.collection(dok.UTBETALINGER).document(utbetaling.id),
            dok.utbetaling_til_dokument(utbetaling),
        )
        gi.indekser_utbetaling(batch, self.db, utbetaling)
        self._historikk(batch, utbetaling, operasjon)
        if varsel is not None:
            self._varsel(batch, varsel)
        try:
            batch.commit()
        except (gexc.AlreadyExists, gexc.Conflict):
            return False
        return True

    def opprett_utbetalinger(
        self, utbetalinger: Sequence[Utbetaling], operasjon: str, varsler: Mapping[str, Varsel] | None = None
    ) -> list[bool]:
        """Many create-only claims, each with its index entries and history, in commits of up to KRAV_PER_COMMIT
        claims (a commit per claim cost the run ~7 000 emulator commits). A commit is atomic, so a claim is never
        written without its effects; one refused because a claim exists already (a rerun) is redone one claim per
        commit, so the create-only id stays each claim's guard."""
        ut: list[bool] = []
        for gruppe in _grupper(utbetalinger):
            batch = self.db.batch()
            indeks: dict[str, tuple[Any, dict[str, Any]]] = {}
            for u in gruppe:
                batch.create(self._ref(dok.UTBETALINGER, u.id), dok.utbetaling_til_dokument(u))
                gi.indekser_utbetaling(_Samler(indeks), self.db, u)
                self._historikk(batch, u, operasjon)
                if (v := (varsler or {}).get(u.id)) is not None:
                    self._varsel(_Samler(indeks), v, batch)
            for ref, felt in indeks.values():
                batch.set(ref, felt, merge=True)
            try:
                batch.commit()
            except (gexc.AlreadyExists, gexc.Conflict):
                ut += [self.opprett_utbetaling(u, operasjon, (varsler or {}).get(u.id)) for u in gruppe]
            else:
                ut += [True] * len(gruppe)
        return ut

    def _varsel(self, indeks: Any, v: Varsel, batch: Any = None) -> None:
        """The claim's notice (issue 16 §2): a merge of its content, not a create, because its key is once per
        gjennomføring and month while a claim deleted by recalculation (§7.2) may be created again; a create would
        then refuse the whole commit for ever. The merge leaves the dispatch state of a notice already sent, so it
        is not sent twice; its index entry is cleared by the next dispatcher pass."""
        (batch or indeks).set(vd.ref(self.db, v.id), vd.innhold(v), merge=True)
        indeks.set(vd.indeks_ref(self.db, v.id), vd.usendt_indeks(v.id), merge=True)

    def _historikk(self, skriver: Any, u: Utbetaling, operasjon: str) -> None:
        ref = self.db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(u, operasjon))
        skriver.create(ref, dok.historikk_dokument(u, operasjon, u.updated_at))

    # ---------------------------------------------------------- recalculation

    def _mulig_genererte(self, gjennomforing_ider: Sequence[str], felt: list[str] | None = None) -> list[Any]:
        """The claims the index lists as GENERERT, read by id (the index may lag behind a later status): one read
        of the index documents' claim entries, one of the claims."""
        indekser = self._indekser(list(dict.fromkeys(gjennomforing_ider)), ["utbetalinger"])
        eier = {u: gid for gid, idx in indekser.items() for u, e in (idx.get("utbetalinger") or {}).items()
                if (e or {}).get("status") == GENERERT}  # fmt: skip
        snaps = self._get_all([self._ref(dok.UTBETALINGER, u) for u in sorted(eier)], felt) if eier else []
        return [s for s in snaps if (_data(s) or {}).get("gjennomforing_id") == eier[s.id]]

    def med_generert_utbetaling(self, gjennomforing_ider: Sequence[str]) -> set[str]:
        snaps = self._mulig_genererte(gjennomforing_ider, ["status", "gjennomforing_id"])
        return {str(d["gjennomforing_id"]) for s in snaps if (d := _data(s) or {}).get("status") == GENERERT}

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
        return gjennomforing_id in self.endringer_etter([gjennomforing_id], t0)

    def endringer_etter(self, gjennomforing_ider: Sequence[str], t0: datetime) -> set[str]:
        """The gjennomføring (its own fields, stengt), its index document's `sist_endret` (set by every deltakelse,
        forslag and tilsagn write of it) or its avtale has `endret` ≥ t0: two or three reads per gjennomføring, by id
        with field masks, whatever its size."""
        ider = list(dict.fromkeys(gjennomforing_ider))
        refs = [self._ref(dok.GJENNOMFORINGER, i) for i in ider]
        indekser = [gi.indeks_ref(self.db, i) for i in ider]
        endret: set[str] = set()
        avtale: dict[str, set[str]] = {}
        for snap in self._get_all_flere([(refs, ["endret", "avtale_id"]), (indekser, ["sist_endret"])]):
            data = _data(snap) or {}
            if _etter(data.get("endret"), t0) or _etter(data.get("sist_endret"), t0):
                endret.add(snap.id)
            elif data.get("avtale_id"):
                avtale.setdefault(str(data["avtale_id"]), set()).add(snap.id)
        avtaler = [self._ref(dok.AVTALER, a) for a in avtale]
        for snap in self._get_all(avtaler, ["endret"]) if avtaler else []:
            if snap.exists and _etter((snap.to_dict() or {}).get("endret"), t0):
                endret |= avtale[snap.id]
        return endret

    def hent_utbetalinger(self, gjennomforing_id: str) -> list[Utbetaling]:
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in self._mulig_genererte([gjennomforing_id])]

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        snap = self.db.collection(dok.UTBETALINGER).document(utbetaling_id).get()
        return dok.utbetaling_fra(snap.id, snap.to_dict() or {}) if snap.exists else None

    def _under_las(
        self,
        utbetaling_id: str,
        forrige: datetime,
        skriv: Callable[[firestore.Transaction, Any, Utbetaling], None],
    ) -> bool:
        ref = self.db.collection(dok.UTBETALINGER).document(utbetaling_id)

        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> bool:
            snap = ref.get(transaction=tx)
            data = snap.to_dict() if snap.exists else None
            if data is None or data.get("status") != UtbetalingStatus.GENERERT.value or data.get("innsendt_tidspunkt"):
                return False
            if data.get("updated_at") != forrige:
                return False
            skriv(tx, ref, dok.utbetaling_fra(snap.id, data))
            return True

        ok: bool = kjor(self.db.transaction())
        return ok

    def oppdater_utbetaling(self, utbetaling: Utbetaling, forrige_updated_at: datetime, operasjon: str) -> bool:
        def skriv(tx: firestore.Transaction, ref: Any, lagret: Utbetaling) -> None:
            vref = versjoner.ref(self.db, utbetaling.id)
            snap = vref.get(transaction=tx)  # read before the first write of the transaction
            kept = bevar(versjoner.fra_dokument(snap.to_dict() if snap.exists else None), lagret, utbetaling,
                         utbetaling.updated_at)  # fmt: skip
            tx.set(ref, dok.utbetaling_til_dokument(utbetaling))
            tx.set(vref, versjoner.til_dokument(kept))
            gi.indekser_utbetaling(tx, self.db, utbetaling, lagret)
            self._historikk(tx, utbetaling, operasjon)

        return self._under_las(utbetaling.id, forrige_updated_at, skriv)

    def slett_utbetaling(self, utbetaling_id: str, forrige_updated_at: datetime) -> bool:
        def skriv(tx: firestore.Transaction, ref: Any, lagret: Utbetaling) -> None:
            tx.delete(ref)
            gi.fjern_utbetaling(tx, self.db, lagret.gjennomforing_id, utbetaling_id, lagret.arrangor_orgnr)

        return self._under_las(utbetaling_id, forrige_updated_at, skriv)


def _grupper(utbetalinger: Sequence[Utbetaling]) -> list[list[Utbetaling]]:
    grupper: list[list[Utbetaling]] = []
    bytes_ = 0
    for u in utbetalinger:
        storrelse = len(u.beregning_gz or b"") + 8192
        if not grupper or len(grupper[-1]) >= KRAV_PER_COMMIT or bytes_ + storrelse > KRAV_BYTES_PER_COMMIT:
            grupper.append([])
            bytes_ = 0
        grupper[-1].append(u)
        bytes_ += storrelse
    return grupper


def _etter(verdi: Any, t0: datetime) -> bool:
    return isinstance(verdi, datetime) and verdi >= t0


def _overlapper(periode: Any, fra: str, til: str) -> bool:
    """An index entry's half-open {start, slutt} overlaps [fra, til) (ISO dates compare as strings)."""
    p = periode if isinstance(periode, dict) else {}
    return bool(p.get("start")) and bool(p.get("slutt")) and str(p["start"]) < til and fra < str(p["slutt"])


def _krav_a_lese(oppforinger: dict[str, Any], fra: str, til: str) -> list[str]:
    """Claims a new claim's rules need (§7.1): those overlapping the month ± 7 days (skip rule, hele-uke snapping
    moves at most 3 days), those that may still be GENERERT (an index entry may lag behind a submit), and the DRIFT
    claim with the latest innsendt_tidspunkt by the index (KID carry-forward; ties: created_at, then id)."""
    valgt = {u for u, e in oppforinger.items() if _overlapper(e, fra, til) or (e or {}).get("status") == GENERERT}
    innsendte = [
        (e["innsendt"], e.get("created_at") or e["innsendt"], u)
        for u, e in oppforinger.items()
        if isinstance(e, dict) and e.get("tilskuddstype") == DRIFT.value and isinstance(e.get("innsendt"), datetime)
    ]
    if innsendte:
        valgt.add(max(innsendte)[2])
    return sorted(valgt)
