"""Adapters of Nav's ports: its repository, employee roles, the ordered finance publisher, outbox lookups."""
