""" "Why did my amount change?" (issue 18 part 2): the per-participant diff's krone effects sum exactly to the change
of the amount, the reasons are read from the inputs, and the kept versions are bounded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from shared.domain.beregning import BeregningInput, beregn
from shared.domain.felles.kodeverk import Deltakerstatus
from shared.domain.forklaring.diff import Endringstype, diff
from shared.domain.forklaring.versjoner import MAKS_VERSJONER, Arsak, Beregningsversjon, bevar, forklar
from shared.domain.utbetaling.utbetaling import Blokkering
from tests.bygg_avstemming import beregning_gz, lag_bok
from tests.unit.domain.builders import lag_deltakelse
from tests.unit.domain.test_beregning_egenskaper import RASKT, deltakelser, krav

DELTAR = Deltakerstatus.DELTAR


@st.composite
def endret(draw: st.DrawFn, input: BeregningInput) -> BeregningInput:
    """The same claim after some changes: participants kept, dropped or changed, new ones, other satser or stengt."""
    maned = (input.periode.start, input.periode.slutt)
    ut = []
    for d in input.deltakelser:
        valg = draw(st.sampled_from(["behold", "fjern", "endre"]))
        if valg == "behold":
            ut.append(d)
        elif valg == "endre":
            ut.append(draw(deltakelser(maned, d.id)))
    ut += [draw(deltakelser(maned, f"ny{i}")) for i in range(draw(st.integers(0, 3)))]
    annen = draw(krav())
    return input.model_copy(
        update={
            "deltakelser": tuple(ut),
            "satser": draw(st.sampled_from([input.satser, annen.satser])),
            "stengt": draw(st.sampled_from([input.stengt, annen.stengt])),
        }
    )


@RASKT
@given(st.data())
def test_kroneeffektene_summerer_eksakt_til_endringen(data: st.DataObject) -> None:
    for_ = data.draw(krav())
    etter = data.draw(endret(for_))
    a, b = beregn(for_), beregn(etter)
    d = diff(a, b)
    assert sum(x.kroner for x in d.deltakere) + sum(t.kroner for t in d.tilsagn) == b.belop - a.belop == d.endring
    for x in d.deltakere:
        for s in x.stykker:
            assert abs(Decimal(s.kroner) - s.effekt) <= 1  # each within a krone of its exact effect
    assert diff(a, a).deltakere == ()


def _krav(deltakere: list[tuple[str, date, date | None, int]]) -> BeregningInput:
    return BeregningInput.model_validate(
        {
            "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
            "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
            "periode": {"start": "2025-11-01", "slutt": "2025-12-01"},
            "satser": [{"gjelder_fra": "2025-01-01", "sats": 20_975}],
            "deltakelser": [
                lag_deltakelse(i, s, e, Deltakerstatus.DELTAR, [(s, Decimal(p))]).model_dump()
                for i, s, e, p in deltakere
            ],
        }
    )


def test_en_deltaker_som_slutter_og_en_som_kommer_til_forklares_per_deltaker() -> None:
    okt = date(2025, 10, 1)
    for_ = beregn(_krav([("a", okt, None, 100), ("b", okt, None, 100)]))
    etter = beregn(_krav([("a", okt, date(2025, 11, 14), 100), ("c", date(2025, 11, 17), None, 40)]))
    d = diff(for_, etter)
    assert [(x.deltakelse_id, x.type, x.kroner) for x in d.deltakere] == [
        ("a", Endringstype.ENDRET, -10_487),
        ("c", Endringstype.LAGT_TIL, 5_243),
        ("b", Endringstype.FJERNET, -20_975),
    ]
    assert d.endring == etter.belop - for_.belop == -26_219
    [stykke] = d.deltakere[0].stykker
    assert stykke.for_ is not None and stykke.etter is not None
    assert (stykke.for_.faktor, stykke.etter.faktor, stykke.for_.prosent) == (Decimal(1), Decimal("0.5"), 100)
    assert d.deltakere[1].stykker[0].etter.prosent == 40  # type: ignore[union-attr]


def test_versjonene_er_begrenset_og_arsaken_lest_fra_input() -> None:
    u = lag_bok().utbetaling
    t = datetime(2025, 12, 1, tzinfo=UTC)
    versjoner: tuple[Beregningsversjon, ...] = ()
    for n in range(MAKS_VERSJONER + 2):
        belop, gz = beregning_gz(deltakere=n + 3)
        blokk = (Blokkering.MANGLER_TILSAGN,) if n == MAKS_VERSJONER + 1 else ()
        ny = u.model_copy(update={"beregning_gz": gz, "belop": belop, "blokkeringer": blokk})
        versjoner = bevar(versjoner, u, ny, t + timedelta(days=n))
        u = ny
    assert len(versjoner) == MAKS_VERSJONER
    endringer = forklar(u, versjoner)
    assert [e.diff.endring for e in endringer] == [20_975] * MAKS_VERSJONER
    assert [e.arsaker for e in endringer] == [(Arsak.DELTAKER, Arsak.TILSAGN), (Arsak.DELTAKER,), (Arsak.DELTAKER,)]
    assert [e.tidspunkt.day for e in endringer] == [5, 4, 3]
