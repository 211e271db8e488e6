"""Ports of reconciliation (issue 18): one reading of the ledger. Publishing uses `shared.service.ports.Publisher`."""

from __future__ import annotations

from typing import Protocol

from shared.domain.avstemming.avvik import Avstemmingsgrunnlag


class Avstemmingskilde(Protocol):
    def les(self) -> Avstemmingsgrunnlag:
        """Every claim (with its stored beregning), line, tilsagn and FAKTURA outbox record."""
        ...
