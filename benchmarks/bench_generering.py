"""Benchmark of the monthly run (issue 4): load the §13 sizing into the Firestore emulator, run the month the
production way (scheduler message → fan-out on Pub/Sub → functions host workers → last claim written), measure the
floor (read the same input documents and write the same output documents, best batching, from `GULV_PROSESSER`
client processes so that the client's GIL does not bound it; its reading once before and once after the run, as the
machine's speed drifts over minutes), and recalculation latency. The input documents are those the run reads, taken
before the run (afterwards the grunnlag would also list the claims the run wrote).
The output documents are all the run wrote: the claims and their history entries, the index documents they
touched, and what paying the TAO claims at once wrote (lines, FAKTURA records, tilsagn, ...), read back by id.

    make bench-generering                      # inside `python -m emulators med-stack`, OMBEREGNING_FORSINKELSE_S=1
    python benchmarks/bench_generering.py --skala 0.1

The end of the run is the latest `created_at` of the month's claims (the worker's clock just before its write; the
host runs on this machine). Completion is detected by reading the expected claim ids (UUIDv5 of every candidate) by
id every few seconds, never by a count query, which would scan the whole database and slow the run it measures.
Prints run time, floor, Firestore reads and writes per claim, recalculation p50/p95, and `ratio=<run/floor>` last.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulators import eksempeldata  # noqa: E402
from emulators.klargjoring import STANDARD_MANIFEST, frigi_prosjekt, klargjor_prosjekt  # noqa: E402
from emulators.konfig import les_konfig  # noqa: E402
from shared import topics  # noqa: E402
from shared.config import nullstill_settings  # noqa: E402
from shared.domain.grunnlag.gjennomforing import StengtPeriode  # noqa: E402
from shared.domain.tilsagn.tilsagn import Tilsagn  # noqa: E402

TRADER = 8
"""Threads per floor process."""
GULV_PROSESSER = int(os.environ.get("BENCH_GULV_PROSESSER", "3"))
"""Processes the floor reads and writes with. In one process the floor was bound by the client's GIL (the bench
process at 1.0 core, the emulator at 0.05–0.5 cores, 0.8 cores idle), not by the emulator. Reading the inputs at
0.3 scale took 12.2 s with 1 process, 6.4–8.5 s with 2, 5.4 s with 3 and 7.6 s with 4."""


def _last(repo: Any, ds: Any) -> None:
    from shared.service.grunnlag.ingest import SKJEMAER, tolk

    for topic in (topics.ARRANGOR, topics.AVTALE, topics.GJENNOMFORING, topics.DELTAKER, topics.FORSLAG):
        meldinger = [tolk(topic, json.dumps(m).encode()) for m in ds.meldinger[topic]]
        deler = [meldinger[i : i + 2000] for i in range(0, len(meldinger), 2000)]
        with ThreadPoolExecutor(8) as pool:
            samling = SKJEMAER[topic].samling
            list(pool.map(lambda d, s=samling: repo.last_inn(s, d), deler))
    tilsagn = [
        Tilsagn.model_validate({**t, "periode_start": t["periode"]["start"], "periode_slutt": t["periode"]["slutt"]})
        for t in ds.tilsagn
    ]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(repo.lagre_tilsagn, tilsagn))
        for gid, stengt in ds.stengt.items():
            perioder = [
                StengtPeriode(id=str(i), start=date.fromisoformat(s["start"]),
                              slutt=date.fromisoformat(s["slutt"]) + timedelta(days=1), beskrivelse=s["beskrivelse"])
                for i, s in enumerate(stengt)
            ]  # fmt: skip
            repo.lagre_stengt(gid, perioder)
        list(pool.map(lambda kv: repo.lagre_kontonummer(*kv), ds.kontonumre.items()))


class Teller:
    """Counts the documents of every get_all and commit of one client (in this process)."""

    def __init__(self, db: Any) -> None:
        self.lest = 0
        self.skrevet = 0
        opprinnelig_get_all: Callable[..., Any] = db.get_all

        def get_all(refs: Any, *a: Any, **k: Any) -> Any:
            refs = list(refs)
            self.lest += len(refs)
            return opprinnelig_get_all(refs, *a, **k)

        db.get_all = get_all


VINDU = 900
"""Ids read per poll while the run is progressing: the first missing ones in fan-out order, which cover the messages
in flight (20 slots × 50 gjennomføringer). Reading every missing id each poll read 3 000 documents a second at the
start, three times the run's own read rate on the same emulator, and slowed the run it measured."""


def _hent(db: Any, refs: list[Any], trader: int, felt: list[str] | None = None) -> list[Any]:
    """Every snapshot of these documents (missing ones too), get_all à 300 in `trader` threads."""
    deler = [refs[i : i + 300] for i in range(0, len(refs), 300)]
    with ThreadPoolExecutor(trader) as pool:
        return [s for bit in pool.map(lambda d: list(db.get_all(d, field_paths=felt)), deler) for s in bit]


def _les_alle(db: Any, refs: list[Any]) -> list[Any]:
    return [s for s in _hent(db, refs, 4) if s.exists]


def _gulv_les(db: Any, stier: list[tuple[str, str]]) -> int:
    """Read these documents by id, get_all à 300 in `TRADER` threads."""
    return len(_hent(db, [db.collection(c).document(i) for c, i in stier], TRADER))


def _gulv_skriv(db: Any, dokumenter: list[tuple[str, str, dict[str, Any]]]) -> int:
    """Create these documents in batches à 400 in `TRADER` threads."""

    def skriv(bit: list[tuple[str, str, dict[str, Any]]]) -> int:
        b = db.batch()
        for c, i, d in bit:
            b.create(db.collection(c).document(i), d)
        b.commit()
        return len(bit)

    with ThreadPoolExecutor(TRADER) as pool:
        return sum(pool.map(skriv, [dokumenter[i : i + 400] for i in range(0, len(dokumenter), 400)]))


_GULVARBEID: dict[str, Callable[[Any, list[Any]], int]] = {"les": _gulv_les, "skriv": _gulv_skriv}
"""What a floor step does, by the first part of its name ("les", "skriv_hoved", ...)."""


def _gulvprosess(kanal: Any) -> None:
    """One floor process: its own client; takes its share of a step (untimed), then runs it on "kjor"."""
    from google.cloud import firestore

    db = firestore.Client()
    list(db.get_all([db.collection("bench_gulv_oppvarming").document("x")]))
    kanal.send("klar")
    andeler: dict[str, list[Any]] = {}
    while (melding := kanal.recv()) is not None:
        if melding[0] == "del":
            andeler[melding[1]] = melding[2]
        else:
            kanal.send(_GULVARBEID[melding[1].split("_")[0]](db, andeler.pop(melding[1])))


class Gulv:
    """`GULV_PROSESSER` floor processes (spawned, clients made, before any clock starts). Each step's elements are
    split over them and handed over untimed; `kjor` times only the reading or writing."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._kanaler = []
        for _ in range(GULV_PROSESSER):
            forelder, barn = ctx.Pipe()
            ctx.Process(target=_gulvprosess, args=(barn,), daemon=True).start()
            self._kanaler.append(forelder)
        assert all(k.recv() == "klar" for k in self._kanaler)

    def kjor(self, steg: str, elementer: list[Any]) -> float:
        for i, k in enumerate(self._kanaler):
            k.send(("del", steg, elementer[i :: len(self._kanaler)]))
        t = time.monotonic()
        for k in self._kanaler:
            k.send(("kjor", steg))
        assert sum(k.recv() for k in self._kanaler) == len(elementer)
        return time.monotonic() - t

    def stopp(self) -> None:
        for k in self._kanaler:
            k.send(None)


def _vent_pa_krav(db: Any, forventet: dict[str, str], start: datetime, maks_s: float) -> dict[str, datetime]:
    """{claim id: created_at} once no new claim has appeared for 8 s (reads by id only, never a query). Each poll
    reads the first `VINDU` missing ids in fan-out order (`forventet`'s order); only a poll that finds nothing new
    there reads all the missing ones, so "nothing new for 8 s" is decided on every id."""
    funnet: dict[str, datetime] = {}
    sist_ny = time.monotonic()
    frist = time.monotonic() + maks_s

    def les(ider: list[str]) -> int:
        refs = [db.collection("utbetalinger").document(u) for u in ider]
        nye = [s for s in _hent(db, refs, 4, ["created_at"]) if s.exists]
        funnet.update((s.id, (s.to_dict() or {})["created_at"]) for s in nye)
        return len(nye)

    while time.monotonic() < frist:
        mangler = [u for u in forventet if u not in funnet]
        if les(mangler[:VINDU]) or len(mangler) > VINDU and les(mangler[VINDU:]):
            sist_ny = time.monotonic()
        if funnet and time.monotonic() - sist_ny > 8 or len(funnet) == len(forventet):
            break
        time.sleep(3)
    return funnet


def _utdokumenter(db: Any, krav_ider: list[str]) -> tuple[list[Any], list[Any], list[Any]]:
    """Every document the run wrote, read back by id (untimed), for the floor to write again: the claims, their
    history entries, the index documents they touched, and what paying the TAO claims at once wrote (line index,
    lines, fakturanummer documents, FAKTURA records, tilsagn, outbox index). A paid TAO claim's three history entries
    have random ids, so they are rebuilt from the claim (same collection, same shape and size)."""
    from shared.adapters.firestore import dokumenter as dok
    from shared.adapters.firestore import grunnlagsindeks as gi
    from shared.adapters.nav import repo as nf
    from shared.domain.utbetaling.utbetaling import UtbetalingStatus
    from shared.domain.utsending.utsending import UtsendingType, utsending_id

    krav = [
        (s.id, s.to_dict() or {})
        for s in _les_alle(db, [db.collection(dok.UTBETALINGER).document(u) for u in krav_ider])
    ]
    modeller = {i: dok.utbetaling_fra(i, d) for i, d in krav}
    betalte = [u for u in modeller.values() if u.status is UtbetalingStatus.FERDIG_BEHANDLET]
    hist_refs = [db.collection(dok.ENDRINGSHISTORIKK).document(dok.historikk_id(u, "Utbetaling opprettet"))
                 for u in modeller.values() if u not in betalte]  # fmt: skip
    historikk = [(s.id, s.to_dict() or {}) for s in _les_alle(db, hist_refs)]
    for u in betalte:
        for status, op in ((UtbetalingStatus.GENERERT, "Utbetaling opprettet"),
                           (UtbetalingStatus.TIL_ATTESTERING, "Utbetaling sendt til attestering"),
                           (UtbetalingStatus.FERDIG_BEHANDLET, "Overført til utbetaling")):  # fmt: skip
            historikk.append((f"{u.id}-{op}", dok.historikk_dokument(u.model_copy(update={"status": status}), op,
                                                                   u.updated_at)))  # fmt: skip
    refs = [gi.indeks_ref(db, u.gjennomforing_id) for u in modeller.values()]
    refs += [gi.arrangor_ref(db, o) for o in sorted({u.arrangor_orgnr for u in modeller.values()})]
    refs += [db.collection(nf.LINJEINDEKS).document(u.id) for u in betalte]
    refs += [db.collection(nf.UTSENDINGSINDEKSER).document(c) for c in nf.SKAAR]
    lest = _les_alle(db, refs)
    linje_ider = [i for s in lest if s.reference.parent.id == nf.LINJEINDEKS for i in (s.to_dict() or {})["linje_ider"]]
    linjer = _les_alle(db, [db.collection(nf.LINJER).document(i) for i in linje_ider])
    nummer = [(s.to_dict() or {})["fakturanummer"] for s in linjer]
    tilsagn = sorted({str((s.to_dict() or {})["tilsagn_id"]) for s in linjer})
    lest += linjer + _les_alle(
        db,
        [db.collection(nf.FAKTURANUMRE).document(nf.nummer_id(n)) for n in nummer]
        + [db.collection(nf.UTSENDINGER).document(utsending_id(UtsendingType.FAKTURA, n)) for n in nummer]
        + [db.collection(dok.TILSAGN).document(t) for t in tilsagn],
    )
    return krav, historikk, [(s.reference.parent.id, s.id, s.to_dict() or {}) for s in lest]


def main() -> int:  # noqa: C901, PLR0915 - one linear script: load, run, floor, recalculation
    p = argparse.ArgumentParser()
    p.add_argument("--skala", type=float, default=float(os.environ.get("BENCH_SKALA", "1.0")))
    p.add_argument("--maned", default="2025-11")
    p.add_argument("--omberegninger", type=int, default=20, help="recalculation samples (p50/p95 need ≥ 10)")
    args = p.parse_args()

    konfig = les_konfig()
    for k, v in konfig.klientmiljo().items():
        os.environ.setdefault(k, v)
    prosjekt = f"demo-bench-{uuid.uuid4().hex[:8]}"
    klargjor_prosjekt(prosjekt, [STANDARD_MANIFEST], konfig)
    os.environ["GOOGLE_CLOUD_PROJECT"] = prosjekt
    nullstill_settings()
    from google.cloud.pubsub_v1 import PublisherClient

    from shared import bootstrap
    from shared.adapters.firestore import dokumenter as dok
    from shared.domain.felles.kodeverk import Prismodell
    from shared.domain.generering.krav import DRIFT
    from shared.domain.generering.regler import maned_periode, utbetaling_id
    from shared.service.generering.opprett_utbetalinger import kandidater
    from shared.service.grunnlag.ingest import ta_imot

    forsinkelse = os.environ.get("OMBEREGNING_FORSINKELSE_S", "30 (standard)")
    repo = bootstrap.repo()
    db = repo.db
    t = time.monotonic()
    ds = eksempeldata.nasjonal(args.maned, skala=args.skala)
    print(f"datasett laget på {time.monotonic() - t:.1f} s: {ds.antall()}", flush=True)
    t = time.monotonic()
    _last(repo, ds)
    print(f"lastet på {time.monotonic() - t:.1f} s (skala {args.skala})", flush=True)

    ider = kandidater(args.maned, repo)
    ns = bootstrap.navnerom()
    forventet = {utbetaling_id(ns, g, args.maned, DRIFT): g for g in ider}

    # --- the input documents the run will read (untimed, counted in-process on the same code), and the floor's
    # first read of them: the floor reads before and after the run, as the machine's speed drifts over minutes (the
    # same floor read took 16.7 s in one session and 30.0 s in another)
    teller = Teller(db)
    deler = [ider[i : i + 50] for i in range(0, len(ider), 50)]
    with ThreadPoolExecutor(4) as pool:
        grunnlag = [g for d in pool.map(lambda d: repo.hent_grunnlag(d, args.maned), deler) for g in d.values()]
    kandidatlesing = 16
    grunnlag_lest = teller.lest
    inndata = [db.collection(dok.GJENNOMFORINGER).document(g.gjennomforing.id) for g in grunnlag]
    for g in grunnlag:
        inndata += [db.collection(dok.DELTAKELSER).document(d.id) for d in g.deltakelser]
        inndata += [db.collection(dok.FORSLAG).document(f.id) for f in g.forslag]
        inndata += [db.collection(dok.TILSAGN).document(x.id) for x in g.tilsagn]
        inndata += [db.collection(dok.UTBETALINGER).document(u.id) for u in g.utbetalinger]
    avtaler = {g.avtale.id for g in grunnlag if g.avtale}
    inndata += [db.collection(dok.AVTALER).document(a) for a in sorted(avtaler)]
    alle_orgnr = {g.gjennomforing.arrangor_orgnr for g in grunnlag}  # the run reads those of the claims it makes
    inndata += [db.collection(dok.KONTOREGISTER).document(o) for o in sorted(alle_orgnr)]
    stier = [(r.parent.id, r.id) for r in inndata]
    gulvet = Gulv()
    gulv_les_for = gulvet.kjor("les", stier)

    # --- the run, the production way
    pub = PublisherClient()
    start_vegg = datetime.now(UTC)
    start = time.monotonic()
    pub.publish(
        pub.topic_path(prosjekt, topics.GENERERING_START), json.dumps({"periode": args.maned}).encode()
    ).result()
    laget = _vent_pa_krav(db, forventet, start_vegg, 3600)
    if not laget:
        print("ingen krav ble laget", file=sys.stderr)
        return 1
    kjoring = (max(laget.values()) - start_vegg).total_seconds()
    print(f"kjøring ferdig: {len(laget)} krav (målt {time.monotonic() - start:.1f} s inkl. venting)", flush=True)

    # --- the rest of the run's reads (untimed): the late-change check and the account register
    lest_for_sjekk = teller.lest
    med_krav = {forventet[u] for u in laget}
    for d in deler:
        repo.endringer_etter([g for g in d if g in med_krav], start_vegg)
    sjekk_lest = teller.lest - lest_for_sjekk
    orgnr = {g.gjennomforing.arrangor_orgnr for g in grunnlag if g.gjennomforing.id in med_krav}
    kontolesing = len(orgnr)
    krav = len(laget)
    lest_prod = kandidatlesing + grunnlag_lest + sjekk_lest + kontolesing

    # --- the floor: the same input documents read by id, every document the run wrote written in batches
    utdata, historikk, sidevirkninger = _utdokumenter(db, list(laget))
    hoved = [("bench_gulv_u", i, d) for i, d in utdata] + [("bench_gulv_h", i, d) for i, d in historikk]
    side = [(f"bench_gulv_{samling}", i, d) for samling, i, d in sidevirkninger]
    alle = hoved + side

    gulv_les_etter = gulvet.kjor("les", stier)
    gulv_les = (gulv_les_for + gulv_les_etter) / 2
    gulv_hoved = gulvet.kjor("skriv_hoved", hoved)
    gulv_skriv = gulv_hoved + gulvet.kjor("skriv_side", side)
    gulvet.stopp()
    gulv = gulv_les + gulv_skriv

    # --- recalculation latency: a deltakelse write (ingest, in-process) to the updated claim (omberegn in the host)
    ventetider = []
    laget_gid = {g: u for u, g in forventet.items() if u in laget}
    ny_start = maned_periode(args.maned).start + timedelta(days=9)
    prover = [
        (g, dl)
        for g in grunnlag
        if g.gjennomforing.id in laget_gid
        and g.gjennomforing.prismodell != Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED
        for dl in g.deltakelser[:1]
        if dl.start_dato is not None and dl.start_dato < ny_start and (dl.slutt_dato or date.max) > ny_start
    ][: args.omberegninger]  # a counted participant of a participant-based model: the change alters the amount
    uteblitt = 0
    for g, dl in prover:
        uid = laget_gid[g.gjennomforing.id]
        ny = dl.model_copy(update={"versjon": dl.versjon + 1, "start_dato": ny_start})
        for_ = db.collection("utbetalinger").document(uid).get().to_dict() or {}
        t = time.monotonic()
        ta_imot(topics.DELTAKER, ny.model_dump_json().encode(), repo=repo, omberegning=repo,
                publisher=bootstrap.publisher(), klokke=bootstrap.klokke(), forsinkelse_s=1.0)  # fmt: skip
        while time.monotonic() - t < 30:
            na = db.collection("utbetalinger").document(uid).get().to_dict() or {}
            if not na or na.get("updated_at") != for_.get("updated_at"):
                ventetider.append(time.monotonic() - t)
                break
            time.sleep(0.05)
        else:
            uteblitt += 1

    print(f"krav opprettet: {krav} av {len(ider)} kandidater ({len(ds.meldinger[topics.DELTAKER])} deltakelser lagret)")
    print(f"kjøring: {kjoring:.2f} s (planleggermelding → siste krav skrevet, GENERERING_PARALLELLE="
          f"{os.environ.get('GENERERING_PARALLELLE', '8')})")  # fmt: skip
    print(f"gulv: {gulv:.2f} s (lese {len(inndata)} inndokumenter med get_all à 300 i {GULV_PROSESSER} prosesser à "
          f"{TRADER} tråder: {gulv_les:.2f} s, snittet av {gulv_les_for:.2f} s før og {gulv_les_etter:.2f} s etter "
          f"kjøringen; skrive de {len(alle)} dokumentene kjøringen skrev, i batcher à 400: {gulv_skriv:.2f} "
          f"s: {len(utdata)} krav og {len(historikk)} historikk {gulv_hoved:.2f} s, {len(side)} indeks- og TAO-dok. "
          f"{gulv_skriv - gulv_hoved:.2f} s; kjøring / (lesing + krav og historikk) = "
          f"{kjoring / (gulv_les + gulv_hoved):.2f})")  # fmt: skip
    print(f"lesinger per krav: {lest_prod / max(krav, 1):.1f} i kjøringen (kandidatindeks {kandidatlesing}, grunnlag "
          f"{grunnlag_lest}, sjekk av sene endringer {sjekk_lest}, kontoregister {kontolesing}); gulvet "
          f"{len(inndata) / max(krav, 1):.1f}")  # fmt: skip
    print(f"skrivinger per krav: {len(alle) / max(krav, 1):.1f} dokumenter, de samme i kjøringen og gulvet (kjøringen: "
          f"krav i commits à ≤ 100 med historikk og indeksoppføringer, TAO som betales straks i transaksjoner à ≤ 10 "
          f"krav; gulvet: hvert dokument én gang i batcher à 400)")  # fmt: skip
    if ventetider:
        q = statistics.quantiles(ventetider, n=20) if len(ventetider) > 1 else [ventetider[0]] * 19
        print(f"omberegning: p50={statistics.median(ventetider):.2f} s p95={q[18]:.2f} s (n={len(ventetider)}; "
              f"markørens forfall 1 s inkludert, OMBEREGNING_FORSINKELSE_S={forsinkelse} i verten; "
              f"{uteblitt} uteblitt etter 30 s)")  # fmt: skip
    frigi_prosjekt(prosjekt, konfig)
    print(f"ratio={kjoring / gulv:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
