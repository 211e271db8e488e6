"""Reconciliation's reading of the ledger from Firestore."""
