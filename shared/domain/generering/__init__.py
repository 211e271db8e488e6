"""The monthly generation: its rules, and building and calculating a generated claim."""

from shared.domain.generering.krav import DRIFT, Grunnlag, Hopp, bygg_input, vurder

__all__ = ["DRIFT", "Grunnlag", "Hopp", "bygg_input", "vurder"]
"""What other contexts use: the forecast builds the very input generation would (issue 18)."""
