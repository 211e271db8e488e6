"""Explaining a claim's amount: its kept calculations and the changes between them."""
