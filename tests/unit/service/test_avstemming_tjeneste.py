"""The daily reconciliation's use case with fakes of our ports: the day from the message, the grensesnittavstemming
on its own topic, and every discrepancy logged for an alert with ids only."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime

import pytest

from shared import topics
from shared.domain.avstemming.avvik import Avstemmingsgrunnlag
from shared.domain.felles.feil import Valideringsfeil
from shared.service.avstemming.avstem import avstem_daglig, dato_fra_melding
from tests.bygg_avstemming import NA, SENDT, lag_bok
from tests.fakes import FakeKlokke, FakePublisher


class FakeKilde:
    def __init__(self, g: Avstemmingsgrunnlag) -> None:
        self.g = g

    def les(self) -> Avstemmingsgrunnlag:
        return self.g


def test_tom_melding_betyr_dagen_for_publisering_i_oslo() -> None:
    assert dato_fra_melding(b"{}", datetime(2025, 12, 8, 23, 30, tzinfo=UTC)) == date(2025, 12, 8)
    assert dato_fra_melding(b"", datetime(2025, 12, 8, 22, 59, tzinfo=UTC)) == date(2025, 12, 7)
    assert dato_fra_melding(b'{"dato": "2025-12-01"}', NA) == date(2025, 12, 1)
    with pytest.raises(Valideringsfeil):
        dato_fra_melding(b'{"dato": "i morgen"}', NA)


def test_daglig_kjoring_publiserer_grensesnittavstemming_og_logger_avvik(caplog: pytest.LogCaptureFixture) -> None:
    bok = lag_bok()
    bok.tilsagn = bok.tilsagn.model_copy(update={"belop_brukt": 1})
    pub = FakePublisher()
    with caplog.at_level(logging.INFO):
        r = avstem_daglig(SENDT.date(), kilde=FakeKilde(bok.grunnlag()), publisher=pub, klokke=FakeKlokke(NA))
    [melding] = [json.loads(m) for m in pub.til(topics.GRENSESNITTAVSTEMMING)]
    assert melding["type"] == "GRENSESNITTAVSTEMMING" and melding["dato"] == "2025-12-08"
    assert (melding["antall"], melding["belop"], melding["betalt"]) == (1, 41_950, {"antall": 1, "belop": 41_950})
    assert [a.type.value for a in r.rapport.avvik] == ["BRUKT_ULIK_LINJESUM"]
    [varsel] = [x for x in caplog.records if getattr(x, "felt", {}).get("varsel") == "AVSTEMMING_AVVIK"]
    felt = varsel.felt
    assert (varsel.levelname, felt["tilsagn_id"], felt["faktisk"], felt["avvikstype"]) == (
        "ERROR",
        "t-1",
        1,
        "BRUKT_ULIK_LINJESUM",
    )
