"""Archive one received claim (domene.md §11): the use case of the `arkiver` function, triggered by the creation of
`arkiveringer/{utbetaling_id}` in the transaction that sent the claim in, created the manual claim or the korreksjon.

Idempotent and safe under redelivery:
- an arkivering that is JOURNALFORT (or a claim that has a `journalpost_id`) is not archived again;
- the archive is keyed by `ekstern_referanse_id` = the utbetaling id, so a crash between the archive's answer and the
  write-back only repeats the call, and the archive answers with the same journalpost;
- the vedlegg are copied to `krav/{utbetaling_id}/` before the call, so a retry after `midlertidig/` expired still
  has them.

A transient failure (`ArkivFeil`, a store error) is raised, and the trigger retries with backoff. A permanent one (the
archive refused, the claim or a vedlegg is gone) is returned as AVVIST, marked on the arkivering, and the edge sends
it to the dead-letter topic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from shared.domain.arkiv.arkivkopi import Kravkontekst, VistPerson, deltakelse_ider, lag_arkivkopi
from shared.domain.arkiv.journalpost import Journalpost, lag_journalpost
from shared.domain.generering.krav import pakk_ut
from shared.domain.utbetaling.innsending import OSLO, TYPE_VISNING, type_kode, vist_ident, vist_navn
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.service.arkiv.ports import (
    Arkiv,
    ArkivAvvist,
    Arkivering,
    ArkivPdf,
    ArkivRepo,
    VedleggMangler,
    Vedleggsarkiv,
)
from shared.service.ports import Klokke

JOURNALFORT = "JOURNALFORT"


class Utfall(StrEnum):
    JOURNALFORT = "JOURNALFORT"
    """The archive answered with a journalpost id, now stored on the claim."""
    ALLEREDE_JOURNALFORT = "ALLEREDE_JOURNALFORT"
    """A redelivery: the claim was archived before, nothing was sent."""
    AVVIST = "AVVIST"
    """Permanent: the arkivering is marked and goes to the dead-letter topic."""


@dataclass(frozen=True, slots=True)
class Arkiveringsresultat:
    utfall: Utfall
    journalpost_id: str | None = None
    feil: str | None = None
    """A reason code, never personal data."""


@dataclass(frozen=True)
class ArkivAvh:
    repo: ArkivRepo
    arkiv: Arkiv
    vedlegg: Vedleggsarkiv
    pdf: ArkivPdf
    klokke: Klokke


def les_beregning(u: Utbetaling) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored input and output documents, decimals as `Decimal` (never float)."""
    if not u.beregning_gz:
        return {}, {}
    inn, ut = pakk_ut(u.beregning_gz)
    return json.loads(inn, parse_float=Decimal), (json.loads(ut, parse_float=Decimal) if ut.strip() else {})


def _journalpost(u: Utbetaling, a: Arkivering, avh: ArkivAvh) -> Journalpost:
    beregning = les_beregning(u)
    vedlegg_ider = list(dict.fromkeys(a.vedlegg or u.vedlegg))
    g = avh.repo.hent_grunnlag(u, deltakelse_ider(beregning[1]), vedlegg_ider)
    personer = {i: VistPerson(vist_navn(d.person), vist_ident(d.person)) for i, d in g.deltakelser.items()}
    filnavn = [g.vedlegg_filnavn.get(v, f"{v}.pdf") for v in vedlegg_ider]
    k = Kravkontekst(TYPE_VISNING[type_kode(u)][1], g.arrangor_navn, g.gjennomforing_navn, g.lopenummer, a.innsendt_av)
    kopi = lag_arkivkopi(u, k, beregning, personer, filnavn)
    filer = tuple((navn, avh.vedlegg.kopier_til_krav(u.id, v)) for navn, v in zip(filnavn, vedlegg_ider, strict=True))
    mottatt = (u.innsendt_tidspunkt or u.created_at).astimezone(OSLO).date()
    return lag_journalpost(u.id, u.arrangor_orgnr, g.arrangor_navn, g.lopenummer, mottatt, avh.pdf.lag(kopi), filer)


def _avvist(utbetaling_id: str, kode: str, avh: ArkivAvh) -> Arkiveringsresultat:
    avh.repo.marker_avvist(utbetaling_id, kode, avh.klokke.na())
    return Arkiveringsresultat(Utfall.AVVIST, feil=kode)


def arkiver(utbetaling_id: str, avh: ArkivAvh) -> Arkiveringsresultat:
    """Make the archive copy, send it with the vedlegg to the archive, store the journalpost id on the claim."""
    a = avh.repo.hent_arkivering(utbetaling_id)
    if a is None:
        return Arkiveringsresultat(Utfall.AVVIST, feil="ARKIVERING_FINNES_IKKE")
    if a.status == JOURNALFORT and a.journalpost_id:
        return Arkiveringsresultat(Utfall.ALLEREDE_JOURNALFORT, a.journalpost_id)
    u = avh.repo.hent_utbetaling(utbetaling_id)
    if u is None:
        return _avvist(utbetaling_id, "UTBETALING_FINNES_IKKE", avh)
    if u.journalpost_id:
        avh.repo.lagre_journalpost(utbetaling_id, u.journalpost_id, avh.klokke.na())
        return Arkiveringsresultat(Utfall.ALLEREDE_JOURNALFORT, u.journalpost_id)
    try:
        journalpost_id = avh.arkiv.journalfor(_journalpost(u, a, avh))
    except ArkivAvvist as e:
        return _avvist(utbetaling_id, e.kode, avh)
    except VedleggMangler:
        return _avvist(utbetaling_id, "VEDLEGG_MANGLER", avh)
    avh.repo.lagre_journalpost(utbetaling_id, journalpost_id, avh.klokke.na())
    return Arkiveringsresultat(Utfall.JOURNALFORT, journalpost_id)
