"""Reconciliation use cases: the ledger check on demand and the daily run with its grensesnittavstemming."""
