"""Use cases, one sub-package per bounded context; the ports they need are passed in."""
