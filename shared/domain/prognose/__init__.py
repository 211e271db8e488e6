"""The spend forecast (prognose): expected use per tilsagn from the engine on the current participant list."""
