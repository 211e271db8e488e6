"""Expected use of each tilsagn at the end of its period (issue 18 part 3, domene.md §4, §5.3, §6.6, §7.1).

For one gjennomføring and one year, month by month:
- a month with an approved claim (FERDIG_BEHANDLET, DELVIS_UTBETALT, UTBETALT) is already in the tilsagn's
  `belop_brukt`;
- a month with a claim not yet approved (GENERERT … TIL_AVBRYTELSE) will cost that claim's stored amount (`ventende`);
- a month with no claim whose generation has not run yet (before the 7th of the month after, §7.1) costs what the
  engine gives on the **current** data: participants with their known end dates, stengt, satser (`prognose`). The
  input is built by generation's own `bygg_input`, so the forecast is the very claim the run would create today;
- a month whose generation has run and made no claim costs nothing (§14.11: it is not created later);
- a manual model (timepris, annen avtalt pris) has no engine: its GODKJENT tilsagn is assumed used in full, unflagged.
INVESTERING tilsagn (one-off, claimed by hand) are not forecast.

Each month's amount is charged as a saksbehandler would (§6.6): to the GODKJENT DRIFT tilsagn overlapping the claim
period, earliest first (TILSAGN before EKSTRATILSAGN), each up to its gjenstående; what the last one cannot hold is
kept on it as overspend, so the roll-up sees it. A month with no such tilsagn is `uten_tilsagn`.

Flags: **GAR_TOM** in the first month a tilsagn's room is used up while that month still wants more; **LITE_BRUKT**
when the expected use is below `LITE_BRUKT_ANDEL` of the amount. Every amount is an `int` (whole kroner).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from shared.domain.beregning import beregn, les_beregning_input
from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import MANUELLE_PRISMODELLER, TilsagnStatus
from shared.domain.felles.periode import Periode
from shared.domain.generering import DRIFT, Grunnlag, Hopp, bygg_input, vurder
from shared.domain.generering.regler import krav_periode, maned_periode
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus

LITE_BRUKT_ANDEL = (4, 5)
"""A tilsagn whose expected use is below 4/5 (80 %) of its amount is flagged LITE_BRUKT: more than a fifth left is
money Nav can annul or move while the year is still young; below that it is ordinary slack (a participant leaving
early, a stengt week). A ratio of integers, so the test is exact."""

_U = UtbetalingStatus
GODKJENTE_KRAV = frozenset({_U.FERDIG_BEHANDLET, _U.DELVIS_UTBETALT, _U.UTBETALT})
"""Approved claims: their lines are in `belop_brukt`."""
FORPLIKTET = frozenset({TilsagnStatus.GODKJENT, TilsagnStatus.TIL_ANNULLERING, TilsagnStatus.TIL_OPPGJOR})
"""Approved tilsagn whose whole amount is still committed; an OPPGJORT one commits only what it used."""
_REKKEFOLGE = {TilsagnType.TILSAGN: 0, TilsagnType.EKSTRATILSAGN: 1}
GENERERINGSDAG = 7
"""§7.1: the month's claims are created on the 7th of the month after."""


class Flagg(StrEnum):
    GAR_TOM = "GAR_TOM"
    """Expected to run out before the period's spend is covered."""
    LITE_BRUKT = "LITE_BRUKT"
    """Expected to be left largely unused."""


@dataclass(frozen=True, slots=True)
class Maned:
    """One month of one gjennomføring (or a roll-up): claims that exist, and the engine's forecast."""

    maned: str
    faktisk: int = 0
    """Σ the month's existing claims (approved and pending)."""
    prognose: int = 0
    """The engine on current data, for a month not generated yet."""


@dataclass(frozen=True, slots=True)
class TilsagnPrognose:
    tilsagn_id: str
    gjennomforing_id: str
    tiltakskode: str
    kostnadssted: str
    bestillingsnummer: str | None
    status: TilsagnStatus
    belop: int
    brukt: int
    ventende: int
    """Charged from claims not yet approved."""
    prognose: int
    """Charged from the engine's months."""
    gar_tom_maned: str | None = None
    flagg: tuple[Flagg, ...] = ()

    @property
    def forventet(self) -> int:
        """Expected use at the end of the period: brukt + ventende + prognose (may exceed belop: overspend)."""
        return self.brukt + self.ventende + self.prognose

    @property
    def forpliktet(self) -> int:
        """What the tilsagn commits in the roll-up: its amount while approved, its use once settled."""
        if self.status in FORPLIKTET:
            return self.belop
        return self.brukt if self.status is TilsagnStatus.OPPGJORT else 0


@dataclass(frozen=True, slots=True)
class GjennomforingPrognose:
    gjennomforing_id: str
    tiltakskode: str
    kostnadssted: str
    """Of its latest tilsagn of the year (where spend without a tilsagn is rolled up)."""
    maneder: tuple[Maned, ...]
    tilsagn: tuple[TilsagnPrognose, ...]
    uten_tilsagn: int = 0
    """Expected spend in months no GODKJENT tilsagn covers."""


@dataclass(slots=True)
class _Konto:
    """A tilsagn while the months are charged to it."""

    t: Tilsagn
    ventende: int = 0
    prognose: int = 0
    gar_tom: str | None = None
    rom: int = field(init=False)

    def __post_init__(self) -> None:
        self.rom = self.t.belop - self.t.belop_brukt


def maneder_i(ar: int) -> list[str]:
    return [f"{ar:04d}-{m:02d}" for m in range(1, 13)]


def generert(maned: str, idag: date) -> bool:
    """Whether the scheduled run for the month has happened (the 7th of the month after, §7.1)."""
    slutt = maned_periode(maned).slutt
    return idag >= slutt.replace(day=GENERERINGSDAG)


def engine_belop(grunnlag: Grunnlag, maned: str) -> int:
    """What generation would claim for the month today: §7.1 steps 1–3 on the current data (0 when skipped). A
    claim period the hele-uke snapping leaves without a whole week gives 0, as generation makes no claim."""
    if grunnlag.gjennomforing.prismodell in MANUELLE_PRISMODELLER:
        return 0
    hopp = vurder(grunnlag, maned)
    if hopp is not None and hopp is not Hopp.FINNES_ALLEREDE:
        return 0
    try:
        return beregn(les_beregning_input(bygg_input(grunnlag, maned))).output.belop
    except Valideringsfeil:
        return 0  # an input error makes no claim either; reconciliation and generation report it


def _krav_i(utbetalinger: Sequence[Utbetaling], c: Periode) -> list[Utbetaling]:
    return [
        u
        for u in utbetalinger
        if u.tilskuddstype is DRIFT
        and u.status is not UtbetalingStatus.AVBRUTT
        and u.periode_start < c.slutt
        and c.start < u.periode_slutt
    ]


def _belast(kontoer: list[_Konto], c: Periode, maned: str, ventende: int, prognose: int) -> int:
    """Charges the month to the GODKJENT tilsagn overlapping C in §6.6 order; returns what no tilsagn covers."""
    aktuelle = [k for k in kontoer if k.t.periode_start < c.slutt and c.start < k.t.periode_slutt]
    if not aktuelle:
        return ventende + prognose
    for art, belop in (("ventende", ventende), ("prognose", prognose)):
        rest = belop
        for i, k in enumerate(aktuelle):
            siste = i == len(aktuelle) - 1
            del_ = rest if siste else min(rest, max(k.rom, 0))
            setattr(k, art, getattr(k, art) + del_)
            k.rom -= del_
            rest -= del_
            if k.rom <= 0 and (rest > 0 or k.rom < 0) and k.gar_tom is None:
                k.gar_tom = maned
    return 0


def _flagg(k: _Konto) -> tuple[Flagg, ...]:
    forventet = k.t.belop_brukt + k.ventende + k.prognose
    teller, nevner = LITE_BRUKT_ANDEL
    ut = []
    if k.gar_tom is not None:
        ut.append(Flagg.GAR_TOM)
    if k.t.status is TilsagnStatus.GODKJENT and forventet * nevner < k.t.belop * teller:
        ut.append(Flagg.LITE_BRUKT)
    return tuple(ut)


def prognose_for(grunnlag: Grunnlag, ar: int, idag: date) -> GjennomforingPrognose:
    """The forecast of one gjennomføring's DRIFT tilsagn starting in `ar` (a tilsagn never crosses a year, §5.5)."""
    g = grunnlag.gjennomforing
    arets = sorted(
        (t for t in grunnlag.tilsagn if t.periode_start.year == ar and t.type in _REKKEFOLGE),
        key=lambda t: (t.periode_start, _REKKEFOLGE[t.type], t.lopenummer or 0, t.id),
    )
    kontoer = [_Konto(t) for t in arets if t.status is TilsagnStatus.GODKJENT]
    maneder: list[Maned] = []
    uten = 0
    for maned in maneder_i(ar):
        c = krav_periode(g.prismodell, maned_periode(maned))
        krav = _krav_i(grunnlag.utbetalinger, c)
        faktisk = sum(u.belop for u in krav)
        ventende = sum(u.belop for u in krav if u.status not in GODKJENTE_KRAV)
        har_krav = any(not u.er_korreksjon for u in krav)
        prognose = 0 if har_krav or generert(maned, idag) else engine_belop(grunnlag, maned)
        uten += _belast(kontoer, c, maned, ventende, prognose)
        maneder.append(Maned(maned, faktisk, prognose))
    belastet = {k.t.id: k for k in kontoer}
    manuell = g.prismodell in MANUELLE_PRISMODELLER
    tilsagn = tuple(_tilsagn_prognose(t, g.tiltakskode, belastet.get(t.id), manuell) for t in arets)
    kostnadssted = max(arets, key=lambda t: t.periode_start).kostnadssted if arets else None
    return GjennomforingPrognose(g.id, g.tiltakskode, kostnadssted or "", tuple(maneder), tilsagn, uten)


def _tilsagn_prognose(t: Tilsagn, tiltakskode: str, k: _Konto | None, manuell: bool) -> TilsagnPrognose:
    """A manual model (timepris, annen avtalt pris) has no engine: its GODKJENT tilsagn is assumed used in full."""
    if k is not None and manuell:
        k.prognose += max(k.rom, 0)
    return TilsagnPrognose(
        tilsagn_id=t.id,
        gjennomforing_id=t.gjennomforing_id,
        tiltakskode=tiltakskode,
        kostnadssted=t.kostnadssted or "",
        bestillingsnummer=t.bestillingsnummer,
        status=t.status,
        belop=t.belop,
        brukt=t.belop_brukt,
        ventende=k.ventende if k else 0,
        prognose=k.prognose if k else 0,
        gar_tom_maned=k.gar_tom if k else None,
        flagg=_flagg(k) if k and not manuell else (),
    )
