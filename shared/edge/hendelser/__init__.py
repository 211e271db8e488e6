"""Glue of the event-triggered functions: CloudEvent decoding, generation and ingest, dispatch and payment status."""
