"""Nav's inbound data: arrangør, rammeavtale (prismodell, satser), gjennomføring, deltakelse, forslag, stengt."""
