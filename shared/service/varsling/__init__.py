"""Notices to the arrangør and to Nav: the Varsler port, the notice dispatcher and the daily attestation check."""
