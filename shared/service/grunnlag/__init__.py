"""Use cases on Nav's inbound data: ingest, and marking gjennomføringer for recalculation."""
