"""The forecast use case with a fake source: the year, the budget and who may enter it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.generering import Grunnlag
from shared.domain.nav.feil import ManglerTilgang
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.service.prognose.prognose import lag_prognose, les_ar, sett_budsjett
from tests.bygg_prognose import AR, IDAG, SATS, lag_grunnlag
from tests.fakes import FakeKlokke


class FakePrognosekilde:
    def __init__(self, grunnlag: Sequence[Grunnlag]) -> None:
        self.grunnlag = list(grunnlag)
        self.budsjetter: dict[int, int] = {}

    def les_grunnlag(self, ar: int) -> Sequence[Grunnlag]:
        return [g for g in self.grunnlag if any(t.periode_start.year == ar for t in g.tilsagn)]

    def hent_budsjett(self, ar: int) -> int | None:
        return self.budsjetter.get(ar)

    def lagre_budsjett(self, ar: int, belop: int, navident: str, tidspunkt: datetime) -> None:
        self.budsjetter[ar] = belop


KLOKKE = FakeKlokke(datetime(2026, 3, 10, 8, 0, tzinfo=UTC))


def test_prognosen_for_aret_mot_budsjettet_nav_har_lagt_inn() -> None:
    kilde = FakePrognosekilde([lag_grunnlag([None], [{"belop": 12 * SATS}])])
    sett_budsjett(AR, 200_000, NavAnsatt("B1", {Rolle.BESLUTTER_TILSAGN: ALLE}), kilde=kilde, klokke=KLOKKE)

    p = lag_prognose(AR, kilde=kilde, klokke=KLOKKE)

    assert (p.idag, p.forventet, p.budsjett, p.overforbruk) == (IDAG, 10 * SATS, 200_000, True)
    assert lag_prognose(AR + 1, kilde=kilde, klokke=KLOKKE).rader == ()


def test_budsjett_krever_budsjettmyndighet_ved_alle_kostnadssteder_og_et_positivt_belop() -> None:
    kilde = FakePrognosekilde([])
    med_ett_sted = NavAnsatt("B2", {Rolle.BESLUTTER_TILSAGN: frozenset({"0387"})})
    with pytest.raises(ManglerTilgang):
        sett_budsjett(AR, 1, med_ett_sted, kilde=kilde, klokke=KLOKKE)
    with pytest.raises(Valideringsfeil):
        sett_budsjett(AR, 0, NavAnsatt("B1", {Rolle.BESLUTTER_TILSAGN: ALLE}), kilde=kilde, klokke=KLOKKE)
    assert kilde.budsjetter == {}


@pytest.mark.parametrize("tekst", ["26", "2026-01", "abcd", "1999", "3000"])
def test_ugyldig_ar_gir_valideringsfeil_med_peker(tekst: str) -> None:
    with pytest.raises(Valideringsfeil) as e:
        les_ar(tekst, IDAG)
    assert e.value.feil[0].pointer == "/ar"
    assert les_ar(None, IDAG) == 2026 and les_ar("2027", IDAG) == 2027
