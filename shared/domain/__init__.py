"""Pure rules, one sub-package per bounded context; stdlib and pydantic only: no clock, no environment, no I/O."""
