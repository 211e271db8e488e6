"""Nav's side of every process: two-person control, roles per kostnadssted, and Nav's errors."""
