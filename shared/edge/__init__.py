"""Glue used only by functions/: HTTP routing and auth, each API's handlers and DTOs, CloudEvent decoding."""
