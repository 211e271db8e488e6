"""The "why did my amount change" DTO shared by the arrangør and Nav APIs and the CLI."""
