"""Utbetaling (payment claims): lines, innsending, manual claims, korreksjon, cancellation, approval, payment status."""
