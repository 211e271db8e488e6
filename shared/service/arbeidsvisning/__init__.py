"""Nav's work views: tilsagn and claim lists and details, change logs and the oppgaveoversikt (issue 16)."""
