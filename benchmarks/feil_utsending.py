"""Fault test of the outbox (issue 17 item 4): the functions host is killed (SIGKILL) while the dispatcher holds its
lease, then started again; prints the time to recovery and the duplicates.

    make bench-utsending-feil                  # its own stack (ports +700, .run-bench-feil)
    python benchmarks/feil_utsending.py --poster 300     # inside `python -m emulators med-stack`

N FAKTURA outbox records (one ordering key each) are written in the stack's default project; their creation nudges
the dispatcher; as soon as it holds the lease with records still unsent, the host's process group is killed. The
host is started again (`python -m emulators start` starts what is missing), and nothing else is done by hand: its
start tick and the lease's expiry must bring the outbox back. Every message on `okonomi-ut` is counted.

Must hold: every record sent, and no record that was marked sent before the kill published again (0). Records
published and acknowledged but not yet marked when the host died are sent again by design (at least once; the
receivers drop them by fakturanummer): printed as "sendt på nytt", bounded by one chunk (`BIT`).
Before issue 17: 122 FAKTURA unsent for 20 minutes (until a tick was sent by hand), 144 messages for 128.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from emulators import prosesser as p  # noqa: E402
from emulators.konfig import les_konfig  # noqa: E402


def _skriv_poster(n: int, merke: str) -> list[str]:
    from shared import bootstrap
    from shared.adapters.nav.repo import FirestoreNavRepo
    from shared.domain.utsending.utsending import UtsendingType, utsending

    repo = FirestoreNavRepo(bootstrap.firestore_klient(), lambda: datetime.now(UTC))
    ider: list[str] = []
    for start in range(0, n, 25):

        def fn(tx, start=start):  # type: ignore[no-untyped-def]
            for i in range(start, min(start + 25, n)):
                nummer = f"F-{merke}/{i}"
                post = utsending(UtsendingType.FAKTURA, f"B-{merke}/{i}", 1, {"fakturanummer": nummer},
                                 datetime.now(UTC), nokkel=nummer)  # fmt: skip
                tx.legg_til_utsending(post.model_copy(update={"fakturanummer": nummer}))
                ider.append(post.id)

        repo.i_transaksjon(fn)
    return ider


def _status(db, ider: list[str]) -> tuple[set[str], dict]:  # type: ignore[no-untyped-def]
    from shared.adapters.nav.repo import LAS, LAS_ID, UTSENDINGER

    sendt = set()
    refs = [db.collection(UTSENDINGER).document(i) for i in ider]
    for bit in range(0, len(refs), 300):
        for s in db.get_all(refs[bit : bit + 300]):
            if (s.to_dict() or {}).get("sendt"):
                sendt.add(s.id)
    las = db.collection(LAS).document(LAS_ID).get()
    return sendt, (las.to_dict() or {}) if las.exists else {}


def _drep_verten_med_laasen_holdt(db, ider: list[str], k) -> bool:  # type: ignore[no-untyped-def]
    """The dispatcher runs (nudged by the creations): SIGKILL its host while it holds the lease, records unsent."""
    t0 = time.monotonic()
    while True:
        sendt, las = _status(db, ider)
        if las.get("eier") and las.get("utloper") and las["utloper"] > datetime.now(UTC) and len(sendt) < len(ider):
            break
        if len(sendt) == len(ider) or time.monotonic() - t0 > 60:
            print(f"feil_utsending: fikk ikke drept verten midt i en kjøring (sendt {len(sendt)}/{len(ider)})")
            return False
        time.sleep(0.01)
    pid = p.les_pid(k, "funksjonsvert")
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--poster", type=int, default=int(os.environ.get("BENCH_POSTER", "300")))
    parser.add_argument("--frist", type=float, default=180.0, help="seconds to wait for recovery")
    args = parser.parse_args()
    from google.cloud import pubsub_v1

    from shared import bootstrap, topics

    k = les_konfig()
    db = bootstrap.firestore_klient()
    sub = pubsub_v1.SubscriberClient()
    abonnement = sub.subscription_path(k.prosjekt, f"feiltest-{uuid.uuid4().hex[:8]}")
    sub.create_subscription(name=abonnement, topic=sub.topic_path(k.prosjekt, topics.OKONOMI_UT))
    merke = uuid.uuid4().hex[:6]

    ider = _skriv_poster(args.poster, merke)
    if not _drep_verten_med_laasen_holdt(db, ider, k):
        return 1
    t_drept = time.monotonic()
    time.sleep(0.5)
    sendt_for, _ = _status(db, ider)
    print(f"feil_utsending: verten drept med låsen holdt; {len(sendt_for)}/{len(ider)} merket sendt før drapet")

    start = subprocess.run([sys.executable, "-m", "emulators", "start"], cwd=ROT, capture_output=True, text=True)
    print(f"feil_utsending: verten startet igjen ({start.stderr.strip().splitlines()[-1:]})")
    while True:
        sendt, _ = _status(db, ider)
        if len(sendt) == len(ider) or time.monotonic() - t_drept > args.frist:
            break
        time.sleep(0.25)
    gjenoppretting = time.monotonic() - t_drept

    meldinger: Counter[str] = Counter()
    stille = time.monotonic()
    while time.monotonic() - stille < 3:
        svar = sub.pull(request={"subscription": abonnement, "max_messages": 500}, timeout=10)
        if svar.received_messages:
            stille = time.monotonic()
            sub.acknowledge(request={"subscription": abonnement, "ack_ids": [m.ack_id for m in svar.received_messages]})
            for m in svar.received_messages:
                meldinger[m.message.ordering_key] += 1
    sub.delete_subscription(subscription=abonnement)

    egne = {f"B-{merke}/{i}" for i in range(args.poster)}
    av_id = {post_id: f"B-{merke}/{i}" for i, post_id in enumerate(ider)}
    tall = sum(meldinger[b] for b in egne)
    dobbelt = sum(meldinger[b] - 1 for b in egne if meldinger[b] > 1)
    dobbelt_merket = sum(1 for post_id in sendt_for if meldinger[av_id[post_id]] > 1)
    mangler = sum(1 for b in egne if meldinger[b] == 0)
    print(f"feil_utsending: {len(sendt)}/{len(ider)} sendt {gjenoppretting:.1f} s etter drapet; {tall} meldinger for "
          f"{len(egne)} fakturaer: {dobbelt} sendt på nytt (publisert men ikke merket da verten døde), "
          f"{dobbelt_merket} allerede merket sendt og sendt igjen (må være 0), {mangler} mangler (må være 0); "
          f"last {os.getloadavg()[0]:.1f}")  # fmt: skip
    ok = len(sendt) == len(ider) and dobbelt_merket == 0 and mangler == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
