"""Builders for forecast tests: an AFT gjennomføring in 2026 (sats 21 730, full places), seen on 10 March."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.generering.krav import Grunnlag
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling, UtbetalingStatus
from tests.bygg_generering import lag_deltakelse, lag_gjennomforing, lag_tilsagn, ny_id

AR = 2026
SATS = 21_730
IDAG = date(2026, 3, 10)
"""January and February are generated (the 7th of March has passed); March–December are the engine's."""
T0 = datetime(2026, 2, 7, 4, 0, tzinfo=UTC)


def lag_krav(gjennomforing_id: str, maned: int, belop: int, status: UtbetalingStatus, **felt: Any) -> Utbetaling:
    slutt = date(AR, maned + 1, 1) if maned < 12 else date(AR + 1, 1, 1)
    data: dict[str, Any] = {
        "id": ny_id(),
        "gjennomforing_id": gjennomforing_id,
        "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
        "arrangor_orgnr": "973123456",
        "periode_start": date(AR, maned, 1),
        "periode_slutt": slutt,
        "maned": f"{AR}-{maned:02d}",
        "opprinnelse": Opprinnelse.GENERERT,
        "status": status,
        "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
        "belop": belop,
        "valuta": "NOK",
        "created_at": T0,
        "updated_at": T0,
    }
    return Utbetaling.model_validate(data | felt)


def lag_grunnlag(
    deltakere: list[date | None],
    tilsagn: list[dict[str, Any]],
    krav: list[tuple[int, int, UtbetalingStatus]] = (),  # type: ignore[assignment]
    **gjennomforing: Any,
) -> Grunnlag:
    """One participant per slutt_dato (None = open), all from 1 January at 100 %; tilsagn over the whole year unless
    given; krav as (month, belop, status)."""
    g = lag_gjennomforing(start_dato=date(AR, 1, 1), **gjennomforing)
    d = tuple(lag_deltakelse(g.id, start_dato=date(AR, 1, 1), slutt_dato=s,
                             status="DELTAR" if s is None else "FULLFORT") for s in deltakere)  # fmt: skip
    ts: list[Tilsagn] = []
    for i, felt in enumerate(tilsagn, start=1):
        standard = {"periode_start": date(AR, 1, 1), "periode_slutt": date(AR + 1, 1, 1), "kostnadssted": "0387",
                    "lopenummer": i, "status": TilsagnStatus.GODKJENT}  # fmt: skip
        ts.append(lag_tilsagn(g.id, **(standard | felt)))
    u = tuple(lag_krav(g.id, m, b, s) for m, b, s in krav)
    return Grunnlag(gjennomforing=g, avtale=None, deltakelser=d, forslag=(), tilsagn=tuple(ts), utbetalinger=u)
