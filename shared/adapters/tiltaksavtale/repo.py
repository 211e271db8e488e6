"""Firestore adapter of `TiltaksavtaleRepo` (shared/service/tiltaksavtale/ports.py, avtale.md §9.1).

- `FirestoreTiltaksavtaleTransaksjon` reads through one Firestore transaction and buffers every write until the
  commit (Firestore refuses a read after a write in a transaction). At the commit it reads the outbox ids it is
  about to create, in the same transaction, and skips the ones that exist, so every notice is queued once.
- Contention on one document is the optimistic lock's business (§8.1): the emulator makes a second transaction on
  a locked document wait for seconds before it aborts, and the client would retry that five times. We try
  `FORSOK` times and then answer `SamtidigeEndringer` (409): a retried `fn` re-reads `sist_endret`, so a stale
  caller gets the 409 from the service's own comparison, and only a lasting contention gets it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, TypeVar

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.tiltaksavtale import dokumenter as dok
from shared.domain.tiltaksavtale.avtale import Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.feil import SamtidigeEndringer
from shared.domain.tiltaksavtale.hendelser import Hendelse, Utsending, Varsel
from shared.domain.tiltaksavtale.kodeverk import Rolle, Status
from shared.service.tiltaksavtale.ports import Avtalefilter, TiltaksavtaleTransaksjon

T = TypeVar("T")

FORSOK: Final = 2
"""One retry: enough for a transaction that lost a race to re-read and see the winner's `sist_endret`."""
IN_MAKS: Final = 30
"""Firestore's limit on the values of one `in` filter."""
AKTIVE: Final = [s.value for s in Status if s != Status.ANNULLERT]


class FirestoreTiltaksavtaleTransaksjon(TiltaksavtaleTransaksjon):
    def __init__(self, db: firestore.Client, tx: firestore.Transaction) -> None:
        self.db, self.tx = db, tx
        self._skriv: dict[str, tuple[str, Any, dict[str, Any]]] = {}
        self._utsendinger: dict[str, dict[str, Any]] = {}

    def _ref(self, samling: str, dok_id: str) -> Any:
        return self.db.collection(samling).document(dok_id)

    def hent(self, avtale_id: str) -> Tiltaksavtale | None:
        snap = self._ref(dok.TILTAKSAVTALER, avtale_id).get(transaction=self.tx)
        return dok.avtale_fra(avtale_id, snap.to_dict() or {}) if snap.exists else None

    def neste_avtalenr(self) -> int:
        ref = self._ref(dok.TELLERE, dok.AVTALENUMMER)
        snap = ref.get(transaction=self.tx)
        neste = int((snap.to_dict() or {}).get("neste", 1)) if snap.exists else 1
        self._skriv[f"{dok.TELLERE}/{dok.AVTALENUMMER}"] = ("set", ref, {"neste": neste + 1})
        return neste

    def lagre(self, a: Tiltaksavtale, *, ny: bool = False) -> None:
        ref = self._ref(dok.TILTAKSAVTALER, a.id)
        self._skriv[f"{dok.TILTAKSAVTALER}/{a.id}"] = ("create" if ny else "set", ref, dok.avtale_til_dokument(a))

    def lagre_versjon(self, avtale_id: str, versjon: Versjon) -> None:
        ref = (
            self._ref(dok.TILTAKSAVTALER, avtale_id).collection(dok.VERSJONER).document(dok.versjon_id(versjon.versjon))
        )
        self._skriv[ref.path] = ("set", ref, dok.versjon_til_dokument(versjon))

    def skriv_hendelse(self, h: Hendelse) -> None:
        self._skriv[f"{dok.HENDELSER}/{h.id}"] = ("set", self._ref(dok.HENDELSER, h.id), dok.hendelse_til_dokument(h))

    def skriv_varsel(self, v: Varsel) -> None:
        vid = dok.varsel_id(v)
        self._skriv[f"{dok.VARSLER}/{vid}"] = ("set", self._ref(dok.VARSLER, vid), dok.varsel_til_dokument(v))

    def skriv_utsending(self, u: Utsending) -> None:
        self._utsendinger.setdefault(u.ekstern_id, dok.utsending_til_dokument(u))

    def skriv(self) -> None:
        """The buffered writes, into the transaction; outbox records that already exist are left alone."""
        if self._utsendinger:
            refs = [self._ref(dok.UTSENDINGER, i) for i in self._utsendinger]
            finnes = {s.id for s in self.db.get_all(refs, transaction=self.tx) if s.exists}
            for ekstern_id, data in self._utsendinger.items():
                if ekstern_id not in finnes:
                    self.tx.create(self._ref(dok.UTSENDINGER, ekstern_id), data)
        for art, ref, data in self._skriv.values():
            if art == "create":
                self.tx.create(ref, data)
            else:
                self.tx.set(ref, data)


class FirestoreTiltaksavtaleRepo:
    def __init__(self, db: firestore.Client, forsok: int = FORSOK) -> None:
        self.db, self.forsok = db, forsok

    def i_transaksjon(self, fn: Callable[[TiltaksavtaleTransaksjon], T]) -> T:
        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> T:
            ftx = FirestoreTiltaksavtaleTransaksjon(self.db, tx)
            resultat = fn(ftx)
            ftx.skriv()
            return resultat

        try:
            svar: T = kjor(self.db.transaction(max_attempts=self.forsok))
        except gexc.Aborted as e:
            raise SamtidigeEndringer() from e
        except ValueError as e:
            # the client's "Failed to commit transaction in N attempts" after repeated ABORTED
            if "attempts" not in str(e):
                raise
            raise SamtidigeEndringer() from e
        return svar

    def hent(self, avtale_id: str) -> Tiltaksavtale | None:
        snap = self.db.collection(dok.TILTAKSAVTALER).document(avtale_id).get()
        return dok.avtale_fra(avtale_id, snap.to_dict() or {}) if snap.exists else None

    def _sok(self, felt: str, verdi: Any, f: Avtalefilter) -> list[Tiltaksavtale]:
        q: Any = self.db.collection(dok.TILTAKSAVTALER).where(
            filter=FieldFilter(felt, "in" if isinstance(verdi, list) else "==", verdi)
        )
        if f.status is not None:
            q = q.where(filter=FieldFilter("status", "==", f.status.value))
        q = q.order_by("sist_endret", direction=firestore.Query.DESCENDING).limit(f.maks)
        return [dok.avtale_fra(s.id, s.to_dict() or {}) for s in q.stream()]

    def finn(self, filter: Avtalefilter) -> list[Tiltaksavtale]:
        """One equality on a party field (+ status) by `sist_endret` DESC (the composite indexes of indekser.py);
        an arbeidsgiver's orgnr in chunks of 30. `tiltakstype` is filtered here."""
        treff: list[Tiltaksavtale] = []
        if filter.bedrift_nr is not None:
            orgnr = sorted(filter.bedrift_nr)
            for i in range(0, len(orgnr), IN_MAKS):
                treff += self._sok("bedrift_nr", orgnr[i : i + IN_MAKS], filter)
        elif filter.deltaker_fnr is not None:
            treff = self._sok("deltaker_fnr", filter.deltaker_fnr, filter)
        elif filter.mentor_fnr is not None:
            treff = self._sok("mentor_fnr", filter.mentor_fnr, filter)
        elif filter.veileder_navident is not None:
            treff = self._sok("veileder_navident", filter.veileder_navident, filter)
        if filter.tiltakstype is not None:
            treff = [a for a in treff if a.tiltakstype == filter.tiltakstype]
        treff.sort(key=lambda a: a.sist_endret, reverse=True)
        return treff[: filter.maks]

    def versjoner(self, avtale_id: str) -> list[Versjon]:
        samling = self.db.collection(dok.TILTAKSAVTALER).document(avtale_id).collection(dok.VERSJONER)
        return [dok.versjon_fra(s.to_dict() or {}) for s in sorted(samling.stream(), key=lambda s: s.id)]

    def varsler(self, avtale_ider: Iterable[str], rolle: Rolle, mottaker: str | None) -> list[Varsel]:
        ider = sorted(set(avtale_ider))
        ut: list[Varsel] = []
        for i in range(0, len(ider), IN_MAKS):
            q = self.db.collection(dok.VARSLER).where(filter=FieldFilter("avtale_id", "in", ider[i : i + IN_MAKS]))
            for s in q.stream():
                data = s.to_dict() or {}
                if data.get("mottaker_rolle") == rolle.value and (mottaker is None or data.get("mottaker") == mottaker):
                    ut.append(dok.varsel_fra(data))
        return sorted(ut, key=lambda v: v.opprettet, reverse=True)

    def ider_for_daglig_jobb(self) -> list[str]:
        q = self.db.collection(dok.TILTAKSAVTALER).where(filter=FieldFilter("status", "in", AKTIVE)).select([])
        return [s.id for s in q.stream()]

    def utsendinger(self, ider: Sequence[str]) -> list[Utsending]:
        refs = [self.db.collection(dok.UTSENDINGER).document(i) for i in ider]
        return [dok.utsending_fra(s.to_dict() or {}) for s in self.db.get_all(refs) if s.exists]
