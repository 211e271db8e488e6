"""Firestore reads and transactional writes of the arrangør API (the `ArrangorRepo` port, domene.md §8).

The claims list reads one arrangørindeks document per granted orgnr (`grunnlagsindeks.py`: the list fields of every
claim, the gjennomføringer's names, the arrangør's name), so a list of 1 000 claims is one read and never moves the
calculations; every claim writer keeps it in step through `grunnlagsindeks.indekser_utbetaling`. Lines are read
by id through their per-claim index. Writes run in one transaction with a compare-and-set on `updated_at` and write
their index entries (`grunnlagsindeks.indekser_utbetaling`), their endringshistorikk entry (and
`arkiveringer/{id}` when a claim is sent in) in the same commit. A change with `i_samme_transaksjon` (godkjenn's
AFT/VTA path) gets a `FirestoreNavTransaksjon` on the same transaction: its reads run after the claim's, its
buffered writes (lines, tilsagn, outbox) are committed with the claim, which is written once.

Collections read here that the Nav side (issue 6) writes: `utbetalingslinjer` {utbetaling_id, tilsagn_id,
fakturanummer, lopenummer, status, belop} and `utbetalingslinje_indekser/{utbetaling_id}`. `vedlegg/{id}` is
written here (§8.4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import dokument_id
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore import grunnlagsindeks as gi
from shared.adapters.firestore.repo import _UTEN_BEREGNING
from shared.adapters.firestore.samtidighet import INGEN_SVAR, kjor_transaksjon, med_skrivekrav
from shared.adapters.nav.repo import LINJEINDEKS, FirestoreNavTransaksjon
from shared.domain.grunnlag.arrangor import Arrangor
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.service.arrangor.ports import Endring, Linje, Oversikt, Vedlegg, VedleggBrukt
from shared.service.ports import KontoregisterFeil

LINJER = "utbetalingslinjer"
VEDLEGG = "vedlegg"
ARKIVERINGER = dok.ARKIVERINGER
IN_MAKS = 30
"""Firestore's limit on the values of one `in` filter."""
SENDT_INN = "Utbetaling sendt inn"
_LISTEFELT = [*_UTEN_BEREGNING, "avbrytelse", "regenerert_id", "regenerert_fra_id", "vedlegg"]


def _lik(felt: str, verdi: Any) -> FieldFilter:
    return FieldFilter(felt, "==", verdi)


def _vedlegg_dokument(v: Vedlegg) -> dict[str, Any]:
    return {"orgnr": v.orgnr, "gjennomforing_id": v.gjennomforing_id, "bruker": v.bruker, "filnavn": v.filnavn,
            "storrelse": v.storrelse, "opprettet": v.opprettet, "brukt_av": v.brukt_av}  # fmt: skip


def _overlapper(data: dict[str, Any], u: Utbetaling) -> bool:
    """A non-AVBRUTT claim overlapping `u`'s period (dates as ISO strings compare as dates)."""
    p = data.get("periode") or {}
    start, slutt = str(p.get("start")), str(p.get("slutt"))
    return (
        data.get("status") != "AVBRUTT" and start < u.periode_slutt.isoformat() and u.periode_start.isoformat() < slutt
    )


def _bestillingsnummer(linje: dict[str, Any]) -> str:
    """The Nav side stores `fakturanummer` = "{bestillingsnummer}-{lopenummer}" (utbetalingslinje.py), not the
    bestillingsnummer itself."""
    if linje.get("bestillingsnummer"):
        return str(linje["bestillingsnummer"])
    nummer, hale = str(linje.get("fakturanummer") or ""), f"-{linje.get('lopenummer')}"
    return nummer[: -len(hale)] if linje.get("lopenummer") is not None and nummer.endswith(hale) else ""


def _biter(ider: Sequence[str]) -> list[list[str]]:
    unike = list(dict.fromkeys(ider))
    return [unike[i : i + IN_MAKS] for i in range(0, len(unike), IN_MAKS)]


class FirestoreArrangorRepo:
    def __init__(self, klient: firestore.Client) -> None:
        self.db = klient
        self.lesinger = 0
        """Documents read (for the benchmark's reads per request)."""

    def _strom(self, q: Any) -> list[Any]:
        ut = list(q.stream())
        self.lesinger += max(1, len(ut))
        return ut

    def _get_all(self, refs: list[Any], felt: list[str] | None = None) -> list[Any]:
        ut = [s for s in self.db.get_all(refs, field_paths=felt) if s.exists] if refs else []
        self.lesinger += len(refs)
        return ut

    # -------------------------------------------------------------- claims
    def oversikt(self, orgnr: Sequence[str]) -> Oversikt:
        """The organisations' claims (list fields), gjennomføringer and names from their arrangørindeks documents
        (grunnlagsindeks.py): one `get_all`, one document per orgnr, no query."""
        ut = Oversikt([], {}, {})
        refs = [gi.arrangor_ref(self.db, o) for o in dict.fromkeys(orgnr)]
        for snap in self._get_all(refs):
            data = snap.to_dict() or {}
            ut.utbetalinger += gi.arrangor_krav(data, snap.id)
            for gid, entry in gi.arrangor_oppføringer(data, "gjennomforinger").items():
                if entry.get("status") and entry.get("arrangor_orgnr") == snap.id:
                    ut.gjennomforinger[gid] = dok.gjennomforing_fra(gid, entry)
            a = data.get("arrangor")
            if isinstance(a, dict) and a.get("navn"):
                ut.arrangorer[snap.id] = Arrangor.model_validate({**a, "organisasjonsnummer": snap.id})
        return ut

    def utbetalinger_for_orgnr(self, orgnr: str) -> list[Utbetaling]:
        return self.oversikt([orgnr]).utbetalinger

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        if not dokument_id.godtatt(utbetaling_id):
            return None
        snap = self.db.collection(dok.UTBETALINGER).document(utbetaling_id).get()
        self.lesinger += 1
        return dok.utbetaling_fra(snap.id, snap.to_dict() or {}) if snap.exists else None

    def utbetalinger_for_gjennomforing(self, gjennomforing_id: str) -> list[Utbetaling]:
        q = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=_lik("gjennomforing_id", gjennomforing_id))
            .select(_LISTEFELT)
        )
        return [dok.utbetaling_fra(s.id, s.to_dict() or {}) for s in self._strom(q)]

    # -------------------------------------------------------- gjennomføring
    def gjennomforinger(self, ider: Sequence[str]) -> dict[str, Gjennomforing]:
        refs = [self.db.collection(dok.GJENNOMFORINGER).document(i) for i in dict.fromkeys(ider)]
        ut = {}
        for s in self._get_all(refs):
            data = s.to_dict()
            if not dok.er_gravstein(data) and data and "status" in data:
                ut[s.id] = dok.gjennomforing_fra(s.id, data)
        return ut

    def gjennomforinger_for_orgnr(self, orgnr: str) -> list[Gjennomforing]:
        q = self.db.collection(dok.GJENNOMFORINGER).where(filter=_lik("arrangor_orgnr", orgnr))
        ut = []
        for s in self._strom(q):
            data = s.to_dict()
            if not dok.er_gravstein(data) and data and "status" in data:
                ut.append(dok.gjennomforing_fra(s.id, data))
        return ut

    def arrangorer(self, orgnr: Sequence[str]) -> dict[str, Arrangor]:
        """By orgnr from the arrangørindeks documents (the arrangør documents are keyed by id, not orgnr)."""
        ut: dict[str, Arrangor] = {}
        for snap in self._get_all([gi.arrangor_ref(self.db, o) for o in dict.fromkeys(orgnr)], ["arrangor"]):
            a = (snap.to_dict() or {}).get("arrangor")
            if isinstance(a, dict) and a.get("navn"):
                ut[snap.id] = Arrangor.model_validate({**a, "organisasjonsnummer": snap.id})
        return ut

    # --------------------------------------------------------------- tilsagn
    def tilsagn_for_gjennomforinger(self, ider: Sequence[str]) -> list[Tilsagn]:
        ut = []
        for bit in _biter(ider):
            q = self.db.collection(dok.TILSAGN).where(filter=FieldFilter("gjennomforing_id", "in", bit))
            ut += [dok.tilsagn_fra(s.id, s.to_dict() or {}) for s in self._strom(q)]
        return ut

    def hent_tilsagn(self, tilsagn_id: str) -> Tilsagn | None:
        if not dokument_id.godtatt(tilsagn_id):
            return None
        snap = self.db.collection(dok.TILSAGN).document(tilsagn_id).get()
        self.lesinger += 1
        return dok.tilsagn_fra(snap.id, snap.to_dict() or {}) if snap.exists else None

    # ----------------------------------------------------------- deltakelser
    def deltakelser(self, ider: Sequence[str]) -> dict[str, Deltakelse]:
        refs = [self.db.collection(dok.DELTAKELSER).document(i) for i in dict.fromkeys(ider)]
        ut = {}
        for s in self._get_all(refs):
            data = s.to_dict()
            if not dok.er_gravstein(data) and data:
                ut[s.id] = dok.deltakelse_fra(s.id, data)
        return ut

    def deltakelser_for_gjennomforing(self, gjennomforing_id: str, fra: str) -> list[Deltakelse]:
        q = (
            self.db.collection(dok.DELTAKELSER)
            .where(filter=_lik("gjennomforing_id", gjennomforing_id))
            .where(filter=FieldFilter("tellende_til", ">=", fra))
        )
        return [
            dok.deltakelse_fra(s.id, s.to_dict() or {})
            for s in self._strom(q)
            if not (s.to_dict() or {}).get("slettet")
        ]

    def ventende_forslag(self, gjennomforing_id: str) -> list[Forslag]:
        q = (
            self.db.collection(dok.FORSLAG)
            .where(filter=_lik("gjennomforing_id", gjennomforing_id))
            .where(filter=_lik("status", "VENTER_PA_SVAR"))
        )
        return [dok.forslag_fra(s.id, s.to_dict() or {}) for s in self._strom(q)]

    def linjer(self, utbetaling_ider: Sequence[str]) -> list[Linje]:
        """By id: the claims' line indexes (nav_firestore.LINJEINDEKS), then their lines; no query."""
        indekser = self._get_all([self.db.collection(LINJEINDEKS).document(i) for i in dict.fromkeys(utbetaling_ider)])
        linje_ider = [str(lid) for s in indekser for lid in (s.to_dict() or {}).get("linje_ider", [])]
        ut = []
        if linje_ider:
            for s in self._get_all([self.db.collection(LINJER).document(i) for i in linje_ider]):
                d = s.to_dict() or {}
                ut.append(
                    Linje(
                        id=s.id,
                        utbetaling_id=str(d.get("utbetaling_id")),
                        tilsagn_id=str(d.get("tilsagn_id")),
                        bestillingsnummer=_bestillingsnummer(d),
                        status=str(d.get("status")),
                        status_endret=d.get("status_endret"),
                        belop=int(d.get("belop") or 0),
                    )
                )
        return ut

    def kontonummer(self, orgnr: str) -> str | None:
        try:
            snap = self.db.collection(dok.KONTOREGISTER).document(orgnr).get()
        except gexc.GoogleAPICallError as e:
            raise KontoregisterFeil("kontoregisteret svarte ikke") from e
        self.lesinger += 1
        verdi = (snap.to_dict() or {}).get("kontonummer") if snap.exists else None
        return str(verdi) if verdi else None

    # ---------------------------------------------------------------- writes
    def endre_utbetaling(
        self, utbetaling_id: str, endring: Callable[[Utbetaling], Endring], utfort_av: str = "ARRANGOR"
    ) -> Endring:
        ref = self.db.collection(dok.UTBETALINGER).document(utbetaling_id)

        def proverun() -> Any:
            snap = ref.get()
            if not snap.exists:
                return Endring()
            e = endring(dok.utbetaling_fra(snap.id, snap.to_dict() or {}))
            return e if e.ny is None else INGEN_SVAR

        def skriv() -> Endring:
            return kjor_transaksjon(self.db, lambda tx: self._endre_i(tx, ref, endring, utfort_av))

        return med_skrivekrav(self.db, f"utbetaling/{utbetaling_id}", skriv, proverun)

    def _endre_i(
        self, tx: firestore.Transaction, ref: Any, endring: Callable[[Utbetaling], Endring], utfort_av: str
    ) -> Endring:
        snap = ref.get(transaction=tx)
        if not snap.exists:
            return Endring()
        lagret = dok.utbetaling_fra(snap.id, snap.to_dict() or {})
        e = endring(lagret)
        if e.ny is None:
            return e
        skrives, ntx = e.ny, None
        if e.i_samme_transaksjon is not None:
            tidspunkt = e.ny.updated_at
            ntx = FirestoreNavTransaksjon(self.db, tx, lambda: tidspunkt)
            skrives = e.i_samme_transaksjon(ntx, e.ny)
        tx.set(ref, dok.utbetaling_til_dokument(skrives))
        gi.indekser_utbetaling(tx, self.db, skrives, lagret)
        historikk = self.db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(e.ny, e.operasjon))
        tx.create(historikk, dok.historikk_dokument(e.ny, e.operasjon, e.ny.updated_at, utfort_av))
        if e.arkiver:
            self._arkiver(tx, skrives)
        if ntx is not None:
            ntx.skriv()
        return replace(e, ny=skrives)

    def _arkiver(self, tx: Any, u: Utbetaling) -> None:
        tx.set(
            self.db.collection(ARKIVERINGER).document(u.id),
            {"utbetaling_id": u.id, "opprettet": u.updated_at, "status": "VENTER", "vedlegg": list(u.vedlegg)},
        )

    def opprett_krav(
        self, u: Utbetaling, vedlegg_ider: Sequence[str], nye: Sequence[Vedlegg], bruker: str, unik_periode: bool
    ) -> None:
        refs = [self.db.collection(VEDLEGG).document(v) for v in vedlegg_ider]
        samme = (
            self.db.collection(dok.UTBETALINGER)
            .where(filter=_lik("gjennomforing_id", u.gjennomforing_id))
            .select(["periode", "status"])
        )

        def sjekk(tx: firestore.Transaction | None) -> None:
            _sjekk_vedlegg([r.get(transaction=tx) for r in refs], bruker)
            if unik_periode and any(_overlapper(s.to_dict() or {}, u) for s in samme.get(transaction=tx)):
                raise VedleggBrukt("periode")

        def proverun() -> Any:
            sjekk(None)
            return INGEN_SVAR

        def kjor(tx: firestore.Transaction) -> None:
            sjekk(tx)
            tx.create(self.db.collection(dok.UTBETALINGER).document(u.id), dok.utbetaling_til_dokument(u))
            gi.indekser_utbetaling(tx, self.db, u)
            historikk = self.db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(u, SENDT_INN))
            tx.create(historikk, dok.historikk_dokument(u, SENDT_INN, u.updated_at, "ARRANGOR"))
            for r in refs:
                tx.update(r, {"brukt_av": u.id})
            for v in nye:
                tx.create(self.db.collection(VEDLEGG).document(v.id), _vedlegg_dokument(v) | {"brukt_av": u.id})
            self._arkiver(tx, u)

        med_skrivekrav(
            self.db, f"gjennomforing/{u.gjennomforing_id}/krav", lambda: kjor_transaksjon(self.db, kjor), proverun
        )

    def lagre_vedlegg(self, v: Vedlegg) -> None:
        self.db.collection(VEDLEGG).document(v.id).create(_vedlegg_dokument(v))

    def hent_avtale(self, avtale_id: str) -> Avtale | None:
        snap = self.db.collection(dok.AVTALER).document(avtale_id).get()
        self.lesinger += 1
        data = snap.to_dict() if snap.exists else None
        return None if dok.er_gravstein(data) or data is None else dok.avtale_fra(snap.id, data)

    def hent_vedlegg(self, ider: Sequence[str]) -> dict[str, Vedlegg]:
        refs = [self.db.collection(VEDLEGG).document(i) for i in dict.fromkeys(ider) if dokument_id.godtatt(i)]
        ut = {}
        for s in self._get_all(refs):
            d = s.to_dict() or {}
            ut[s.id] = Vedlegg(
                id=s.id,
                orgnr=d["orgnr"],
                gjennomforing_id=d["gjennomforing_id"],
                bruker=d["bruker"],
                filnavn=d["filnavn"],
                storrelse=int(d["storrelse"]),
                opprettet=d["opprettet"],
                brukt_av=d.get("brukt_av"),
            )
        return ut

    def opprett_regenerert(self, gammel: Utbetaling, ny: Utbetaling) -> bool:
        """The new GENERERT claim (create-only) and the link on the old one, guarded by the old updated_at."""
        ref_gammel = self.db.collection(dok.UTBETALINGER).document(gammel.id)
        ref_ny = self.db.collection(dok.UTBETALINGER).document(ny.id)

        @firestore.transactional
        def kjor(tx: firestore.Transaction) -> bool:
            snap = ref_gammel.get(transaction=tx)
            if not snap.exists or (snap.to_dict() or {}).get("updated_at") != gammel.updated_at:
                return False
            if ref_ny.get(transaction=tx).exists:
                return False
            oppdatert = gammel.model_copy(update={"regenerert_id": ny.id, "updated_at": ny.updated_at})
            tx.set(ref_gammel, dok.utbetaling_til_dokument(oppdatert))
            gi.indekser_utbetaling(tx, self.db, oppdatert, gammel)
            tx.create(ref_ny, dok.utbetaling_til_dokument(ny))
            gi.indekser_utbetaling(tx, self.db, ny)
            historikk = self.db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(ny, "Utbetaling opprettet"))
            tx.create(historikk, dok.historikk_dokument(ny, "Utbetaling opprettet", ny.updated_at, "ARRANGOR"))
            return True

        ok: bool = kjor(self.db.transaction())
        return ok

    def lagre_delegering(self, bruker_hmac: str, organisasjoner: Sequence[str]) -> None:
        """Local Altinn (tests, demo): delegations keyed by the HMAC of the pid, never the pid."""
        self.db.collection("altinn_delegeringer").document(bruker_hmac).set({"organisasjoner": list(organisasjoner)})


def _sjekk_vedlegg(snaps: Sequence[Any], bruker: str) -> None:
    """Each uploaded vedlegg exists, is the user's own and is not used by another claim yet (§8.4)."""
    for s in snaps:
        d = s.to_dict() or {}
        if not s.exists or d.get("brukt_av") or d.get("bruker") != bruker:
            raise VedleggBrukt(s.id)
