"""Per-gjennomføring index documents, so generation and recalculation read by document id and never by a collection
query (the Firestore emulator scans the whole database for any query; in production exact reads need no composite
index either). The layout is in docs/datamodell.md.

- `grunnlagsindekser/{gjennomforing_id}`: the ids of the gjennomføring's counted deltakelser (with `tellende_til`),
  its VENTER_PA_SVAR forslag, its tilsagn (with their period) and its claims (with what the skip rule, the KID
  carry-forward and the recalculation need), plus `sist_endret`, set (server time, blind) by every write of a
  deltakelse, forslag or tilsagn of the gjennomføring, so "did any input change since t0" reads this document, the
  gjennomføring and its avtale, never the members.
- `generering_kandidater/{shard}`: every gjennomføring that can get a generated claim (not deleted, not AVLYST, a
  generated prismodell) with its dates, in 16 shards by the first hex digit of the id (~450 entries, ~45 KiB each).

Every write of a member document calls ONE function here in the same transaction or batch, and the function writes
only when the entry changes (membership, `tellende_til`, period, status), so an ordinary update of a deltakelse never
touches the shared index document. Writes are blind merges of one map entry (no read of the index), so concurrent
writers of one gjennomføring never contend on a read lock. Readers treat the index as a superset hint: every
document read by id is checked against its own data (gjennomforing_id, status, tombstone).

- `arrangorindekser/{orgnr}`: per organisation, `utbetalinger.{id}` (the list fields of every claim, as a JSON
  string), `gjennomforinger.{id}` (names and codes, a JSON string) and `arrangor` (id, versjon, navn), so the
  arrangør API's claims list reads one document per granted orgnr. The claim entry is written by the same calls
  as the claim's grunnlagsindeks entry.

Writers outside this module: ingest and generation (firestore/repo.py), the arrangør API (arrangor/repo.py), the
Nav API (nav/repo.py). A writer that buffers its writes can queue what `*_skriving` returns instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

from google.cloud import firestore

from shared.domain.generering.regler import kan_generere
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling

GRUNNLAGSINDEKSER = "grunnlagsindekser"
KANDIDATINDEKSER = "generering_kandidater"
ARRANGORINDEKSER = "arrangorindekser"
"""`{orgnr}`: what the arrangør API's lists show (claims, gjennomføringer, the arrangør), one read per orgnr."""
GJENNOMFORINGSFELT = (
    "versjon", "lopenummer", "navn", "tiltakskode", "arrangor_orgnr", "avtale_id", "start_dato", "slutt_dato",
    "status", "prismodell", "valuta",
)  # fmt: skip

Dokument = dict[str, Any]
Skriving = tuple[Any, Dokument]
"""(document reference, data for `set(..., merge=True)`)."""


class Skriver(Protocol):
    """A Firestore Transaction or WriteBatch."""

    def set(self, reference: Any, document_data: Dokument, merge: bool = ...) -> Any: ...


def indeks_ref(db: firestore.Client, gjennomforing_id: str) -> Any:
    return db.collection(GRUNNLAGSINDEKSER).document(gjennomforing_id)


def kandidat_shard(gjennomforing_id: str) -> str:
    forste = gjennomforing_id[:1].lower()
    return forste if forste in "0123456789abcdef" and forste else "0"


def _skriv(skriver: Skriver, skriving: Skriving | None) -> None:
    if skriving is not None:
        skriver.set(skriving[0], skriving[1], merge=True)


def _verdi(v: Any) -> Any:
    return firestore.DELETE_FIELD if v is None else v


# ------------------------------------------------------------------------------------------ sist_endret


def endret_skriving(db: firestore.Client, gjennomforing_id: str) -> Skriving:
    """`sist_endret` = server time on the gjennomføring's index document: a blind merge of one field (no read, so
    concurrent writers do not contend). With every write of a deltakelse or forslag, in its transaction, so the
    late-change check reads the index document instead of every member; tilsagn index writes always carry it."""
    return indeks_ref(db, gjennomforing_id), {"sist_endret": firestore.SERVER_TIMESTAMP}


def marker_endret(
    skriver: Skriver, db: firestore.Client, gjennomforing_ider: set[str | None], skrevet: AbstractSet[str] = frozenset()
) -> None:
    """`sist_endret` on each gjennomføring's index document, except those `skrevet` already (an entry write carries
    it: one write per document and commit keeps a burst of changes of one gjennomføring short)."""
    for gid in sorted(g for g in gjennomforing_ider if g and g not in skrevet):
        _skriv(skriver, endret_skriving(db, gid))


# ------------------------------------------------------------------------------------------ deltakelser


def deltakelse_skrivinger(
    db: firestore.Client,
    deltakelse_id: str,
    forrige: tuple[str | None, str | None],
    ny: tuple[str | None, str | None],
) -> list[Skriving]:
    """(gjennomforing_id, tellende_til) before and after the write; only counted deltakelser are listed."""
    if forrige == ny:
        return []
    ut: list[Skriving] = []
    (fgid, ftt), (ngid, ntt) = forrige, ny
    if fgid and fgid != ngid and ftt:
        ut.append((indeks_ref(db, fgid), {"deltakelser": {deltakelse_id: firestore.DELETE_FIELD},
                                          "sist_endret": firestore.SERVER_TIMESTAMP}))  # fmt: skip
    if ngid and (ntt or (fgid == ngid and ftt)):
        ut.append((indeks_ref(db, ngid), {"deltakelser": {deltakelse_id: _verdi(ntt)},
                                          "sist_endret": firestore.SERVER_TIMESTAMP}))  # fmt: skip
    return ut


def indekser_deltakelse(
    skriver: Skriver,
    db: firestore.Client,
    deltakelse_id: str,
    forrige: tuple[str | None, str | None],
    ny: tuple[str | None, str | None],
) -> set[str]:
    """Returns the gjennomføringer whose index document was written."""
    skrivinger = deltakelse_skrivinger(db, deltakelse_id, forrige, ny)
    for s in skrivinger:
        _skriv(skriver, s)
    return {s[0].id for s in skrivinger}


# ------------------------------------------------------------------------------------------ forslag


def indekser_forslag(
    skriver: Skriver,
    db: firestore.Client,
    forslag_id: str,
    forrige: tuple[str | None, bool],
    ny: tuple[str | None, bool],
) -> set[str]:
    """(gjennomforing_id, venter på svar) before and after; only VENTER_PA_SVAR forslag are listed. Returns the
    gjennomføringer whose index document was written."""
    skrevet: set[str] = set()
    if forrige == ny:
        return skrevet
    (fgid, fvent), (ngid, nvent) = forrige, ny
    if fgid and fvent and (fgid != ngid or not nvent):
        _skriv(skriver, (indeks_ref(db, fgid), {"forslag": {forslag_id: firestore.DELETE_FIELD},
                                                "sist_endret": firestore.SERVER_TIMESTAMP}))  # fmt: skip
        skrevet.add(fgid)
    if ngid and nvent and (fgid != ngid or not fvent):
        _skriv(skriver, (indeks_ref(db, ngid), {"forslag": {forslag_id: True},
                                                "sist_endret": firestore.SERVER_TIMESTAMP}))  # fmt: skip
        skrevet.add(ngid)
    return skrevet


# ------------------------------------------------------------------------------------------ tilsagn


def _tilsagn_oppføring(t: Tilsagn) -> Dokument:
    return {"start": t.periode_start.isoformat(), "slutt": t.periode_slutt.isoformat()}


def tilsagn_skriving(db: firestore.Client, t: Tilsagn, forrige: Tilsagn | None = None) -> Skriving:
    """The index write for a tilsagn write: `sist_endret` always (a status change alters a claim), the entry only
    when it (gjennomføring, period) changed or without `forrige` (a blind writer)."""
    if forrige is not None and forrige.gjennomforing_id == t.gjennomforing_id:
        if _tilsagn_oppføring(forrige) == _tilsagn_oppføring(t):
            return endret_skriving(db, t.gjennomforing_id)
    return indeks_ref(db, t.gjennomforing_id), {
        "tilsagn": {t.id: _tilsagn_oppføring(t)},
        "sist_endret": firestore.SERVER_TIMESTAMP,
    }


def indekser_tilsagn(skriver: Skriver, db: firestore.Client, t: Tilsagn, forrige: Tilsagn | None = None) -> None:
    """Call with every write of `tilsagn/{id}` (create, update), in the same transaction or batch."""
    _skriv(skriver, tilsagn_skriving(db, t, forrige))


def fjern_tilsagn(skriver: Skriver, db: firestore.Client, gjennomforing_id: str, tilsagn_id: str) -> None:
    """Call with the delete of `tilsagn/{id}`."""
    _skriv(skriver, (indeks_ref(db, gjennomforing_id), {"tilsagn": {tilsagn_id: firestore.DELETE_FIELD},
                                                        "sist_endret": firestore.SERVER_TIMESTAMP}))  # fmt: skip


# ------------------------------------------------------------------------------------------ utbetalinger


def utbetaling_oppføring(u: Utbetaling) -> Dokument:
    """What the skip rule (period, tilskuddstype, korreksjon), the KID carry-forward (innsendt, created_at) and the
    recalculation (status, maned) need to pick the claims to read."""
    return {
        "start": u.periode_start.isoformat(),
        "slutt": u.periode_slutt.isoformat(),
        "maned": u.maned,
        "tilskuddstype": u.tilskuddstype.value,
        "status": u.status.value,
        "opprinnelse": u.opprinnelse.value,
        "korreksjon": u.er_korreksjon,
        "innsendt": u.innsendt_tidspunkt,
        "created_at": u.created_at,
    }


def arrangor_ref(db: firestore.Client, orgnr: str) -> Any:
    return db.collection(ARRANGORINDEKSER).document(orgnr)


def _json_verdi(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


ARRANGOR_UTELATT = frozenset({"beregning_gz", "begrunnelse_mindre_betalt", "kommentar", "journalpost_id"})
"""Claim fields the list never shows, left out of the arrangørindeks entry."""


def arrangor_oppføring(u: Utbetaling) -> str:
    """The claim's list fields as the model's own JSON: one string value per claim, because the client decodes a
    string far faster than a map of 20 fields, and pydantic validates it in one call (1 000 claims: a few ms instead
    of ~1 s)."""
    return u.model_dump_json(exclude=set(ARRANGOR_UTELATT))


@lru_cache(maxsize=20_000)
def _krav_fra_json(entry: str) -> Utbetaling:
    """An index entry is the claim's own JSON and `Utbetaling` is frozen, so an entry seen before (the same text)
    is the same claim: a warm instance validates only the entries that changed since it last read them."""
    return Utbetaling.model_validate_json(entry)


def arrangor_krav(data: Mapping[str, Any] | None, orgnr: str) -> list[Utbetaling]:
    """The claims of one arrangørindeks document (without the left-out fields), by id."""
    ut = []
    for uid, entry in sorted(((data or {}).get("utbetalinger") or {}).items()):
        if isinstance(entry, str):
            u = _krav_fra_json(entry)
            if u.id == uid and u.arrangor_orgnr == orgnr:
                ut.append(u)
    return ut


def arrangor_oppføringer(data: Mapping[str, Any] | None, felt: str) -> dict[str, Dokument]:
    """{id: fields} of the `gjennomforinger` map of one arrangørindeks document."""
    ut = {}
    for dok_id, entry in ((data or {}).get(felt) or {}).items():
        if isinstance(entry, str):
            ut[str(dok_id)] = json.loads(entry)
    return ut


def arrangor_skriving(db: firestore.Client, u: Utbetaling, forrige: Utbetaling | None = None) -> Skriving | None:
    """The arrangørindeks write for a claim write, or None when its list fields are unchanged (a blind merge of one
    map entry: concurrent writers of one organisation do not contend)."""
    entry = arrangor_oppføring(u)
    if forrige is not None and forrige.arrangor_orgnr == u.arrangor_orgnr and arrangor_oppføring(forrige) == entry:
        return None
    return arrangor_ref(db, u.arrangor_orgnr), {"utbetalinger": {u.id: entry}}


def utbetaling_skrivinger(db: firestore.Client, u: Utbetaling, forrige: Utbetaling | None = None) -> list[Skriving]:
    """Every index write of a claim write: its gjennomføring's entry and its organisation's entry."""
    skrivinger = [utbetaling_skriving(db, u, forrige), arrangor_skriving(db, u, forrige)]
    return [s for s in skrivinger if s is not None]


def utbetaling_skriving(db: firestore.Client, u: Utbetaling, forrige: Utbetaling | None = None) -> Skriving | None:
    """The index write for a claim write, or None when its entry is unchanged. Without `forrige` it is always
    written. Claim entries do not set `sist_endret` (a claim is the output, not the input, of a calculation)."""
    if forrige is not None and utbetaling_oppføring(forrige) == utbetaling_oppføring(u):
        return None
    return indeks_ref(db, u.gjennomforing_id), {"utbetalinger": {u.id: utbetaling_oppføring(u)}}


def indekser_utbetaling(
    skriver: Skriver, db: firestore.Client, u: Utbetaling, forrige: Utbetaling | None = None
) -> None:
    """Call with every create or update of `utbetalinger/{id}`, in the same transaction or batch. A status change
    among the statuses after GENERERT may be left out (readers only rely on "may still be GENERERT"), but a new
    claim, a change of period and the first step out of GENERERT must be indexed. Writes the organisation's entry
    (arrangorindekser) too, whenever a list field changes."""
    for s in utbetaling_skrivinger(db, u, forrige):
        _skriv(skriver, s)


def fjern_utbetaling(
    skriver: Skriver, db: firestore.Client, gjennomforing_id: str, utbetaling_id: str, orgnr: str | None = None
) -> None:
    """Call with the delete of `utbetalinger/{id}`."""
    _skriv(skriver, (indeks_ref(db, gjennomforing_id), {"utbetalinger": {utbetaling_id: firestore.DELETE_FIELD}}))
    if orgnr:
        _skriv(skriver, (arrangor_ref(db, orgnr), {"utbetalinger": {utbetaling_id: firestore.DELETE_FIELD}}))


def indekser_arrangor_gjennomforing(
    skriver: Skriver,
    db: firestore.Client,
    gjennomforing_id: str,
    forrige: Mapping[str, Any] | None,
    ny: Mapping[str, Any] | None,
) -> None:
    """The gjennomføring document before and after an ingest write (merged, None = absent or tombstone): its entry in
    its organisation's arrangørindeks, moved when the orgnr changes, removed with the gjennomføring."""
    gammel_org, ny_org = (forrige or {}).get("arrangor_orgnr"), (ny or {}).get("arrangor_orgnr")
    entry = {k: (ny or {}).get(k) for k in GJENNOMFORINGSFELT} if ny and "status" in ny else None
    gammel = {k: (forrige or {}).get(k) for k in GJENNOMFORINGSFELT} if forrige and "status" in forrige else None
    if gammel_org and (gammel_org != ny_org or entry is None) and gammel is not None:
        _skriv(skriver, (arrangor_ref(db, gammel_org), {"gjennomforinger": {gjennomforing_id: firestore.DELETE_FIELD}}))
    if ny_org and entry is not None and (entry != gammel or gammel_org != ny_org):
        tekst = json.dumps(entry, default=_json_verdi, separators=(",", ":"))
        _skriv(skriver, (arrangor_ref(db, ny_org), {"gjennomforinger": {gjennomforing_id: tekst}}))


def indekser_arrangor(skriver: Skriver, db: firestore.Client, arrangor_id: str, ny: Mapping[str, Any] | None) -> None:
    """An arrangør ingest write (merged document; None = tombstone): the organisation's name for the lists."""
    orgnr = (ny or {}).get("organisasjonsnummer")
    if orgnr:
        entry = {"id": arrangor_id} | {k: (ny or {}).get(k) for k in ("versjon", "navn", "overordnet_enhet")}
        _skriv(skriver, (arrangor_ref(db, orgnr), {"arrangor": entry}))


# ------------------------------------------------------------------------------------------ candidates


def _kandidat_oppføring(data: Mapping[str, Any] | None) -> Dokument | None:
    if not data or "status" not in data or not data.get("start_dato"):
        return None
    if not kan_generere(data.get("status"), data.get("prismodell"), bool(data.get("slettet"))):
        return None
    return {"start": data.get("start_dato"), "slutt": data.get("slutt_dato")}


def indekser_gjennomforing(
    skriver: Skriver,
    db: firestore.Client,
    gjennomforing_id: str,
    forrige: Mapping[str, Any] | None,
    ny: Mapping[str, Any] | None,
) -> None:
    """The gjennomføring document before and after the write (merged); writes the candidate entry when it changes."""
    gammel, entry = _kandidat_oppføring(forrige), _kandidat_oppføring(ny)
    if gammel == entry:
        return
    ref = db.collection(KANDIDATINDEKSER).document(kandidat_shard(gjennomforing_id))
    _skriv(skriver, (ref, {"gjennomforinger": {gjennomforing_id: entry if entry else firestore.DELETE_FIELD}}))


def kandidat_oppføringer(data: Mapping[str, Any] | None) -> dict[str, tuple[str, str | None]]:
    """{gjennomforing_id: (start_dato, slutt_dato)} of one shard document."""
    ut = {}
    for gid, e in ((data or {}).get("gjennomforinger") or {}).items():
        if isinstance(e, dict) and e.get("start"):
            ut[str(gid)] = (str(e["start"]), e.get("slutt"))
    return ut
