"""Ports and dependencies of Nav's work views (issue 16 §3; domene.md §9.1, §11).

Reads go by document id through the index documents where the data has them (a gjennomføring's tilsagn and claims
through `grunnlagsindekser`, a claim's lines through `utbetalingslinje_indekser`); the rest are single queries on
status or kostnadssted whose indexes `adapters/firestore/indekser.py` declares. Claims come without `beregning_gz`
except the one detail, which the arrangør side's claim view reads itself.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.service.arrangor.arrangorflate import GrunnlagRepo
from shared.service.arrangor.ports import ArrangorRepo
from shared.service.ports import Klokke, Tilgangslogg


@dataclass(frozen=True, slots=True)
class Historikkrad:
    """One endringshistorikk entry (§11) as the work views show it: no snapshot, only the status after the change."""

    tidspunkt: datetime
    operasjon: str
    utfort_av: str
    status: str | None


class ArbeidsvisningRepo(Protocol):
    def tilsagn(self, ider: Collection[str]) -> dict[str, Tilsagn]: ...

    def tilsagn_for_gjennomforinger(self, gjennomforing_ider: Collection[str]) -> dict[str, Tilsagn]:
        """Every tilsagn of the gjennomføringer, by id (through their grunnlagsindeks)."""
        ...

    def tilsagn_ved(self, kostnadssteder: Sequence[str] | None, status: str | None) -> list[Tilsagn]:
        """Tilsagn at these kostnadssteder (None: at any), with this status (None: any). At most 5 000."""
        ...

    def tilsagn_med_status(self, statuser: Collection[str]) -> list[Tilsagn]: ...

    def utbetalinger_for_gjennomforinger(self, gjennomforing_ider: Collection[str]) -> list[Utbetaling]:
        """Without `beregning_gz` (through the grunnlagsindeks)."""
        ...

    def utbetalinger_med_status(self, statuser: Collection[str]) -> list[Utbetaling]:
        """Without `beregning_gz`."""
        ...

    def linjer(self, utbetaling_ider: Collection[str]) -> dict[str, list[Utbetalingslinje]]:
        """Per claim, its lines in fakturanummer order (through the line index)."""
        ...

    def historikk(self, dokument_id: str) -> list[Historikkrad]:
        """Oldest first."""
        ...


@dataclass(frozen=True)
class Lesing:
    """What the arrangør side's claim view reads (`arrangorflate.Leseavh`)."""

    repo: ArrangorRepo
    grunnlag: GrunnlagRepo
    klokke: Klokke


@dataclass(frozen=True)
class Arbeidsavh:
    repo: ArbeidsvisningRepo
    les: Lesing
    tilgangslogg: Tilgangslogg
    klokke: Klokke
