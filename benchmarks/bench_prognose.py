"""Backtest of the spend forecast (issue 18 part 3). Run with `make bench-prognose`; pure domain, no emulators.

A synthetic 2026 of AFT places that grow month by month as post 76 did from 2023 to 2024 (48 407 → 56 165 places a
month, `nav-arsrapport-2024.txt`), scaled down by `BENCH_SKALA` (default 1/100: 484 → 562 places over 20
gjennomføringer). Every fifth participant has a known end date and leaves; newcomers fill the places, and nobody knows
of a newcomer before the month they start. The tilsagn (one per gjennomføring) add up to the year's budget, set so
that the year's final spend overshoots it by 4 %, as 2024's 3.9 %.

For each month k the forecast is what `prognose` says on the 10th of month k+1: months 1..k are approved claims (in
`belop_brukt`), months k+1..12 are the engine on the participant list known then. It prints, per month, the forecast,
its error against the final spend, and whether the year is flagged as overspending its budget; then the first month
the 4 % overspend is flagged, and the load average (the machine is shared, so the time is only indicative).
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from shared.domain.felles.kodeverk import Deltakerstatus, TilsagnStatus
from shared.domain.generering import Grunnlag
from shared.domain.generering.regler import maned_periode
from shared.domain.grunnlag.deltakelse import Deltakelse, Deltakelsesmengde, Person
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.prognose.sammendrag import prosent, rull_opp
from shared.domain.prognose.tilsagn import engine_belop, maneder_i, prognose_for
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling, UtbetalingStatus

AR = 2026
PLASSER_FRA, PLASSER_TIL = 48_407, 56_165
SKALA = Decimal(os.environ.get("BENCH_SKALA", "0.01"))
GJENNOMFORINGER = 20
OVERFORBRUK = Decimal("1.04")
SLUTTER_HVER = 5
"""Every fifth participant has a known end date (four months after the start, or during the year for those already
in place on 1 January)."""


@dataclass(frozen=True, slots=True)
class Deltaker:
    gjennomforing: int
    start: date
    slutt: date | None


def _siste_dag(ar: int, maned: int) -> date:
    return maned_periode(f"{ar:04d}-{maned:02d}").slutt - timedelta(days=1)


def _plasser(maned: int) -> int:
    """Places in month 1..12, linear from the 2023 to the 2024 level, scaled (HALF_UP)."""
    eksakt = Decimal(PLASSER_FRA) + Decimal(PLASSER_TIL - PLASSER_FRA) * (maned - 1) / 11
    return int((eksakt * SKALA).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _aktiv(d: Deltaker, maned: int) -> bool:
    return d.start <= date(AR, maned, 1) and (d.slutt is None or d.slutt >= _siste_dag(AR, maned))


def _deltakere() -> list[Deltaker]:
    ut: list[Deltaker] = []
    for i in range(_plasser(1)):
        slutt = _siste_dag(AR, 1 + i % 11) if i % SLUTTER_HVER == 0 else None
        ut.append(Deltaker(i % GJENNOMFORINGER, date(2025, 9, 1), slutt))
    for maned in range(2, 13):
        start = date(AR, maned, 1)
        while sum(_aktiv(d, maned) for d in ut) < _plasser(maned):
            n = len(ut)
            slutt = _siste_dag(AR + (maned + 3 > 12), (maned + 3 - 1) % 12 + 1) if n % SLUTTER_HVER == 0 else None
            ut.append(Deltaker(n % GJENNOMFORINGER, start, slutt))
    return ut


_PERSON = Person(norsk_ident="01810012345", fornavn="Syn", etternavn="Tetisk", adressebeskyttelse="UGRADERT",
                 skjermet=False)  # fmt: skip
_HEL = (Deltakelsesmengde(gyldig_fra=date(2025, 7, 1), deltakelsesprosent=Decimal(100)),)
_T0 = datetime(AR, 1, 1, tzinfo=UTC)


def _gjennomforing(gid: int) -> Gjennomforing:
    return Gjennomforing(id=str(uuid.UUID(int=gid + 1)), versjon=1, lopenummer=f"2025/{gid + 1}", navn="AFT",
                         tiltakskode="ARBEIDSFORBEREDENDE_TRENING",
                         arrangor_orgnr="973123456", start_dato=date(2025, 7, 1), status="GJENNOMFORES",
                         prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", valuta="NOK")  # fmt: skip


def _krav(gjennomforing_id: str, maned: int, belop: int) -> Utbetaling:
    m = maned_periode(f"{AR}-{maned:02d}")
    return Utbetaling(id=f"u-{gjennomforing_id}-{maned}", gjennomforing_id=gjennomforing_id,
                      tiltakskode="ARBEIDSFORBEREDENDE_TRENING", arrangor_orgnr="973123456", periode_start=m.start,
                      periode_slutt=m.slutt, maned=f"{AR}-{maned:02d}", opprinnelse=Opprinnelse.GENERERT,
                      status=UtbetalingStatus.UTBETALT, prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
                      belop=belop, valuta="NOK", created_at=_T0, updated_at=_T0)  # fmt: skip


def _grunnlag(gid: int, deltakere: list[Deltaker], kjent_til: date, krav: list[tuple[int, int]], belop: int,
              brukt: int) -> Grunnlag:  # fmt: skip
    g = _gjennomforing(gid)
    d = tuple(Deltakelse(id=str(uuid.UUID(int=(gid + 1) << 32 | i)), versjon=1, gjennomforing_id=g.id,
                         person=_PERSON, start_dato=x.start,
                         slutt_dato=x.slutt, deltakelsesmengder=_HEL,
                         status=Deltakerstatus.DELTAR if x.slutt is None else Deltakerstatus.FULLFORT)
              for i, x in enumerate(deltakere) if x.gjennomforing == gid and x.start < kjent_til)  # fmt: skip
    t = Tilsagn(id=f"t-{gid:03d}", gjennomforing_id=g.id, type=TilsagnType.TILSAGN, periode_start=date(AR, 1, 1),
                periode_slutt=date(AR + 1, 1, 1), belop=belop, belop_brukt=brukt, status=TilsagnStatus.GODKJENT,
                kostnadssted="0300")  # fmt: skip
    u = tuple(_krav(g.id, m, b) for m, b in krav)
    return Grunnlag(gjennomforing=g, avtale=None, deltakelser=d, forslag=(), tilsagn=(t,), utbetalinger=u)


def _kr(belop: int) -> str:
    return f"{belop:,}".replace(",", " ")


def main() -> None:
    t0 = time.perf_counter()
    deltakere = _deltakere()
    # The final spend: each month's claim on the full list (nobody registered later changes a past month).
    fasit = {gid: [engine_belop(_grunnlag(gid, deltakere, date(AR + 1, 1, 1), [], 1, 0), m) for m in maneder_i(AR)]
             for gid in range(GJENNOMFORINGER)}  # fmt: skip
    sluttforbruk = sum(sum(v) for v in fasit.values())
    tilsagn = {gid: int((Decimal(sum(v)) / OVERFORBRUK).quantize(Decimal(1), rounding=ROUND_HALF_UP))
               for gid, v in fasit.items()}  # fmt: skip
    budsjett = sum(tilsagn.values())
    print(f"Backtest {AR}: {_plasser(1)} → {_plasser(12)} plasser i {GJENNOMFORINGER} AFT-gjennomføringer "
          f"({len(deltakere)} deltakere); sluttforbruk {_kr(sluttforbruk)} kr; budsjett = sum tilsagn "
          f"{_kr(budsjett)} kr ({prosent(sluttforbruk - budsjett, budsjett)} % overforbruk)")  # fmt: skip
    print(f"{'Prognose per':<14}{'Prognose':>14}{'Feil':>12}{'Feil %':>9}  Flagget")
    forste = None
    for k in range(1, 13):
        idag = date(AR + (k == 12), k % 12 + 1, 10)
        per = []
        for gid in range(GJENNOMFORINGER):
            krav = [(m, fasit[gid][m - 1]) for m in range(1, k + 1)]
            g = _grunnlag(gid, deltakere, idag, krav, tilsagn[gid], sum(b for _, b in krav))
            per.append(prognose_for(g, AR, idag))
        p = rull_opp(AR, idag, per, budsjett)
        feil = p.forventet - sluttforbruk
        if p.overforbruk and forste is None:
            forste = k
        print(f"{idag.isoformat():<14}{p.forventet:>14,}{feil:>+12,}{prosent(feil, sluttforbruk)!s:>9}  "
              f"{'JA' if p.overforbruk else 'nei'}".replace(",", " "))  # fmt: skip
    navn = maneder_i(AR)[forste - 1] if forste else "aldri"
    print(
        f"Første måned et overforbruk på 4 % flagges: {navn} (prognosen per {forste and date(AR, forste % 12 + 1, 10)})"
    )
    last = os.getloadavg()
    print(
        f"Tid {time.perf_counter() - t0:.1f} s; load average {last[0]:.2f} {last[1]:.2f} {last[2]:.2f} "
        f"({os.cpu_count()} kjerner)"
    )


if __name__ == "__main__":
    main()
