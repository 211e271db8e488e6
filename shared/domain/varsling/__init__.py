"""Notices to the arrangør and to Nav: the notice record, its deterministic id and its texts."""
