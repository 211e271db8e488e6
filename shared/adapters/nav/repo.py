"""Firestore adapter of Nav's processing, the outbox and payment status (ports in shared/service/nav/ports.py).

- `FirestoreNavTransaksjon` reads through one Firestore transaction and buffers every write until `skriv()`, since
  Firestore refuses a read after a write in a transaction. The arrangør API's godkjenn wraps its own transaction in
  one to run the AFT/VTA path (shared/service/nav/automatisk_utbetaling.py).
- Numbers containing "/" are never ids: uniqueness documents `bestillingsnumre/{nr}` and `fakturanumre/{nr}` with
  "/" → "_", created create-only with the entity (domene.md §5.1).
- Mapping of the collections this module owns (utbetalingslinjer, utsendinger, the uniqueness documents, the lease)
  lives here; claims and tilsagn use shared/adapters/firestore/dokumenter.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokument_id
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.samtidighet import FORSOK, INGEN_SVAR, kjor_transaksjon, med_skrivekrav
from shared.adapters.las import FirestoreLas
from shared.adapters.varsling import dokument as vd
from shared.domain.felles.feil import EndretSamtidig
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import Utsending
from shared.domain.varsling.varsel import Varsel
from shared.service.nav.ports import NavTransaksjon

T = TypeVar("T")

LINJER = "utbetalingslinjer"
UTSENDINGER = "utsendinger"
FAKTURANUMRE = "fakturanumre"
BESTILLINGSNUMRE = dok.BESTILLINGSNUMRE
LINJEINDEKS = "utbetalingslinje_indekser"
"""`{utbetaling_id}` = {linje_ider}: a claim's lines are read by id inside transactions, because the emulator
aborts a transaction whose query range another transaction writes to (contention far beyond production's)."""
UTSENDINGSINDEKSER = "utsendingsindekser"
"""`{0..f}` = {usendte: {utsending_id: true}}: the unsent outbox records, in 16 shards by the id's first hex digit,
so the dispatcher reads 16 documents and the records by id instead of a query (the emulator scans the whole
database for every query: ~4 s at the §13 size, once per dispatcher pass). Written (blind merge, no read lock) in
the transaction that creates or re-opens a record, and cleared in the batch that marks it sent."""
LAS = "utsending_las"
LAS_ID = "okonomi-ut"
SKAAR = "0123456789abcdef"


def utsendingsskaar(utsending_id: str) -> str:
    forste = utsending_id[:1].lower()
    return forste if forste and forste in SKAAR else "0"


def utsendingsindeks_ref(db: firestore.Client, utsending_id: str) -> Any:
    return db.collection(UTSENDINGSINDEKSER).document(utsendingsskaar(utsending_id))


def nummer_id(nummer: str) -> str:
    return nummer.replace("/", "_")


def linje_til_dokument(linje: Utbetalingslinje) -> dict[str, Any]:
    data: dict[str, Any] = linje.model_dump(mode="json", exclude={"id", "periode_start", "periode_slutt"})
    data["periode"] = {"start": linje.periode_start.isoformat(), "slutt": linje.periode_slutt.isoformat()}
    return data


def linje_fra(dok_id: str, data: dict[str, Any]) -> Utbetalingslinje:
    p = data.get("periode") or {}
    felt = {k: v for k, v in data.items() if k != "periode"}
    return Utbetalingslinje.model_validate({**felt, "id": dok_id, "periode_start": p.get("start"),
                                            "periode_slutt": p.get("slutt")})  # fmt: skip


def utsending_til_dokument(u: Utsending) -> dict[str, Any]:
    data: dict[str, Any] = u.model_dump(mode="json", exclude={"id", "opprettet", "send_tidligst", "sendt_tidspunkt"})
    data.update(opprettet=u.opprettet, send_tidligst=u.send_tidligst, sendt_tidspunkt=u.sendt_tidspunkt)
    return data


def utsending_fra(dok_id: str, data: dict[str, Any]) -> Utsending:
    return Utsending.model_validate({**data, "id": dok_id})


def _tilsagn_historikk(t: Tilsagn, operasjon: str, tidspunkt: datetime, utfort_av: str) -> dict[str, Any]:
    return {
        "dokument_id": t.id,
        "dokument_type": "TILSAGN",
        "operasjon": operasjon,
        "tidspunkt": tidspunkt,
        "utfort_av": utfort_av,
        "snapshot": {**dok.tilsagn_til_dokument(t), "id": t.id},
    }


class FirestoreNavTransaksjon(NavTransaksjon):
    def __init__(self, db: firestore.Client, tx: firestore.Transaction | None, klokke: Callable[[], datetime]) -> None:
        self.db, self.tx, self._na = db, tx, klokke
        self._skriv: dict[str, tuple[str, Any, dict[str, Any] | None]] = {}
        self._logg: list[dict[str, Any]] = []
        self._indeks: dict[str, list[str]] = {}
        self._indeks_endret: set[str] = set()
        self._lest: dict[tuple[str, str], dict[str, Any] | None] = {}
        """Documents read in this transaction (all reads see its start state, so a second read changes nothing)."""

    def _ref(self, samling: str, dok_id: str) -> Any:
        return self.db.collection(samling).document(dok_id)

    def _les(self, samling: str, dok_id: str) -> dict[str, Any] | None:
        return self._les_mange([(samling, dok_id)])[samling, dok_id]

    def _les_mange(self, nokler: Sequence[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any] | None]:
        """{(collection, id): data or None}, reading the ones not read yet with one `get_all` in the transaction."""
        for n in nokler:
            if n not in self._lest and not dokument_id.godtatt(n[1]):
                self._lest[n] = None  # an id Firestore refuses names no document
        mangler = [n for n in dict.fromkeys(nokler) if n not in self._lest]
        if len(mangler) == 1:
            snap = self._ref(*mangler[0]).get(transaction=self.tx)
            self._lest[mangler[0]] = snap.to_dict() if snap.exists else None
        elif mangler:
            for snap in self.db.get_all([self._ref(*n) for n in mangler], transaction=self.tx):
                self._lest[snap.reference.parent.id, snap.id] = snap.to_dict() if snap.exists else None
        return {n: self._lest[n] for n in nokler}

    def forhent(self, utbetalinger: Sequence[str] = (), tilsagn: Sequence[str] = ()) -> None:
        nokler = [(dok.UTBETALINGER, i) for i in utbetalinger] + [(LINJEINDEKS, i) for i in utbetalinger]
        self._les_mange(nokler + [(dok.TILSAGN, i) for i in tilsagn])

    # ---------------------------------------------------------------- reads

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        data = self._les(dok.UTBETALINGER, utbetaling_id)
        return dok.utbetaling_fra(utbetaling_id, data) if data is not None else None

    def genererte_tao_krav(self) -> list[Utbetaling]:
        """GENERERT TAO claims (waiting for an account, §12.3)."""
        q = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=FieldFilter("status", "==", "GENERERT"))
            .where(filter=FieldFilter("prismodell", "==", "FAST_SATS_PER_AVTALT_PLASS_PER_MANED"))
        )
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in q.stream()]

    def _linje_ider(self, utbetaling_id: str) -> list[str]:
        if utbetaling_id not in self._indeks:
            data = self._les(LINJEINDEKS, utbetaling_id) or {}
            self._indeks[utbetaling_id] = [str(i) for i in data.get("linje_ider", [])]
        return self._indeks[utbetaling_id]

    def hent_linjer(self, utbetaling_id: str) -> list[Utbetalingslinje]:
        lest = self._les_mange([(LINJER, i) for i in self._linje_ider(utbetaling_id)])
        linjer = [linje_fra(i, data) for (_, i), data in lest.items() if data is not None]
        return sorted(linjer, key=lambda linje: (linje.fakturanummer, linje.id))

    def hent_linje(self, linje_id: str) -> Utbetalingslinje | None:
        data = self._les(LINJER, linje_id)
        return linje_fra(linje_id, data) if data is not None else None

    def hent_linje_for_faktura(self, fakturanummer: str) -> Utbetalingslinje | None:
        unik = self._les(FAKTURANUMRE, nummer_id(fakturanummer))
        return self.hent_linje(str(unik["linje_id"])) if unik else None

    def hent_tilsagn(self, tilsagn_ider: Sequence[str]) -> dict[str, Tilsagn]:
        lest = self._les_mange([(dok.TILSAGN, i) for i in tilsagn_ider])
        return {i: dok.tilsagn_fra(i, data) for (_, i), data in lest.items() if data is not None}

    def hent_tilsagn_for_gjennomforing(self, gjennomforing_id: str) -> list[Tilsagn]:
        q = self.db.collection(dok.TILSAGN).where(filter=FieldFilter("gjennomforing_id", "==", gjennomforing_id))
        return [
            dok.tilsagn_fra(s.id, s.to_dict() or {})
            for s in q.get(transaction=self.tx)
            if not (s.to_dict() or {}).get("slettet")
        ]

    def hent_tilsagn_for_bestilling(self, bestillingsnummer: str) -> Tilsagn | None:
        unik = self._les(BESTILLINGSNUMRE, nummer_id(bestillingsnummer))
        return self.hent_tilsagn([str(unik["tilsagn_id"])]).get(str(unik["tilsagn_id"])) if unik else None

    def bestillingsnummer_tatt(self, bestillingsnummer: str) -> bool:
        return self._les(BESTILLINGSNUMRE, nummer_id(bestillingsnummer)) is not None

    def hent_gjennomforing(self, gjennomforing_id: str) -> Gjennomforing | None:
        data = self._les(dok.GJENNOMFORINGER, gjennomforing_id)
        if data is None or dok.er_gravstein(data) or "status" not in data:
            return None
        return dok.gjennomforing_fra(gjennomforing_id, data)

    def hent_avtale(self, avtale_id: str) -> Avtale | None:
        data = self._les(dok.AVTALER, avtale_id)
        return dok.avtale_fra(avtale_id, data) if data is not None and not dok.er_gravstein(data) else None

    # ---------------------------------------------------------------- buffered writes

    def _sett(self, samling: str, dok_id: str, data: dict[str, Any], *, ny: bool = False, flett: bool = False) -> None:
        art = "create" if ny else ("merge" if flett else "set")
        self._skriv[f"{samling}/{dok_id}"] = (art, self._ref(samling, dok_id), data)

    def lagre_utbetaling(self, u: Utbetaling, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        self._sett(dok.UTBETALINGER, u.id, dok.utbetaling_til_dokument(u), ny=ny)
        self._indekser(gi.utbetaling_skriving(self.db, u), f"utbetaling/{u.id}")
        self._indekser(gi.arrangor_skriving(self.db, u), f"arrangor/{u.id}")
        if operasjon is not None:
            self.logg_utbetaling(u, operasjon, utfort_av)

    def logg_utbetaling(
        self, u: Utbetaling, operasjon: str, utfort_av: str, *, tidspunkt: datetime | None = None
    ) -> None:
        self._logg.append(dok.historikk_dokument(u, operasjon, tidspunkt or u.updated_at, utfort_av))

    def lagre_tilsagn(self, t: Tilsagn, operasjon: str | None, utfort_av: str, *, ny: bool = False) -> None:
        data = dok.tilsagn_til_dokument(t) | {"endret": firestore.SERVER_TIMESTAMP}
        self._sett(dok.TILSAGN, t.id, data, ny=ny)
        self._indekser(gi.tilsagn_skriving(self.db, t), f"tilsagn/{t.id}")
        if ny and t.bestillingsnummer:
            self._sett(BESTILLINGSNUMRE, nummer_id(t.bestillingsnummer), {"tilsagn_id": t.id}, ny=True)
        if operasjon is not None:
            self._logg.append(_tilsagn_historikk(t, operasjon, self._na(), utfort_av))

    def _indekser(self, skriving: gi.Skriving | None, nokkel: str) -> None:
        """The gjennomføring's index entry (grunnlagsindeks.py), queued with the write it describes."""
        if skriving is not None:
            self._skriv[f"{gi.GRUNNLAGSINDEKSER}/{skriving[0].id}#{nokkel}"] = ("merge", skriving[0], skriving[1])

    def slett_tilsagn(self, tilsagn_id: str) -> None:
        self._skriv[f"{dok.TILSAGN}/{tilsagn_id}"] = ("delete", self._ref(dok.TILSAGN, tilsagn_id), None)

    def lagre_linje(self, linje: Utbetalingslinje, *, ny: bool = False) -> None:
        self._sett(LINJER, linje.id, linje_til_dokument(linje))
        ider = self._linje_ider(linje.utbetaling_id)
        if linje.id not in ider:
            ider.append(linje.id)
            self._indeks_endret.add(linje.utbetaling_id)
        if ny:
            unik = {"linje_id": linje.id, "utbetaling_id": linje.utbetaling_id}
            self._sett(FAKTURANUMRE, nummer_id(linje.fakturanummer), unik, ny=True)

    def slett_linje(self, linje_id: str) -> None:
        self._skriv[f"{LINJER}/{linje_id}"] = ("delete", self._ref(LINJER, linje_id), None)
        for utbetaling_id, ider in self._indeks.items():
            if linje_id in ider:
                ider.remove(linje_id)
                self._indeks_endret.add(utbetaling_id)

    def legg_til_utsending(self, utsending: Utsending) -> None:
        self._sett(UTSENDINGER, utsending.id, utsending_til_dokument(utsending), ny=True)
        self._usendt(utsending.id)

    def planlegg_arkivering(self, u: Utbetaling, utfort_av: str) -> None:
        data = {"utbetaling_id": u.id, "opprettet": u.updated_at, "status": "VENTER", "vedlegg": list(u.vedlegg),
                "innsendt_av": utfort_av}  # fmt: skip
        self._sett(dok.ARKIVERINGER, u.id, data, ny=True)

    def _usendt(self, utsending_id: str) -> None:
        ref = utsendingsindeks_ref(self.db, utsending_id)
        self._skriv[f"{UTSENDINGSINDEKSER}/{ref.id}#{utsending_id}"] = ("merge", ref, {"usendte": {utsending_id: True}})

    def tell_tilsagn_lopenummer(self, gjennomforing_id: str, neste: int) -> None:
        data = {"neste_tilsagn_lopenummer": neste, "endret": firestore.SERVER_TIMESTAMP}
        self._sett(dok.GJENNOMFORINGER, gjennomforing_id, data, flett=True)

    def lagre_stengt(self, g: Gjennomforing) -> None:
        data = {"stengt": dok.stengt_til_dokument(list(g.stengt)), "endret": firestore.SERVER_TIMESTAMP}
        self._sett(dok.GJENNOMFORINGER, g.id, data, flett=True)

    def slett_utbetaling(self, u: Utbetaling) -> None:
        """Delete a claim (a korreksjon, §6.3 row 16), its grunnlagsindeks and arrangørindeks entries, with its line
        index."""
        self._skriv[f"{dok.UTBETALINGER}/{u.id}"] = ("delete", self._ref(dok.UTBETALINGER, u.id), None)
        self._skriv[f"{LINJEINDEKS}/{u.id}"] = ("delete", self._ref(LINJEINDEKS, u.id), None)
        self._indeks.pop(u.id, None)
        self._indeks_endret.discard(u.id)
        ref = gi.indeks_ref(self.db, u.gjennomforing_id)
        self._skriv[f"{gi.GRUNNLAGSINDEKSER}/{u.gjennomforing_id}#utbetaling/{u.id}"] = (
            "merge", ref, {"utbetalinger": {u.id: firestore.DELETE_FIELD}},
        )  # fmt: skip
        self._skriv[f"{gi.ARRANGORINDEKSER}/{u.arrangor_orgnr}#utbetaling/{u.id}"] = (
            "merge", gi.arrangor_ref(self.db, u.arrangor_orgnr), {"utbetalinger": {u.id: firestore.DELETE_FIELD}},
        )  # fmt: skip

    def hent_utsending(self, utsending_id: str) -> Utsending | None:
        data = self._les(UTSENDINGER, utsending_id)
        return utsending_fra(utsending_id, data) if data is not None else None

    def send_utsending_igjen(self, utsending: Utsending) -> None:
        """Mark an outbox record unsent again (re-publish, §9): same id, sekvens and body."""
        data = {"sendt": False, "sendt_tidspunkt": None}
        self._sett(UTSENDINGER, utsending.id, data, flett=True)
        self._usendt(utsending.id)

    def legg_til_varsel(self, varsel: Varsel) -> None:
        if self._les(vd.VARSLER, varsel.id) is None:
            self._sett(vd.VARSLER, varsel.id, vd.til_dokument(varsel), ny=True)
            ref = vd.indeks_ref(self.db, varsel.id)
            self._skriv[f"{vd.VARSELINDEKSER}/{ref.id}#{varsel.id}"] = ("merge", ref, vd.usendt_indeks(varsel.id))

    def vil_ha_utbetalingsvarsel(self, orgnr: str) -> bool:
        return bool((self._les(vd.VARSLINGSVALG, orgnr) or {}).get("utbetalt"))

    def har_skrivinger(self) -> bool:
        return bool(self._skriv or self._logg or self._indeks_endret)

    def skriv(self) -> None:
        """Queue the buffered writes on the transaction (call once, after the last read)."""
        assert self.tx is not None, "en prøvekjøring skriver aldri"
        for art, ref, data in self._skriv.values():
            if art == "delete":
                self.tx.delete(ref)
            elif art == "create":
                self.tx.create(ref, data or {})
            else:
                self.tx.set(ref, data or {}, merge=art == "merge")
        for utbetaling_id in self._indeks_endret:
            self.tx.set(self._ref(LINJEINDEKS, utbetaling_id), {"linje_ider": self._indeks[utbetaling_id]})
        for rekkefolge, entry in enumerate(self._logg):  # entries of one commit share an instant: keep their order
            self.tx.create(self.db.collection(dok.ENDRINGSHISTORIKK).document(str(uuid.uuid4())),
                           entry | {"rekkefolge": rekkefolge})  # fmt: skip
        self._skriv.clear()
        self._logg.clear()
        self._indeks_endret.clear()


class FirestoreNavRepo:
    """NavRepo + UtsendingRepo on Firestore."""

    def __init__(self, db: firestore.Client, klokke: Callable[[], datetime]) -> None:
        self.db = db
        self._na = klokke
        self._lasen = FirestoreLas(db, LAS, LAS_ID)

    def i_transaksjon(self, fn: Callable[[NavTransaksjon], T], *, forsok: int = 5, las: str | None = None) -> T:
        """`fn` in one transaction. With `las` (the aggregate it changes, e.g. `utbetaling/{id}`) it runs under that
        aggregate's write claim, and a request that loses a race answers from a dry run (samtidighet.py)."""

        def kjor(tx: firestore.Transaction) -> T:
            ntx = FirestoreNavTransaksjon(self.db, tx, self._na)
            resultat = fn(ntx)
            ntx.skriv()
            return resultat

        def skriv() -> T:
            return kjor_transaksjon(self.db, kjor, forsok=min(forsok, FORSOK) if las else forsok)

        if las is None:
            return skriv()

        def proverun() -> Any:
            ntx = FirestoreNavTransaksjon(self.db, None, self._na)
            resultat = fn(ntx)
            return resultat if not ntx.har_skrivinger() else INGEN_SVAR

        return med_skrivekrav(self.db, las, skriv, proverun)

    def list_utbetalinger(self, status: str | None, kostnadssted: str | None) -> list[Utbetaling]:
        q: Any = self.db.collection(dok.UTBETALINGER)
        if status:
            q = q.where(filter=FieldFilter("status", "==", status))
        ut = [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in q.limit(5000).stream()]
        if kostnadssted:
            linjer = self.db.collection(LINJER).stream()
            tilsagn = {s.id for s in self.db.collection(dok.TILSAGN).where(
                filter=FieldFilter("kostnadssted", "==", kostnadssted)).select([]).stream()}  # fmt: skip
            ider = {
                (s.to_dict() or {}).get("utbetaling_id")
                for s in linjer
                if (s.to_dict() or {}).get("tilsagn_id") in tilsagn
            }
            ut = [u for u in ut if u.id in ider]
        return sorted(ut, key=lambda u: (u.periode_start, u.id))

    def genererte_tao_krav(self) -> list[Utbetaling]:
        """GENERERT TAO claims (waiting for an account, §12.3)."""
        q = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=FieldFilter("status", "==", "GENERERT"))
            .where(filter=FieldFilter("prismodell", "==", "FAST_SATS_PER_AVTALT_PLASS_PER_MANED"))
        )
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in q.stream()]

    def hent_linjer(self, utbetaling_id: str) -> list[Utbetalingslinje]:
        q = self.db.collection(LINJER).where(filter=FieldFilter("utbetaling_id", "==", utbetaling_id))
        return sorted((linje_fra(s.id, s.to_dict() or {}) for s in q.stream()), key=lambda linje: linje.fakturanummer)

    # ---------------------------------------------------------------- outbox

    def usendte(self) -> list[Utsending]:
        """The unsent records, through the outbox index (16 reads) and then by id; each record's own `sendt`
        decides (the index is a superset hint)."""
        skaar = self.db.get_all([self.db.collection(UTSENDINGSINDEKSER).document(c) for c in SKAAR])
        ider = sorted({i for s in skaar if s.exists for i in ((s.to_dict() or {}).get("usendte") or {})})
        refs = [self.db.collection(UTSENDINGER).document(i) for i in ider]
        ut = []
        for bit in range(0, len(refs), 300):
            for snap in self.db.get_all(refs[bit : bit + 300]):
                data = snap.to_dict() if snap.exists else None
                if data is not None and data.get("sendt") is False:
                    ut.append(utsending_fra(snap.id, data))
        return ut

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None:
        """Mark sent and leave the outbox index, in one batch per 400 records."""
        for i in range(0, len(ider), 400):
            batch = self.db.batch()
            ut: dict[str, dict[str, Any]] = {}
            for dok_id in ider[i : i + 400]:
                batch.update(
                    self.db.collection(UTSENDINGER).document(dok_id), {"sendt": True, "sendt_tidspunkt": tidspunkt}
                )
                ut.setdefault(utsendingsskaar(dok_id), {})[dok_id] = firestore.DELETE_FIELD
            for skaar, felt in ut.items():
                batch.set(self.db.collection(UTSENDINGSINDEKSER).document(skaar), {"usendte": felt}, merge=True)
            batch.commit()

    # the dispatcher's lease (shared with the notice outbox: adapters/las.py)
    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        return self._lasen.ta_las(eier, na, varighet_s)

    def bli_venter(self, eier: str, na: datetime) -> datetime | None:
        ref = self._lasen.ref()

        def kjor(tx: firestore.Transaction) -> datetime | None:
            snap = ref.get(transaction=tx)
            data = (snap.to_dict() or {}) if snap.exists else {}
            if not data.get("eier") or data["utloper"] < na:
                return na
            if data.get("venter") not in (None, eier) and data.get("venter_til") and data["venter_til"] >= na:
                return None
            utloper: datetime = data["utloper"]
            tx.update(ref, {"venter": eier, "venter_til": utloper + timedelta(seconds=5)})
            return utloper

        try:
            return kjor_transaksjon(self.db, kjor)
        except EndretSamtidig:
            return None  # many nudges at once: one of the others registered

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        return self._lasen.forny_las(eier, token, na, varighet_s)

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        return self._lasen.slipp_las(eier, token, na, varighet_s)
