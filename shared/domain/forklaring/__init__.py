"""Why an amount changed: the kept earlier calculations of a claim and the per-participant diff between two."""
