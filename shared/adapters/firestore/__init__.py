"""Firestore plumbing every repository shares, and the repository of ingest, generation and recalculation."""
