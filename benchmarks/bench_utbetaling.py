"""Benchmark of dispatch (issue 6): N approved lines through the last-attestation transaction → outbox → dispatcher
(nudged by the Firestore trigger in the functions host) → `okonomi-ut` → the economy-system simulator → `okonomi-inn`
→ `motta_okonomistatus` → every line UTBETALT, on the emulators.

    make bench-utbetaling                      # inside `python -m emulators med-stack`
    python benchmarks/bench_utbetaling.py --linjer 2000

Prints lines per second end to end, duplicates (must be 0) and lost (must be 0).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulators.klargjoring import STANDARD_MANIFEST, frigi_prosjekt, klargjor_prosjekt  # noqa: E402
from emulators.konfig import les_konfig  # noqa: E402
from emulators.okonomi_simulator import OkonomiSimulator  # noqa: E402
from shared.config import nullstill_settings  # noqa: E402


def _seed(db, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """N claims TIL_ATTESTERING, each with one GODKJENT line on its own tilsagn (so N ordering keys), spread over
    the §13 sizing's 1 500 tiltaksarrangører (per-arrangør documents stay small, as in production)."""
    from shared.adapters.firestore import dokumenter as dok
    from shared.adapters.nav.repo import FAKTURANUMRE, LINJEINDEKS, LINJER, linje_til_dokument, nummer_id
    from shared.domain.felles.kodeverk import TilsagnStatus
    from shared.domain.nav.totrinnskontroll import Agent, Kontrolltype, behandle, beslutt
    from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
    from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
    from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje

    t0 = datetime(2025, 12, 8, 9, 0, tzinfo=UTC)
    k = beslutt(behandle(Kontrolltype.ATTESTERING, Agent.nav("S1"), t0), Agent.nav("A1"), t0, godkjent=True)
    ider: list[str] = []
    batch, antall = db.batch(), 0
    for i in range(n):
        uid, tid_, lid = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        nr = f"A-2025/{i}-1"
        t = Tilsagn(id=tid_, gjennomforing_id=f"g-{i}", type=TilsagnType.TILSAGN, periode_start=date(2025, 7, 1),
                    periode_slutt=date(2026, 1, 1), belop=100_000, status=TilsagnStatus.GODKJENT, kostnadssted="0387",
                    lopenummer=1, bestillingsnummer=nr, neste_linje_lopenummer=2, neste_sekvens=2)  # fmt: skip
        orgnr = f"97{i % 1500:07d}"
        u = Utbetaling(id=uid, gjennomforing_id=f"g-{i}", tiltakskode="ARBEIDSFORBEREDENDE_TRENING",
                       arrangor_orgnr=orgnr, periode_start=date(2025, 11, 1), periode_slutt=date(2025, 12, 1),
                       opprinnelse=Opprinnelse.GENERERT, status=UtbetalingStatus.TIL_ATTESTERING,
                       prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", belop=20_975, valuta="NOK",
                       betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678903", kid=None),
                       created_at=t0, updated_at=t0)  # fmt: skip
        linje = Utbetalingslinje(id=lid, utbetaling_id=uid, tilsagn_id=tid_, periode_start=date(2025, 11, 1),
                                 periode_slutt=date(2025, 12, 1), belop=20_975, lopenummer=1,
                                 fakturanummer=f"{nr}-1", status=LinjeStatus.GODKJENT, totrinnskontroll=k)  # fmt: skip
        batch.set(db.collection(dok.TILSAGN).document(tid_), dok.tilsagn_til_dokument(t))
        batch.set(db.collection(dok.UTBETALINGER).document(uid), dok.utbetaling_til_dokument(u))
        batch.set(db.collection(LINJER).document(lid), linje_til_dokument(linje))
        unik = {"linje_id": lid, "utbetaling_id": uid}
        batch.set(db.collection(FAKTURANUMRE).document(nummer_id(linje.fakturanummer)), unik)
        batch.set(db.collection(LINJEINDEKS).document(uid), {"linje_ider": [lid]})
        ider.append(uid)
        antall += 5
        if antall >= 400:
            batch.commit()
            batch, antall = db.batch(), 0
    batch.commit()
    return ider


def _godkjenn(repo, uid: str) -> None:  # type: ignore[no-untyped-def]
    from shared.domain.utbetaling.behandling import fullfor
    from shared.service.nav.skriv_fullforing import skriv_fullforing

    def fn(tx):  # type: ignore[no-untyped-def]
        u = tx.hent_utbetaling(uid)
        linjer = tx.hent_linjer(uid)
        tilsagn = tx.hent_tilsagn([linje.tilsagn_id for linje in linjer])
        skriv_fullforing(tx, fullfor(u, linjer, tilsagn, datetime.now(UTC)), "A1")

    repo.i_transaksjon(fn, forsok=20)


def _antall_utbetalt(db) -> int:  # type: ignore[no-untyped-def]
    from google.cloud.firestore_v1.base_query import FieldFilter

    from shared.adapters.nav.repo import LINJER

    q = db.collection(LINJER).where(filter=FieldFilter("status", "==", "UTBETALT")).count()
    return int(q.get()[0][0].value)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--linjer", type=int, default=int(os.environ.get("BENCH_LINJER", "10000")))
    p.add_argument("--frist", type=float, default=1800.0, help="seconds before the rest counts as lost")
    p.add_argument("--parallelle", type=int, default=16)
    args = p.parse_args()

    konfig = les_konfig()
    for k, v in konfig.klientmiljo().items():
        os.environ.setdefault(k, v)
    prosjekt = f"demo-bench-{uuid.uuid4().hex[:8]}"
    klargjor_prosjekt(prosjekt, [STANDARD_MANIFEST], konfig)
    os.environ["GOOGLE_CLOUD_PROJECT"] = prosjekt
    nullstill_settings()
    from google.cloud import firestore

    from shared.adapters.nav.repo import FirestoreNavRepo

    db = firestore.Client(project=prosjekt)
    sim = OkonomiSimulator(prosjekt)
    sim.start()
    try:
        ider = _seed(db, args.linjer)
        repo = FirestoreNavRepo(db, lambda: datetime.now(UTC))
        start = time.monotonic()
        with ThreadPoolExecutor(args.parallelle) as pool:
            list(pool.map(lambda uid: _godkjenn(repo, uid), ider))
        godkjent_s = time.monotonic() - start
        utbetalt = 0
        while time.monotonic() - start < args.frist:
            utbetalt = _antall_utbetalt(db)
            if utbetalt >= args.linjer:
                break
            time.sleep(2.0)  # a count is a full scan in the emulator: poll gently
        total_s = time.monotonic() - start
        time.sleep(2.0)  # let late duplicates (if any) arrive before counting
    finally:
        sim.stopp()
        frigi_prosjekt(prosjekt, konfig)
    print(f"linjer={args.linjer} godkjent_i_transaksjon_s={godkjent_s:.1f} ende_til_ende_s={total_s:.1f}")
    print(
        f"linjer_per_s={args.linjer / total_s:.0f} duplikater={sim.duplikater} tapt={args.linjer - utbetalt} "
        f"(Pub/Sub-gjenleveringer av samme melding: {sim.gjenleveringer})"
    )
    return 0 if sim.duplikater == 0 and utbetalt == args.linjer else 1


if __name__ == "__main__":
    raise SystemExit(main())
