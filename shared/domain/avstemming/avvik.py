"""What reconciliation reads and what it reports (issue 18 part 1; domene.md §4, §5.3, §6.6, §10).

A discrepancy (`Avvik`) is a problem for a person: it names the ids involved and the amounts expected and found,
never a name or a fødselsnummer, so it can be logged for an alert as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Final

from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.utsending.utsending import Utsending

UTSENDINGSLATENS: Final = timedelta(hours=1)
"""A due FAKTURA not published within this is stuck: the dispatcher runs every 5 minutes and right after a commit
(§10.1), so an hour is twelve missed passes."""
STATUSLATENS: Final = timedelta(days=2)
"""A published FAKTURA without any payment status after this is missing in the finance system: it answers `SENDT`
within minutes when it takes a faktura in (§10.3), and two days covers a weekend of its batch runs."""


class Avvikstype(StrEnum):
    BELOP_ULIK_BEREGNING = "BELOP_ULIK_BEREGNING"
    """The claim's stored amount differs from the engine's result on its stored input."""
    BEREGNING_UGYLDIG = "BEREGNING_UGYLDIG"
    """The stored input cannot be read or calculated any more."""
    LINJESUM_ULIK_BELOP = "LINJESUM_ULIK_BELOP"
    """An approved claim's lines do not sum to its approved amount, or an approved line sits on an unapproved claim."""
    LINJE_PA_UGYLDIG_TILSAGN = "LINJE_PA_UGYLDIG_TILSAGN"
    """An approved line's tilsagn is missing, of another gjennomføring, or was not GODKJENT when the line was."""
    BRUKT_ULIK_LINJESUM = "BRUKT_ULIK_LINJESUM"
    """A tilsagn's `belop_brukt` differs from the sum of its approved lines."""
    NEGATIV_GJENSTAENDE = "NEGATIV_GJENSTAENDE"
    """A tilsagn has used more than its amount."""
    FAKTURA_MANGLER = "FAKTURA_MANGLER"
    """An approved line has no FAKTURA in the outbox."""
    FAKTURA_DUPLIKAT = "FAKTURA_DUPLIKAT"
    """An approved line has more than one FAKTURA in the outbox."""
    FAKTURA_BELOP_ULIK = "FAKTURA_BELOP_ULIK"
    """The FAKTURA's amount differs from its line's."""
    FAKTURA_IKKE_SENDT = "FAKTURA_IKKE_SENDT"
    """A due FAKTURA has not been published within the expected latency."""
    STATUS_MANGLER = "STATUS_MANGLER"
    """A published FAKTURA has no payment status after the expected latency."""
    BETALT_FLERE_GANGER = "BETALT_FLERE_GANGER"
    """The same fakturanummer, or the same tilsagn on one claim, is paid on more than one line."""
    BETALT_UTEN_LINJE = "BETALT_UTEN_LINJE"
    """Money moves without an approved line: a FAKTURA without its line, a paid line never published, or a claim
    marked paid without a paid line."""


@dataclass(frozen=True, slots=True)
class Avvik:
    type: Avvikstype
    detalj: str
    """Norwegian, ids and amounts only."""
    utbetaling_id: str | None = None
    linje_id: str | None = None
    tilsagn_id: str | None = None
    fakturanummer: str | None = None
    forventet: int | None = None
    faktisk: int | None = None

    def ider(self) -> dict[str, str]:
        felt = {
            "utbetaling_id": self.utbetaling_id,
            "linje_id": self.linje_id,
            "tilsagn_id": self.tilsagn_id,
            "fakturanummer": self.fakturanummer,
        }
        return {k: v for k, v in felt.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Avstemmingsgrunnlag:
    """The ledger as read: every claim, line, tilsagn and FAKTURA outbox record (the checks pick their scope)."""

    utbetalinger: tuple[Utbetaling, ...]
    linjer: tuple[Utbetalingslinje, ...]
    tilsagn: tuple[Tilsagn, ...]
    fakturaer: tuple[Utsending, ...]


@dataclass(frozen=True, slots=True)
class Avstemmingsrapport:
    avvik: tuple[Avvik, ...]
    antall_utbetalinger: int
    antall_linjer: int
    antall_tilsagn: int
    antall_fakturaer: int
    sum_godkjent: int
    """Σ of the approved lines checked (NOK)."""

    @property
    def ok(self) -> bool:
        return not self.avvik
