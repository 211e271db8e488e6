"""Use cases of the arrangør API (arrangørflate): reads, godkjenn, avbryt, manual claims and vedlegg + ports."""
