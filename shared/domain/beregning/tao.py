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
from datetime import date
from decimal import Decimal
from functools import lru_cache

from shared.domain.beregning.manedsverk import manedsverk
from shared.domain.beregning.modeller import TilsagnInput
from shared.domain.beregning.resultat import TilsagnBidrag
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.felles.periode import KONTEKST, Periode, del_, rund_ned

_NULL = Decimal(0)
_GODKJENT = TilsagnStatus.GODKJENT


def gjenstaende_belop(tilsagn: TilsagnInput) -> int:
    """belop − belop_brukt, and 0 for ANNULLERT or OPPGJORT (domene.md §5.3); never below 0."""
    if tilsagn.status in (TilsagnStatus.ANNULLERT, TilsagnStatus.OPPGJORT):
        return 0
    return max(0, tilsagn.belop - tilsagn.belop_brukt)


Maned = tuple[date, date, Decimal, int]
"""One month of a tilsagn: `(start, slutt, fᵢ, aᵢ)`."""


@lru_cache(maxsize=4096)
def fordel_pa_maneder(belop: int, start: date, slutt: date) -> tuple[Maned, ...]:
    """`belop` spread over the months of `[start, slutt)`: fᵢ the unrounded månedsverk, eᵢ = A × fᵢ ÷ F, aᵢ =
    floor(eᵢ), and the remainder one krone at a time to the largest eᵢ − aᵢ, the earlier month on a tie.
    Cached: a pure function of the amount and the period, and many tilsagn share both."""
    maneder = Periode(start, slutt).del_per_maned()
    f = [manedsverk(m.start, m.slutt) for m in maneder]
    total = sum(f, _NULL)
    andeler = [0] * len(f)
    if total:
        eksakt = [del_(KONTEKST.multiply(Decimal(belop), fi), total) for fi in f]
        andeler = [rund_ned(e) for e in eksakt]
        rest = belop - sum(andeler)
        for i in sorted(range(len(f)), key=lambda i: (-(eksakt[i] - andeler[i]), i))[:rest]:
            andeler[i] += 1
    return tuple((m.start, m.slutt, fi, ai) for m, fi, ai in zip(maneder, f, andeler, strict=True))


def bidrag(tilsagn: TilsagnInput, periode: Periode) -> int:
    """The tilsagn's share for the claim period C: Σ aᵢ × (månedsverk(oⱼ) ÷ fᵢ) over the month pieces oⱼ of
    C ∩ T.p, floored and capped at gjenstående."""
    t = tilsagn.periode
    sum_ = _NULL
    for m_start, m_slutt, fi, ai in fordel_pa_maneder(tilsagn.belop, t.start, t.slutt):
        start, slutt = max(m_start, periode.start), min(m_slutt, periode.slutt)
        if start < slutt and fi:
            andel = del_(manedsverk(start, slutt), fi)
            sum_ = KONTEKST.add(sum_, KONTEKST.multiply(Decimal(ai), andel))
    return min(rund_ned(sum_), gjenstaende_belop(tilsagn))


def beregn_tao(tilsagn: Sequence[TilsagnInput], periode: Periode, valuta: str) -> list[TilsagnBidrag]:
    """Every tilsagn considered (GODKJENT, same currency, overlapping C) is listed, also those giving 0."""
    aktuelle = [
        t
        for t in sorted(tilsagn, key=lambda t: t.periode.start)
        if t.status is _GODKJENT
        and t.valuta == valuta
        and t.periode.start < periode.slutt
        and periode.start < t.periode.slutt
    ]
    return [TilsagnBidrag(t.id, bidrag(t, periode)) for t in aktuelle]
