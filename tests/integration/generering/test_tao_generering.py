"""TAO automatic payment at generation on the emulators (domene.md §6.6 "TAO", §7.1 step 5, §12.3): with an account
the claim is created and paid in one transaction (lines, FAKTURA per line in the outbox, tilsagn belop_brukt); without
one it stays GENERERT until the daily job finds an account; a rerun adds nothing. Uses the production wiring
(`bootstrap.generering()`), in-process."""

from __future__ import annotations

from datetime import date
from typing import Any

from google.cloud.firestore_v1.base_query import FieldFilter

from shared import bootstrap, topics
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.repo import LINJER, UTSENDINGER, FirestoreNavRepo
from shared.service.generering.generer_utbetaling import Utfall, generer_utbetalinger
from shared.service.nav.tao_daglig import tao_daglig
from tests.integration.generering._hjelp import Miljo, gjennomforing

UTEN_KONTO = "974000001"


def _tao(m: Miljo, orgnr: str | None = None, *tilsagn: tuple[int, date, date, str]) -> tuple[str, list[str]]:
    g = gjennomforing(tiltakskode="TILRETTELAGT_ARBEID_ORDINAER", prismodell="FAST_SATS_PER_AVTALT_PLASS_PER_MANED")
    if orgnr:
        g["arrangor_orgnr"] = orgnr
    m.ingest(topics.GJENNOMFORING, g)
    ider = [
        m.tilsagn(
            g["id"],
            belop=b,
            periode_start=s,
            periode_slutt=e,
            bestillingsnummer=nr,
            kostnadssted="0387",
            lopenummer=i + 1,
        )  # fmt: skip
        for i, (b, s, e, nr) in enumerate(tilsagn)
    ]
    return str(g["id"]), ider


def _linjer(m: Miljo, uid: str) -> list[dict[str, Any]]:
    q = m.db.collection(LINJER).where(filter=FieldFilter("utbetaling_id", "==", uid))
    return sorted((s.to_dict() or {} for s in q.stream()), key=lambda d: d["fakturanummer"])


def _fakturaer(m: Miljo) -> list[tuple[str, int]]:
    q = m.db.collection(UTSENDINGER).where(filter=FieldFilter("type", "==", "FAKTURA"))
    return sorted(
        (str(d["fakturanummer"]), int(d["melding"]["belop"])) for d in (s.to_dict() or {} for s in q.stream())
    )


def _brukt(m: Miljo, tilsagn_id: str) -> int:
    return int((m.db.collection(dok.TILSAGN).document(tilsagn_id).get().to_dict() or {})["belop_brukt"])


def _historikk(m: Miljo, uid: str) -> list[str]:
    rader = [r for r in m.historikk() if r.get("dokument_id") == uid]
    return sorted(str(r["operasjon"]) for r in rader)


def test_tao_med_konto_er_ferdig_behandlet_med_en_faktura_per_linje_og_ny_kjoring_endrer_ingenting(
    miljo: Miljo,
) -> None:
    gid, [t1, t2] = _tao(
        miljo, None,
        (60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1"),
        (12_000, date(2025, 11, 1), date(2026, 1, 1), "A-2025/1-2"),
    )  # fmt: skip
    [r] = generer_utbetalinger([gid], "2025-11", bootstrap.generering()).resultater
    assert r.utfall is Utfall.OPPRETTET and r.utbetaling_id is not None
    u = miljo.utbetalinger()[r.utbetaling_id]
    assert (u.status, u.belop, u.betalingsinformasjon and u.betalingsinformasjon.kontonummer) == (
        "FERDIG_BEHANDLET", 16_000, "12345678903")  # fmt: skip
    linjer = _linjer(miljo, u.id)
    assert [(x["tilsagn_id"], x["belop"], x["gjor_opp_tilsagn"], x["status"]) for x in linjer] == [
        (t1, 10_000, False, "OVERFORT_TIL_UTBETALING"), (t2, 6_000, False, "OVERFORT_TIL_UTBETALING")]  # fmt: skip
    assert {x["totrinnskontroll"]["besluttet_av"]["type"] for x in linjer} == {"SYSTEM"}
    assert _fakturaer(miljo) == [("A-2025/1-1-1", 10_000), ("A-2025/1-2-1", 6_000)]
    assert (_brukt(miljo, t1), _brukt(miljo, t2)) == (10_000, 6_000)
    assert _historikk(miljo, u.id) == sorted(
        ["Utbetaling opprettet", "Utbetaling sendt til attestering", "Overført til utbetaling"])  # fmt: skip
    # The grunnlagsindeks entry follows the claim (recalculation must not treat it as GENERERT).
    assert miljo.repo.med_generert_utbetaling([gid]) == set()

    for _ in range(2):
        [igjen] = generer_utbetalinger([gid], "2025-11", bootstrap.generering()).resultater
        assert igjen.utfall == "FINNES_ALLEREDE"
    assert len(_linjer(miljo, u.id)) == 2 and len(_fakturaer(miljo)) == 2
    assert (_brukt(miljo, t1), _brukt(miljo, t2)) == (10_000, 6_000)
    assert len(_historikk(miljo, u.id)) == 3


def test_tao_uten_konto_venter_generert_og_daglig_jobb_betaler_en_gang_naar_kontoen_finnes(miljo: Miljo) -> None:
    gid, [t1] = _tao(miljo, UTEN_KONTO, (60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/2-1"))
    [r] = generer_utbetalinger([gid], "2025-11", bootstrap.generering()).resultater
    assert r.utbetaling_id is not None
    u = miljo.utbetalinger()[r.utbetaling_id]
    assert (u.status, u.betalingsinformasjon) == ("GENERERT", None)
    assert _linjer(miljo, u.id) == [] and _fakturaer(miljo) == []

    nav = FirestoreNavRepo(miljo.db, bootstrap.klokke().na)
    kontoregister = bootstrap.kontoregister()
    for_konto = tao_daglig(nav.genererte_tao_krav(), repo=nav, kontoregister=kontoregister, klokke=bootstrap.klokke())
    assert (for_konto.betalt, for_konto.uten_konto) == (0, 1)

    miljo.repo.lagre_kontonummer(UTEN_KONTO, "86011117947")
    krav = nav.genererte_tao_krav()
    for forventet in (1, 0):  # the second run gets the same, now stale list: the transaction re-reads the claim
        ut = tao_daglig(krav, repo=nav, kontoregister=kontoregister, klokke=bootstrap.klokke())
        assert ut.betalt == forventet
    betalt = miljo.utbetalinger()[u.id]
    assert betalt.status == "FERDIG_BEHANDLET"
    assert betalt.betalingsinformasjon is not None and betalt.betalingsinformasjon.kontonummer == "86011117947"
    assert [(x["belop"], x["status"]) for x in _linjer(miljo, u.id)] == [(10_000, "OVERFORT_TIL_UTBETALING")]
    assert _fakturaer(miljo) == [("A-2025/2-1-1", 10_000)]
    assert _brukt(miljo, t1) == 10_000
    assert nav.genererte_tao_krav() == []
    [igjen] = generer_utbetalinger([gid], "2025-11", bootstrap.generering()).resultater
    assert igjen.utfall == "FINNES_ALLEREDE" and len(_fakturaer(miljo)) == 1
