"""TAO (`FAST_SATS_PER_AVTALT_PLASS_PER_MANED`): the tilsagn spread over its months (domene.md §4.6, §12.2)."""

from __future__ import annotations

from datetime import date

from shared.domain.beregning import TilsagnInput, beregn
from shared.domain.beregning.tao import fordel_pa_maneder
from shared.domain.felles.kodeverk import Prismodell, TilsagnStatus, Tiltakskode
from tests.unit.domain.builders import lag_input, lag_tilsagn

D = date
TAO = Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED


def _maned(ar: int, maned: int) -> tuple[date, date]:
    return D(ar, maned, 1), D(ar + maned // 12, maned % 12 + 1, 1)


def _krav(maned: tuple[date, date], *tilsagn: TilsagnInput) -> int:
    input = lag_input(
        prismodell=TAO, tiltakskode=Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER, maned=maned, tilsagn=tilsagn
    )
    return beregn(input).output.belop


def test_resten_gis_til_storste_brokdel_og_ved_likhet_til_tidligste_maned() -> None:
    andeler = [a for *_, a in fordel_pa_maneder(10000, D(2025, 1, 1), D(2025, 4, 1))]
    assert andeler == [3334, 3333, 3333]


def test_andelene_summerer_til_tilsagnsbelopet() -> None:
    for belop in (1, 2935, 10000, 43926, 99999):
        fordeling = fordel_pa_maneder(belop, D(2025, 7, 3), D(2025, 12, 18))
        assert sum(a for *_, a in fordeling) == belop


def test_delmaned_far_andel_etter_manedsverk() -> None:
    tilsagn = lag_tilsagn(start=D(2025, 1, 2), slutt=D(2025, 2, 15), belop=2935)
    assert _krav(_maned(2025, 1), tilsagn) == 1935
    assert _krav(_maned(2025, 2), tilsagn) == 1000


def test_bidraget_begrenses_til_gjenstaende_belop() -> None:
    tilsagn = lag_tilsagn(belop=10000, belop_brukt=7500)
    assert _krav(_maned(2025, 3), tilsagn) == 2500


def test_bare_godkjente_tilsagn_i_kravets_valuta_teller() -> None:
    tilsagn = [
        lag_tilsagn("ok", belop=3000),
        lag_tilsagn("annullert", belop=3000, status=TilsagnStatus.ANNULLERT),
        lag_tilsagn("sek", belop=3000, valuta="SEK"),
    ]
    input = lag_input(prismodell=TAO, tiltakskode=Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER, tilsagn=tilsagn)
    output = beregn(input).output
    assert [(b.tilsagn_id, b.belop) for b in output.tilsagn_bidrag] == [("ok", 1000)]


def test_tilsagn_som_gir_null_listes_likevel() -> None:
    tilsagn = lag_tilsagn("brukt", belop=3000, belop_brukt=3000)
    input = lag_input(prismodell=TAO, tiltakskode=Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER, tilsagn=[tilsagn])
    assert [(b.tilsagn_id, b.belop) for b in beregn(input).output.tilsagn_bidrag] == [("brukt", 0)]


def test_manedene_gar_opp_i_tilsagnet_over_versjonsskiftet() -> None:
    tilsagn = lag_tilsagn(start=D(2025, 7, 10), slutt=D(2025, 9, 20), belop=15001)
    andeler = [_krav(_maned(2025, m), tilsagn) for m in (7, 8, 9)]
    assert sum(andeler) == 15001
