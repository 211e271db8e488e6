"""Archiving (journalføring) of received claims and the `Arkiv` port it needs (domene.md §11)."""
