"""Builders for Nav-processing tests: defaults that read as a real month (November 2025, AFT)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus

T0 = datetime(2025, 12, 8, 9, 0, tzinfo=UTC)
KOSTNADSSTED = "0387"

SAKSBEHANDLER = NavAnsatt("S111111", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE})
SAKSBEHANDLER_2 = NavAnsatt("S222222", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE})
BESLUTTER = NavAnsatt("B333333", {Rolle.BESLUTTER_TILSAGN: frozenset({KOSTNADSSTED})})
BESLUTTER_ANNET_STED = NavAnsatt("B444444", {Rolle.BESLUTTER_TILSAGN: frozenset({"0999"})})
ATTESTANT = NavAnsatt("A555555", {Rolle.ATTESTANT_UTBETALING: frozenset({KOSTNADSSTED})})
ATTESTANT_2 = NavAnsatt("A666666", {Rolle.ATTESTANT_UTBETALING: ALLE})
ATTESTANT_ANNET_STED = NavAnsatt("A777777", {Rolle.ATTESTANT_UTBETALING: frozenset({"0999"})})
ALT_I_ETT = NavAnsatt(
    "X888888",
    {Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.BESLUTTER_TILSAGN: ALLE, Rolle.ATTESTANT_UTBETALING: ALLE},
)
UTEN_ROLLER = NavAnsatt("U999999", {})


def lag_tilsagn(**felt: object) -> Tilsagn:
    standard: dict[str, object] = {
        "id": "t-1",
        "gjennomforing_id": "g-1",
        "type": TilsagnType.TILSAGN,
        "periode_start": date(2025, 7, 1),
        "periode_slutt": date(2026, 1, 1),
        "belop": 500_000,
        "belop_brukt": 0,
        "status": TilsagnStatus.GODKJENT,
        "kostnadssted": KOSTNADSSTED,
        "lopenummer": 1,
        "bestillingsnummer": "A-2025/1-1",
    }
    return Tilsagn.model_validate(standard | felt)


def lag_utbetaling(**felt: object) -> Utbetaling:
    standard: dict[str, object] = {
        "id": "u-1",
        "gjennomforing_id": "g-1",
        "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
        "arrangor_orgnr": "973674471",
        "periode_start": date(2025, 11, 1),
        "periode_slutt": date(2025, 12, 1),
        "opprinnelse": Opprinnelse.GENERERT,
        "status": UtbetalingStatus.TIL_BEHANDLING,
        "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
        "belop": 100_000,
        "valuta": "NOK",
        "betalingsinformasjon": Betalingsinformasjon(kontonummer="12345678903", kid=None),
        "created_at": T0,
        "updated_at": T0,
    }
    return Utbetaling.model_validate(standard | felt)


class Ider:
    def __init__(self, prefiks: str = "l") -> None:
        self.n = 0
        self.prefiks = prefiks

    def __call__(self) -> str:
        self.n += 1
        return f"{self.prefiks}-{self.n}"
