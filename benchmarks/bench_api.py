"""Benchmark of the arrangør API (issue 5): seed 1 000 claims for one organisation (100 gjennomføringer × 10 months,
sent in and processed) and a 200-participant claim made by the real generation, then measure p50/p95 of the claims
list and of the 200-participant detail through the functions host (HTTP, dev token) against the emulator, and the
Firestore documents read per request (the same request run once in-process, every document read by any adapter
counted).

    make bench-api            # inside `python -m emulators med-stack`
Targets: p95 < 100 ms for the list, < 250 ms for the detail.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import urllib.request
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulators.klargjoring import STANDARD_MANIFEST, frigi_prosjekt, klargjor_prosjekt  # noqa: E402
from emulators.konfig import les_konfig  # noqa: E402
from shared.config import nullstill_settings  # noqa: E402

PID, ORGNR, N = "01017012345", "973123456", 40
B = "/api/arrangorflate"


def _seed(db: Any, repo: Any) -> str:
    from shared.adapters.arrangor.altinn import bruker_hmac
    from shared.adapters.arrangor.repo import FirestoreArrangorRepo
    from shared.adapters.firestore import dokumenter as dok
    from shared.config import settings
    from shared.domain.grunnlag.arrangor import Arrangor
    from shared.domain.grunnlag.deltakelse import Deltakelse
    from shared.domain.grunnlag.gjennomforing import Gjennomforing
    from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus

    FirestoreArrangorRepo(db).lagre_delegering(bruker_hmac(PID, settings().bruker_hmac_nokkel), [ORGNR])
    repo.lagre_hvis_nyere(dok.ARRANGORER, Arrangor(id=str(uuid.uuid4()), versjon=1, organisasjonsnummer=ORGNR,
                                                   navn="Bench AS"))  # fmt: skip
    gjennomforinger = [Gjennomforing.model_validate({
        "id": str(uuid.uuid4()), "versjon": 1, "lopenummer": f"2025/{i}", "navn": f"AFT {i}",
        "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING", "arrangor_orgnr": ORGNR, "start_dato": "2025-07-01",
        "status": "GJENNOMFORES", "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "valuta": "NOK"})
        for i in range(101)]  # fmt: skip
    repo.last_inn(dok.GJENNOMFORINGER, gjennomforinger)
    na = datetime.now(UTC)
    from shared.adapters.firestore import grunnlagsindeks as gi
    from shared.adapters.firestore.repo import _Samler

    batch, n, indeks = db.batch(), 0, {}  # the claims with their index entries, as the claim writers write them
    for g in gjennomforinger[:100]:
        for m in range(10):
            start = date(2025 + (m + 7) // 12, (m + 6) % 12 + 1, 1)
            slutt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            u = Utbetaling(id=str(uuid.uuid4()), gjennomforing_id=g.id, tiltakskode=g.tiltakskode, arrangor_orgnr=ORGNR,
                           periode_start=start, periode_slutt=slutt, opprinnelse=Opprinnelse.GENERERT,
                           status=UtbetalingStatus.TIL_BEHANDLING, prismodell=g.prismodell, belop=20975 * (m + 1),
                           valuta="NOK", betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678901", kid=None),
                           innsendt_tidspunkt=na, created_at=na, updated_at=na)  # fmt: skip
            batch.set(db.collection(dok.UTBETALINGER).document(u.id), dok.utbetaling_til_dokument(u))
            gi.indekser_utbetaling(_Samler(indeks), db, u)
            n += 1
            if n % 200 == 0:
                for ref, felt in indeks.values():
                    batch.set(ref, felt, merge=True)
                batch.commit()
                batch, indeks = db.batch(), {}
    for ref, felt in indeks.values():
        batch.set(ref, felt, merge=True)
    batch.commit()
    stor = gjennomforinger[100]
    deltakere = [Deltakelse.model_validate({
        "id": str(uuid.uuid4()), "versjon": 1, "gjennomforing_id": stor.id, "status": "DELTAR",
        "start_dato": "2025-08-01", "person": {"norsk_ident": f"0181{i:07d}", "fornavn": "Kari", "etternavn": str(i),
                                               "adressebeskyttelse": "UGRADERT", "skjermet": False},
        "deltakelsesmengder": [{"gyldig_fra": "2025-08-01", "deltakelsesprosent": 100}]}) for i in range(200)]  # fmt: skip  # noqa: E501
    repo.last_inn(dok.DELTAKELSER, deltakere)
    from shared import bootstrap
    from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger

    repo.lagre_kontonummer(ORGNR, "12345678901")
    avh = Avhengigheter(repo=repo, omberegning=repo, kontoregister=bootstrap.kontoregister(),
                        klokke=bootstrap.klokke(), navnerom=bootstrap.navnerom(), forsinkelse_s=600)  # fmt: skip
    uid = generer_utbetalinger([stor.id], "2025-09", avh).resultater[0].utbetaling_id
    assert uid
    return uid


def _maal(url: str, token: str) -> list[float]:
    tider = []
    for i in range(N + 3):
        t0 = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})) as s:
            s.read()
        if i >= 3:
            tider.append((time.perf_counter() - t0) * 1000)
    return tider


class _Teller:
    """Counts every Firestore document read in this process, whichever adapter reads it: each reference of a
    `get_all`, each `DocumentReference.get`, each query result (at least 1 per query)."""

    def __init__(self) -> None:
        from google.cloud.firestore_v1 import client, document, query

        self.n = 0
        self._orig = [(client.Client, "get_all"), (document.DocumentReference, "get"), (query.Query, "stream")]
        self._lagret = [getattr(k, m) for k, m in self._orig]

    def __enter__(self) -> _Teller:
        get_all, get, stream = self._lagret
        teller = self

        def tell_get_all(klient: Any, refs: Any, *a: Any, **k: Any) -> Any:
            refs = list(refs)
            teller.n += len(refs)
            return get_all(klient, refs, *a, **k)

        def tell_get(ref: Any, *a: Any, **k: Any) -> Any:
            teller.n += 1
            return get(ref, *a, **k)

        def tell_stream(q: Any, *a: Any, **k: Any) -> Any:
            ut = list(stream(q, *a, **k))
            teller.n += max(1, len(ut))
            return iter(ut)

        for (k, m), f in zip(self._orig, (tell_get_all, tell_get, tell_stream), strict=True):
            setattr(k, m, f)
        return self

    def __exit__(self, *a: Any) -> None:
        for (k, m), f in zip(self._orig, self._lagret, strict=True):
            setattr(k, m, f)


def _lesinger(sti: str, token: str) -> int:
    """The same request in-process, after one warm-up (Altinn cache, clients): documents read from Firestore, the
    access-log database included."""
    import functions_framework

    app = functions_framework.create_app("arrangor_api", "functions/arrangor_api/main.py", "http")  # type: ignore[no-untyped-call]
    klient = app.test_client()
    klient.get(sti, headers={"Authorization": f"Bearer {token}"})
    with _Teller() as t:
        klient.get(sti, headers={"Authorization": f"Bearer {token}"})
    return t.n


def main() -> None:
    k = les_konfig()
    for n, v in k.klientmiljo().items():
        os.environ.setdefault(n, v)
    prosjekt = f"demo-bench-api-{uuid.uuid4().hex[:8]}"
    klargjor_prosjekt(prosjekt, [STANDARD_MANIFEST], k)
    os.environ["GOOGLE_CLOUD_PROJECT"] = prosjekt
    os.environ.setdefault("ARRANGOR_JWKS_URL", f"{k.url('funksjonsvert')}/_vert/dev-utsteder/jwks")
    nullstill_settings()
    try:
        from shared import bootstrap
        from shared.edge.http import dev_utsteder

        uid = _seed(bootstrap.firestore_klient(), bootstrap.repo())
        token = dev_utsteder.lag_token(PID)
        base = f"{k.url('funksjonsvert')}/_prosjekt/{prosjekt}/arrangor_api"
        for navn, sti, mal in [("liste", f"{B}/utbetaling?type=AKTIVE&size=20", 100),
                               ("detalj_200", f"{B}/utbetaling/{uid}", 250)]:  # fmt: skip
            tider = sorted(_maal(base + sti, token))
            p50, p95 = statistics.median(tider), tider[int(len(tider) * 0.95) - 1]
            print(json.dumps({"maling": navn, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "mal_p95_ms": mal,
                              "lesinger_per_foresporsel": _lesinger(sti, token), "n": len(tider)}))  # fmt: skip
    finally:
        frigi_prosjekt(prosjekt, k)


if __name__ == "__main__":
    main()
