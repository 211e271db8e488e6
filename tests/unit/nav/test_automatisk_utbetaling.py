"""The automatic paths as services (domene.md §6.6, §7.1 step 5, §12.3): TAO paid at generation in the claim's
create-only transaction, and each reason the AFT/VTA helper declines, which must leave the store untouched."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import pytest

from shared.domain.felles.kodeverk import Prismodell, TilsagnStatus, Tiltakskode
from shared.domain.generering.krav import Hopp
from shared.domain.nav.totrinnskontroll import Kontrolltype, system_godkjent
from shared.domain.utbetaling.automatisk import Resultatkode
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.domain.utsending.utsending import UtsendingType
from shared.service.generering import tao as tao_generering
from shared.service.generering.generer_utbetaling import Avhengigheter, Utfall, generer_utbetalinger
from shared.service.nav.automatisk_utbetaling import forsok_automatisk_utbetaling
from shared.service.nav.tao_daglig import tao_daglig
from tests import bygg_generering as bg
from tests.fakes import FakeKlokke, FakeKontoregister, FakeRepo
from tests.unit.nav.bygg import T0, Ider, lag_tilsagn, lag_utbetaling
from tests.unit.nav.fake_nav import FakeNavRepo, NavLager

NS = uuid.UUID("5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10")
TAO = Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED.value
KONTO = "12345678903"

# ------------------------------------------------------------------------------------------- TAO at generation


class TaoOppsett:
    def __init__(self, kontoer: dict[str, str]) -> None:
        self.klokke = FakeKlokke()
        self.repo = FakeRepo(self.klokke)
        self.nav = FakeNavRepo(NavLager(utbetalinger=self.repo.utbetalinger, tilsagn=self.repo.tilsagn))
        self.kontoregister = FakeKontoregister(kontoer)
        self.avh = Avhengigheter(self.repo, self.repo, self.kontoregister, self.klokke, NS, 1.0, tao=self.nav)
        g = bg.lag_gjennomforing(tiltakskode=Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER.value, prismodell=TAO)
        self.repo.gjennomforinger[g.id] = g
        self.gid = g.id
        self.tilsagn: list[str] = []

    def med_tilsagn(self, belop: int, start: date, slutt: date, nummer: str) -> str:
        t = bg.lag_tilsagn(self.gid, belop=belop, periode_start=start, periode_slutt=slutt,
                           bestillingsnummer=nummer, kostnadssted="0387", lopenummer=len(self.tilsagn) + 1)  # fmt: skip
        self.repo.tilsagn[t.id] = t
        self.tilsagn.append(t.id)
        return t.id

    def generer(self, maned: str = "2025-11") -> Utfall | object:
        [r] = generer_utbetalinger([self.gid], maned, self.avh).resultater
        return r.utfall


def _fakturaer(o: TaoOppsett) -> list[tuple[str | None, object]]:
    return sorted(
        (p.fakturanummer, p.melding["belop"])
        for p in o.nav.lager.utsendinger.values()
        if p.type is UtsendingType.FAKTURA
    )


def test_tao_med_konto_betales_i_samme_transaksjon_som_kravet_opprettes() -> None:
    o = TaoOppsett({bg.ORGNR: KONTO})
    # Two tilsagn over November: one share each (60 000 over 6 months, 12 000 over 2 months).
    t1 = o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    t2 = o.med_tilsagn(12_000, date(2025, 11, 1), date(2026, 1, 1), "A-2025/1-2")
    assert o.generer() is Utfall.OPPRETTET
    [u] = o.repo.utbetalinger.values()
    assert (u.status, u.belop) == (UtbetalingStatus.FERDIG_BEHANDLET, 16_000)
    linjer = sorted(o.nav.lager.linjer.values(), key=lambda linje: linje.fakturanummer)
    assert [(x.tilsagn_id, x.belop, x.gjor_opp_tilsagn, x.status) for x in linjer] == [
        (t1, 10_000, False, LinjeStatus.OVERFORT_TIL_UTBETALING),
        (t2, 6_000, False, LinjeStatus.OVERFORT_TIL_UTBETALING),
    ]
    assert {x.totrinnskontroll.behandlet_av.type for x in linjer} == {"SYSTEM"}
    assert {x.totrinnskontroll.besluttet_av.type for x in linjer if x.totrinnskontroll.besluttet_av} == {"SYSTEM"}
    assert _fakturaer(o) == [("A-2025/1-1-1", 10_000), ("A-2025/1-2-1", 6_000)]
    assert [o.repo.tilsagn[t].belop_brukt for t in (t1, t2)] == [10_000, 6_000]
    assert [op for i, op, _ in o.nav.lager.historikk if i == u.id] == [
        "Utbetaling opprettet", "Utbetaling sendt til attestering", "Overført til utbetaling"]  # fmt: skip
    assert o.repo.historikk == []  # the ordinary create was not used: one transaction did it all
    assert o.nav.lager.transaksjoner == 1


def test_tao_krav_i_en_melding_betales_ti_per_transaksjon() -> None:
    o = TaoOppsett({bg.ORGNR: KONTO})
    ider = [o.gid]
    o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    for n in range(2, 13):
        g = bg.lag_gjennomforing(tiltakskode=Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER.value, prismodell=TAO,
                                 lopenummer=f"2025/{n}")  # fmt: skip
        o.repo.gjennomforinger[g.id] = g
        o.gid = g.id
        o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), f"A-2025/{n}-1")
        ider.append(g.id)
    resultater = generer_utbetalinger(ider, "2025-11", o.avh).resultater
    assert [r.utfall for r in resultater] == [Utfall.OPPRETTET] * 12
    assert {u.status for u in o.repo.utbetalinger.values()} == {UtbetalingStatus.FERDIG_BEHANDLET}
    assert len(_fakturaer(o)) == 12 and o.nav.lager.transaksjoner == 2  # 10 + 2 claims
    assert [r.utfall for r in generer_utbetalinger(ider, "2025-11", o.avh).resultater] == [Hopp.FINNES_ALLEREDE] * 12
    assert len(_fakturaer(o)) == 12


def test_tao_grupper_holder_tilsagn_adskilt_og_ti_per_gruppe() -> None:
    krav: list[tuple[Utbetaling, Sequence[tuple[str, int]]]] = [
        (lag_utbetaling(id=f"u-{i}"), [(f"t{i}", 1)]) for i in range(25)
    ]
    krav.insert(3, (lag_utbetaling(id="u-x"), [("t0", 1)]))  # shares t0 with the first claim
    grupper = tao_generering.grupper(krav)
    assert [len(g) for g in grupper] == [10, 10, 6]
    for g in grupper:
        brukt = [t for _, andeler in g for t, _ in andeler]
        assert len(brukt) == len(set(brukt))
    with pytest.raises(ValueError, match="deler et tilsagn"):
        tao_generering.opprett_og_betal_mange(FakeNavRepo(NavLager()), [krav[0], krav[3]], "Utbetaling opprettet")


def test_ny_kjoring_av_genereringen_oppretter_ingen_linje_eller_faktura_til() -> None:
    o = TaoOppsett({bg.ORGNR: KONTO})
    o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    assert o.generer() is Utfall.OPPRETTET
    for _ in range(2):
        assert o.generer() == "FINNES_ALLEREDE"
    assert len(o.nav.lager.linjer) == 1 and _fakturaer(o) == [("A-2025/1-1-1", 10_000)]
    assert [o.repo.tilsagn[t].belop_brukt for t in o.tilsagn] == [10_000]


def test_tao_uten_konto_blir_generert_og_betales_av_den_daglige_jobben_en_gang() -> None:
    o = TaoOppsett({})
    o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    assert o.generer() is Utfall.OPPRETTET
    [u] = o.repo.utbetalinger.values()
    assert (u.status, u.betalingsinformasjon) == (UtbetalingStatus.GENERERT, None)
    assert o.nav.lager.linjer == {} and o.nav.lager.utsendinger == {}
    o.kontoregister.kontoer[bg.ORGNR] = KONTO
    genererte = [x for x in o.repo.utbetalinger.values() if x.status is UtbetalingStatus.GENERERT]
    for forventet in (1, 0):  # the second run gets the same (now stale) list: the transaction re-reads the claim
        ut = tao_daglig(genererte, repo=o.nav, kontoregister=o.kontoregister, klokke=o.klokke)
        assert (ut.betalt, ut.andre) == (forventet, 1 - forventet)
    assert o.repo.utbetalinger[u.id].status is UtbetalingStatus.FERDIG_BEHANDLET
    assert _fakturaer(o) == [("A-2025/1-1-1", 10_000)]


def test_tao_med_andel_null_far_ingen_linje_for_det_tilsagnet() -> None:
    o = TaoOppsett({bg.ORGNR: KONTO})
    t1 = o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    brukt = o.med_tilsagn(12_000, date(2025, 11, 1), date(2026, 1, 1), "A-2025/1-2")
    o.repo.tilsagn[brukt] = o.repo.tilsagn[brukt].model_copy(update={"belop_brukt": 12_000})
    assert o.generer() is Utfall.OPPRETTET
    assert [x.tilsagn_id for x in o.nav.lager.linjer.values()] == [t1]


def test_uten_tao_avhengighet_blir_tao_kravet_liggende_generert() -> None:
    o = TaoOppsett({bg.ORGNR: KONTO})
    o.med_tilsagn(60_000, date(2025, 7, 1), date(2026, 1, 1), "A-2025/1-1")
    o.avh = Avhengigheter(o.repo, o.repo, o.kontoregister, o.klokke, NS, 1.0)
    assert o.generer() is Utfall.OPPRETTET
    [u] = o.repo.utbetalinger.values()
    assert u.status is UtbetalingStatus.GENERERT and o.nav.lager.linjer == {}


# ------------------------------------------------------------------------------------- AFT/VTA decline reasons


def _aft_lager(*tilsagn: object) -> FakeNavRepo:
    lager = NavLager()
    for t in tilsagn:
        lager.tilsagn[t.id] = t  # type: ignore[attr-defined]
    return FakeNavRepo(lager)


def _forsok(repo: FakeNavRepo, belop: int = 100_000) -> Resultatkode:
    u = lag_utbetaling(belop=belop)
    for_ = (dict(repo.lager.tilsagn), dict(repo.lager.linjer), len(repo.lager.historikk))

    def fn(tx):  # type: ignore[no-untyped-def]
        return forsok_automatisk_utbetaling(tx, u, tidspunkt=T0, ny_id=Ider())

    svar = repo.i_transaksjon(fn)
    if svar.kode is not Resultatkode.UTBETALT_AUTOMATISK:
        assert svar.utbetaling == u, "a declined path returns the claim unchanged"
        assert (dict(repo.lager.tilsagn), dict(repo.lager.linjer), len(repo.lager.historikk)) == for_
        assert repo.lager.utsendinger == {}
    return svar.kode


@pytest.mark.parametrize(
    "tilsagn",
    [
        pytest.param([], id="ingen"),
        pytest.param([lag_tilsagn(id="t-1"), lag_tilsagn(id="t-2", bestillingsnummer="A-2025/1-2")], id="to"),
        pytest.param([lag_tilsagn(status=TilsagnStatus.TIL_GODKJENNING)], id="ikke-godkjent"),
        pytest.param(
            [lag_tilsagn(periode_start=date(2025, 12, 1), periode_slutt=date(2026, 1, 1))], id="annen-periode"
        ),
        pytest.param([lag_tilsagn(gjennomforing_id="g-2")], id="annen-gjennomforing"),
        pytest.param([lag_tilsagn(type="INVESTERING")], id="investering"),
    ],
)
def test_aft_avslar_feil_antall_tilsagn(tilsagn: list[object]) -> None:
    assert _forsok(_aft_lager(*tilsagn)) is Resultatkode.FEIL_ANTALL_TILSAGN


def test_aft_avslar_ikke_nok_penger() -> None:
    repo = _aft_lager(lag_tilsagn(belop=150_000, belop_brukt=50_001))
    assert _forsok(repo, belop=100_000) is Resultatkode.IKKE_NOK_PENGER


def test_aft_nok_penger_akkurat_betales() -> None:
    repo = _aft_lager(lag_tilsagn(belop=150_000, belop_brukt=50_000))
    assert _forsok(repo, belop=100_000) is Resultatkode.UTBETALT_AUTOMATISK
    assert repo.lager.tilsagn["t-1"].belop_brukt == 150_000
    assert [p.fakturanummer for p in repo.lager.utsendinger.values()] == ["A-2025/1-1-1"]


def test_aft_avslar_utbetalingslinjer_allerede_opprettet() -> None:
    repo = _aft_lager(lag_tilsagn())
    repo.lager.linjer["l-0"] = Utbetalingslinje(
        id="l-0", utbetaling_id="u-1", tilsagn_id="t-1", periode_start=date(2025, 11, 1),
        periode_slutt=date(2025, 12, 1), belop=100_000, gjor_opp_tilsagn=False, lopenummer=1,
        fakturanummer="A-2025/1-1-1", status=LinjeStatus.RETURNERT,
        totrinnskontroll=system_godkjent(Kontrolltype.ATTESTERING, T0),
    )  # fmt: skip
    assert _forsok(repo) is Resultatkode.UTBETALINGLINJER_ALLEREDE_OPPRETTET


def test_aft_ikke_aktuell_for_annen_status_eller_prismodell() -> None:
    repo = _aft_lager(lag_tilsagn())
    for felt in ({"status": UtbetalingStatus.GENERERT}, {"prismodell": TAO}):
        u = lag_utbetaling(**felt)
        svar = repo.i_transaksjon(lambda tx, u=u: forsok_automatisk_utbetaling(tx, u, tidspunkt=T0))
        assert svar.kode is Resultatkode.IKKE_AKTUELL
    assert repo.lager.linjer == {}
