"""The outbox to the finance system: records, message kinds, and the pieces every message shares."""
