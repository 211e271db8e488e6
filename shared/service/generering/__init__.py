"""The monthly run (fan-out and worker, with TAO payment at generation) and recalculation on data change."""
