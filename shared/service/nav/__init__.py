"""Nav's use cases: tilsagn, claims, korreksjon, stengt, reads, the automatic paths and the daily TAO retry; ports."""
