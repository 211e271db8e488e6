"""Every composite index and single-field exemption the queries of this service need, in one place, as data, so
that Terraform (infra/) can be checked against it. The Firestore emulator needs no indexes; production does.

Generation and recalculation read by document id through the index documents of grunnlagsindeks.py, so they need
no composite index. The queries left (firestore/repo.py, arrangor/repo.py, nav/repo.py) are single-field
equalities or equalities merged from single-field indexes:
- gjennomforinger: avtale_id == a                     (ingest of an avtale: its gjennomføringer)
- forslag: deltaker_id == d                           (ingest of a new or moved deltakelse: forslag without parent)
- utbetalinger: arrangor_orgnr == o                   (arrangør API list)
- utbetalinger: status == GENERERT AND prismodell == p (Nav, TAO claims waiting for an account)
- utbetalinger: status in [..]                        (Nav work views: the oppgaveoversikt's claims)
- tilsagn: status in [..] / status == s               (Nav work views: the oppgaveoversikt's tilsagn, the list)
- tilsagn: kostnadssted in [..]                       (Nav work views: the list, claims per kostnadssted)
- tilsagn: kostnadssted in [..] AND status == s       (Nav work views: the list with a status filter; composite)
- endringshistorikk: dokument_id == d                 (Nav work views: a claim's or tilsagn's change log)
- tiltaksavtaler: status in [...]                     (the daily job's ids)
- avtale_varsler: avtale_id in [...]                  (in-app notices)
The tiltaksavtale lists and its outbox sender need the composite indexes below (tiltaksavtale/repo.py).
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


_AVTALEPARTER: Final = ("bedrift_nr", "deltaker_fnr", "mentor_fnr", "veileder_navident")

KOMPOSITTE_INDEKSER: Final[tuple[Indeks, ...]] = (
    # the Nav work views' tilsagn list filtered by kostnadssted and status (shared/adapters/nav/arbeidsvisning.py)
    Indeks("tilsagn", (("kostnadssted", "ASCENDING"), ("status", "ASCENDING"))),
    # tiltaksavtale lists (avtale.md §9.1): one party field (+ status), by sist_endret DESC
    *(Indeks("tiltaksavtaler", ((f, "ASCENDING"), ("sist_endret", "DESCENDING"))) for f in _AVTALEPARTER),
    *(
        Indeks("tiltaksavtaler", ((f, "ASCENDING"), ("status", "ASCENDING"), ("sist_endret", "DESCENDING")))
        for f in _AVTALEPARTER
    ),
    # the tiltaksavtale outbox sender: unsent records that are due
    Indeks("avtale_utsendinger", (("sendt", "ASCENDING"), ("send_tidligst", "ASCENDING"))),
)

FELTUNNTAK: Final[tuple[Unntak, ...]] = (
    Unntak("utbetalinger", "beregning_gz"),
    Unntak("endringshistorikk", "snapshot"),
    Unntak("deltakelser", "person"),
    Unntak("grunnlagsindekser", "deltakelser"),
    Unntak("grunnlagsindekser", "forslag"),
    Unntak("grunnlagsindekser", "tilsagn"),
    Unntak("grunnlagsindekser", "utbetalinger"),
    Unntak("generering_kandidater", "gjennomforinger"),
    Unntak("utsendingsindekser", "usendte"),
    Unntak("varselindekser", "usendte"),
    Unntak("tiltaksavtaler", "innhold"),
    Unntak("versjoner", "innhold"),
    Unntak("avtale_utsendinger", "innhold"),
)
"""Large or private fields that are never queried: exempt from indexing (beregning_gz: §6.1). The maps of the index
documents (one entry per member id) are only read by document id; indexing them would cost an index entry per
member on every write and could pass the 40 000 index entries of a document."""
