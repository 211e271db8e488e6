"""Reconciliation (avstemming): the ledger's checks against itself and the finance system, and the daily summary."""
