"""Every composite index and single-field exemption the queries of this service need, in one place, as data,
so
that Terraform (infra/) can be checked against it. The Firestore emulator needs no indexes; production does.

Queries (firestore_repo.py):
- deltakelser: gjennomforing_id IN [...] AND tellende_til >= d              (generation, recalculation)
- deltakelser/forslag/tilsagn: gjennomforing_id == g AND endret >= t0       (recalculation marker check)
- forslag: gjennomforing_id IN [...] AND status == VENTER_PA_SVAR           (merged from single-field indexes)
- utbetalinger: gjennomforing_id == g AND status == GENERERT                 (merged from single-field
indexes)
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Indeks(NamedTuple):
    samling: str
    felt: tuple[tuple[str, str], ...]
    """(field, ASCENDING | DESCENDING) in order."""


class Unntak(NamedTuple):
    samling: str
    felt: str
    """A single-field index exemption (the field is not indexed)."""


KOMPOSITTE_INDEKSER: Final[tuple[Indeks, ...]] = (
    Indeks("deltakelser", (("gjennomforing_id", "ASCENDING"), ("tellende_til", "ASCENDING"))),
    Indeks("deltakelser", (("gjennomforing_id", "ASCENDING"), ("endret", "ASCENDING"))),
    Indeks("forslag", (("gjennomforing_id", "ASCENDING"), ("status", "ASCENDING"))),
    Indeks("forslag", (("gjennomforing_id", "ASCENDING"), ("endret", "ASCENDING"))),
    Indeks("tilsagn", (("gjennomforing_id", "ASCENDING"), ("endret", "ASCENDING"))),
    Indeks("utbetalinger", (("gjennomforing_id", "ASCENDING"), ("status", "ASCENDING"))),
)

FELTUNNTAK: Final[tuple[Unntak, ...]] = (
    Unntak("utbetalinger", "beregning_gz"),
    Unntak("endringshistorikk", "snapshot"),
    Unntak("deltakelser", "person"),
)
"""Large or private fields that are never queried: exempt from indexing (beregning_gz: §6.1)."""
