"""Ingest, fan-out, generation and recalculation use cases against the fakes of tests/fakes.py."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from shared import topics
from shared.domain.generering.krav import Hopp, Omberegning
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.service.generering.generer_utbetaling import Avhengigheter, Utfall, generer_utbetalinger
from shared.service.generering.omberegn import omberegn_gjennomforing
from shared.service.generering.opprett_utbetalinger import maned_fra_melding, opprett_utbetalinger
from shared.service.grunnlag.ingest import IngestUtfall, ta_imot
from tests.bygg_generering import ORGNR, lag_deltakelse, lag_gjennomforing, lag_tilsagn
from tests.fakes import FakeKlokke, FakeKontoregister, FakePublisher, FakeRepo

NS = uuid.UUID("5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10")


def _oppsett(kontoer: FakeKontoregister | None = None) -> tuple[FakeRepo, Avhengigheter]:
    klokke = FakeKlokke()
    repo = FakeRepo(klokke)
    avh = Avhengigheter(repo, repo, kontoer or FakeKontoregister({ORGNR: "12345678903"}), klokke, NS, 1.0)
    return repo, avh


def _med_gjennomforing(repo: FakeRepo, deltakere: int = 2) -> str:
    g = lag_gjennomforing()
    repo.gjennomforinger[g.id] = g
    for _ in range(deltakere):
        d = lag_deltakelse(g.id)
        repo.deltakelser[d.id] = d
    t = lag_tilsagn(g.id)
    repo.tilsagn[t.id] = t
    return g.id


def test_ugyldig_melding_gar_til_dead_letter_uten_skriving() -> None:
    repo, avh = _oppsett()
    pub = FakePublisher()
    data = json.dumps({"id": str(uuid.uuid4()), "versjon": 1, "navn": "mangler orgnr"}).encode()
    utfall = ta_imot(
        topics.ARRANGOR, data, repo=repo, omberegning=repo, publisher=pub, klokke=avh.klokke, forsinkelse_s=1
    )
    assert utfall is IngestUtfall.AVVIST
    assert pub.til("arrangor-v1-dlq") == [data]
    assert repo.dokumenter == {}


def test_eldre_versjon_endrer_ingenting() -> None:
    repo, avh = _oppsett()
    pub = FakePublisher()
    aid = str(uuid.uuid4())

    def melding(versjon: int, navn: str) -> bytes:
        return json.dumps(
            {"id": aid, "versjon": versjon, "slettet": False, "organisasjonsnummer": ORGNR, "navn": navn}
        ).encode()

    kw = {"repo": repo, "omberegning": repo, "publisher": pub, "klokke": avh.klokke, "forsinkelse_s": 1.0}
    assert ta_imot(topics.ARRANGOR, melding(2, "Ny"), **kw) is IngestUtfall.LAGRET  # type: ignore[arg-type]
    assert ta_imot(topics.ARRANGOR, melding(1, "Gammel"), **kw) is IngestUtfall.UTDATERT  # type: ignore[arg-type]
    assert repo.dokumenter["arrangorer"][aid].navn == "Ny"  # type: ignore[attr-defined]


def test_tom_planleggermelding_gir_forrige_maned_og_eksplisitt_periode_overstyrer() -> None:
    assert maned_fra_melding(b"{}", datetime(2025, 11, 7, 4, tzinfo=UTC)) == "2025-10"
    assert maned_fra_melding(b'{"periode": "2025-08"}', datetime(2025, 11, 7, 4, tzinfo=UTC)) == "2025-08"


def test_vifter_ut_i_grupper_pa_hoyst_50() -> None:
    repo, _ = _oppsett()
    for _ in range(120):
        g = lag_gjennomforing()
        repo.gjennomforinger[g.id] = g
    pub = FakePublisher()
    assert opprett_utbetalinger("2025-10", repo=repo, publisher=pub) == 120
    grupper = [json.loads(m) for m in pub.til(topics.GENERER_UTBETALING)]
    assert [len(g["gjennomforing_ider"]) for g in grupper] == [50, 50, 20]
    assert {g["periode"] for g in grupper} == {"2025-10"}


def test_generering_oppretter_en_gang_og_ny_kjoring_oppretter_ingenting() -> None:
    repo, avh = _oppsett()
    gid = _med_gjennomforing(repo)
    forste = generer_utbetalinger([gid], "2025-10", avh)
    assert [r.utfall for r in forste.resultater] == [Utfall.OPPRETTET]
    u = next(iter(repo.utbetalinger.values()))
    assert u.belop == 2 * 20975 and u.blokkeringer == ()
    assert u.betalingsinformasjon is not None and u.betalingsinformasjon.kontonummer == "12345678903"
    assert repo.historikk == [(u.id, "Utbetaling opprettet")]
    andre = generer_utbetalinger([gid], "2025-10", avh)
    assert [r.utfall for r in andre.resultater] == [Hopp.FINNES_ALLEREDE]
    assert len(repo.utbetalinger) == 1


def test_feil_i_samlet_commit_gir_oppretting_en_og_en() -> None:
    repo, avh = _oppsett()
    gider = [_med_gjennomforing(repo) for _ in range(3)]

    def feiler(*_: object) -> list[bool]:
        raise RuntimeError("commit avbrutt")

    repo.opprett_utbetalinger = feiler  # type: ignore[method-assign]
    resultat = generer_utbetalinger(gider, "2025-10", avh)
    assert [r.utfall for r in resultat.resultater] == [Utfall.OPPRETTET] * 3
    assert len(repo.utbetalinger) == 3 and not resultat.forbigaende


def test_belop_null_gir_ikke_krav_og_kontoregisterfeil_gir_ingen_betalingsinformasjon() -> None:
    repo, avh = _oppsett(FakeKontoregister(feiler=True))
    tom = _med_gjennomforing(repo, deltakere=0)
    full = _med_gjennomforing(repo)
    ut = generer_utbetalinger([tom, full], "2025-10", avh)
    assert {r.gjennomforing_id: r.utfall for r in ut.resultater} == {
        tom: Hopp.BELOP_NULL,
        full: Utfall.OPPRETTET,
    }
    assert next(iter(repo.utbetalinger.values())).betalingsinformasjon is None


def test_inputfeil_er_isolert_per_gjennomforing() -> None:
    repo, avh = _oppsett()
    god = _med_gjennomforing(repo)
    feil = _med_gjennomforing(repo)
    d = lag_deltakelse(feil, start_dato=None)
    repo.deltakelser[d.id] = d
    ut = generer_utbetalinger([feil, god], "2025-10", avh)
    assert ut.input_feil == [feil]
    assert [u.gjennomforing_id for u in repo.utbetalinger.values()] == [god]


def test_omberegning_oppdaterer_sletter_og_lar_innsendte_vaere() -> None:
    repo, avh = _oppsett()
    gid = _med_gjennomforing(repo)
    generer_utbetalinger([gid], "2025-10", avh)
    uid = next(iter(repo.utbetalinger))
    # a new participant: the claim is updated after the marker's delay
    d = lag_deltakelse(gid, start_dato=date(2025, 10, 1))
    ta_imot(
        topics.DELTAKER, d.model_dump_json().encode(), repo=repo, omberegning=repo,
        publisher=FakePublisher(), klokke=avh.klokke, forsinkelse_s=1.0,
    )  # fmt: skip
    assert gid in repo.markorer
    res = omberegn_gjennomforing(gid, repo=repo, klokke=avh.klokke, forsinkelse_s=1.0)
    assert [r.utfall for r in res] == [Omberegning.OPPDATERT]
    assert repo.utbetalinger[uid].belop == 3 * 20975
    assert avh.klokke.sovet and gid not in repo.markorer  # type: ignore[attr-defined]
    # unchanged data: nothing written
    repo.markorer[gid] = avh.klokke.na()
    assert [r.utfall for r in omberegn_gjennomforing(gid, repo=repo, klokke=avh.klokke, forsinkelse_s=1.0)] == [
        Omberegning.UENDRET
    ]
    # all participants gone: deleted
    for did in list(repo.deltakelser):
        repo.deltakelser[did] = repo.deltakelser[did].model_copy(update={"slettet": True})
    repo.markorer[gid] = avh.klokke.na()
    omberegn_gjennomforing(gid, repo=repo, klokke=avh.klokke, forsinkelse_s=1.0)
    assert uid not in repo.utbetalinger


def test_innsendt_krav_omberegnes_aldri() -> None:
    repo, avh = _oppsett()
    gid = _med_gjennomforing(repo)
    generer_utbetalinger([gid], "2025-10", avh)
    uid = next(iter(repo.utbetalinger))
    repo.utbetalinger[uid] = repo.utbetalinger[uid].model_copy(update={"status": UtbetalingStatus.TIL_BEHANDLING})
    d = lag_deltakelse(gid)
    repo.deltakelser[d.id] = d
    repo.markorer[gid] = avh.klokke.na()
    assert omberegn_gjennomforing(gid, repo=repo, klokke=avh.klokke, forsinkelse_s=1.0) == []
    assert repo.utbetalinger[uid].belop == 2 * 20975


def test_endring_under_omberegning_lager_ny_markor() -> None:
    repo, avh = _oppsett()
    gid = _med_gjennomforing(repo)
    generer_utbetalinger([gid], "2025-10", avh)

    class EndrerUnderveis:
        def __getattr__(self, navn: str) -> object:
            return getattr(repo, navn)

        def hent_utbetalinger(self, g: str) -> object:
            repo.endre("deltakelser", next(iter(repo.deltakelser)))  # lands after t0
            return repo.hent_utbetalinger(g)

    repo.markorer[gid] = avh.klokke.na()
    omberegn_gjennomforing(gid, repo=EndrerUnderveis(), klokke=avh.klokke, forsinkelse_s=1.0)  # type: ignore[arg-type]
    assert gid in repo.markorer
