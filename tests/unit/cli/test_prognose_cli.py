"""`utbetaling prognose`: exit 2 on a bad year before anything is read; the table, flags and chart of a forecast;
and `utbetaling forklar` shows a piece's period with inclusive days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.cli.forklar import _stykke, visningsperiode
from shared.cli.main import main
from shared.cli.prognose import diagram, flaggede, oppsummering, tabell
from shared.domain.forklaring.diff import Stykke
from shared.domain.prognose.sammendrag import rull_opp
from shared.domain.prognose.tilsagn import prognose_for
from tests.bygg_prognose import AR, IDAG, SATS, lag_grunnlag


@pytest.mark.parametrize("ar", ["26", "2026-03", "tjue", "1800"])
def test_ugyldig_ar_gir_kode_2_og_peker(ar: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prognose", "--ar", ar]) == 2
    assert capsys.readouterr().err.startswith("/ar: ")


def test_tabell_flagg_og_diagram_for_en_prognose() -> None:
    betalt = [(1, 2 * SATS, "UTBETALT"), (2, 2 * SATS, "UTBETALT")]
    g = lag_grunnlag([None, None], [{"belop": 300_000, "belop_brukt": 86_920, "bestillingsnummer": "A-2026/1-1"}],
                     betalt)  # type: ignore[arg-type]  # fmt: skip
    p = rull_opp(AR, IDAG, [prognose_for(g, AR, IDAG)], budsjett=500_000)

    linjer = tabell(p)
    assert linjer[0].split()[:3] == ["Tiltakstype", "Kostnadssted", "Tilsagn"]
    assert linjer[2].split() == ["ARBEIDSFORBEREDENDE_TRENING", "0387", "1", "300", "000", "86", "920", "521", "520",
                                 "+221", "520", "1", "0"]  # fmt: skip
    assert flaggede(p) == ["Går tom 2026-07: tilsagn A-2026/1-1 (0387) 300 000 kr, forventet 521 520 kr"]
    assert oppsummering(p).endswith("521 520 kr forventet (173.8 % av tilsagnene); budsjett 500 000 kr (104.3 %): "
                                    "OVERFORBRUK")  # fmt: skip
    stolper = diagram(p, bredde=10)
    assert stolper[1] == "2026-01  " + "█" * 10 + "  43 460" and stolper[3].startswith("2026-03  " + "░" * 10 + " ")


def test_forklar_viser_perioden_med_inkluderende_datoer() -> None:
    assert visningsperiode(date(2025, 11, 1), date(2025, 12, 1)) == "01.11–30.11"
    assert visningsperiode(date(2025, 12, 15), date(2026, 1, 6)) == "15.12.2025–05.01.2026"
    stykke = Stykke(date(2025, 11, 1), date(2025, 12, 1), Decimal("1.00000"), 20_975, Decimal(100))
    assert _stykke(stykke) == "01.11–30.11 100 % 1.00000 × 20975"
