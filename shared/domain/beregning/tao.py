"""`FAST_SATS_PER_AVTALT_PLASS_PER_MANED` (TAO, VTA-O): paid from tilsagn, not participants (domene.md
§4.6, §12).

Each GODKJENT tilsagn in the claim's currency that overlaps C is spread over its months by månedsverk:
the exact
shares are floored and the remaining kroner go one at a time to the largest fractional parts, the
earlier month
winning a tie, so the shares add up to the tilsagn amount exactly. The claim takes the share of the months it
covers, floored and capped at the tilsagn's gjenstående beløp.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from shared.domain.beregning.manedsverk import manedsverk
from shared.domain.beregning.modeller import TilsagnInput
from shared.domain.beregning.resultat import TilsagnBidrag
from shared.domain.felles import KONTEKST, Periode, del_, rund_ned
from shared.domain.kodeverk import TilsagnStatus

_NULL = Decimal(0)


def gjenstaende_belop(tilsagn: TilsagnInput) -> int:
    """belop − belop_brukt, and 0 for ANNULLERT or OPPGJORT (domene.md §5.3); never below 0."""
    if tilsagn.status in (TilsagnStatus.ANNULLERT, TilsagnStatus.OPPGJORT):
        return 0
    return max(0, tilsagn.belop - tilsagn.belop_brukt)


def fordel_pa_maneder(belop: int, maneder: Sequence[Periode]) -> list[tuple[Decimal, int]]:
    """(fᵢ, aᵢ) per month: fᵢ the unrounded månedsverk, aᵢ the month's whole-krone share of `belop`."""
    f = [manedsverk(m.start, m.slutt) for m in maneder]
    total = sum(f, _NULL)
    if total == 0:
        return [(fi, 0) for fi in f]
    eksakt = [del_(KONTEKST.multiply(Decimal(belop), fi), total) for fi in f]
    andeler = [rund_ned(e) for e in eksakt]
    rest = belop - sum(andeler)
    rekkefolge = sorted(range(len(f)), key=lambda i: (-(eksakt[i] - andeler[i]), i))
    for i in rekkefolge[:rest]:
        andeler[i] += 1
    return list(zip(f, andeler, strict=True))


def bidrag(tilsagn: TilsagnInput, periode: Periode) -> int:
    """The tilsagn's share for the claim period C: Σ aᵢ × (månedsverk(oⱼ) ÷ fᵢ) over C ∩ T.p, floored,
    capped."""
    tilsagnsperiode = tilsagn.periode.periode
    overlapp = tilsagnsperiode.snitt(periode)
    if overlapp is None:
        return 0
    maneder = tilsagnsperiode.del_per_maned()
    sum_ = _NULL
    for (fi, ai), maned in zip(fordel_pa_maneder(tilsagn.belop, maneder), maneder, strict=True):
        stykke = maned.snitt(overlapp)
        if stykke is None or fi == 0:
            continue
        andel = del_(manedsverk(stykke.start, stykke.slutt), fi)
        sum_ = KONTEKST.add(sum_, KONTEKST.multiply(Decimal(ai), andel))
    return min(rund_ned(sum_), gjenstaende_belop(tilsagn))


def beregn_tao(tilsagn: Sequence[TilsagnInput], periode: Periode, valuta: str) -> list[TilsagnBidrag]:
    """Every tilsagn considered (GODKJENT, same currency, overlapping C) is listed, also those giving 0."""
    aktuelle = [
        t
        for t in sorted(tilsagn, key=lambda t: t.periode.start)
        if t.status is TilsagnStatus.GODKJENT and t.valuta == valuta and t.periode.periode.overlapper(periode)
    ]
    return [TilsagnBidrag(t.id, bidrag(t, periode)) for t in aktuelle]
