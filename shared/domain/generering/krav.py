"""Building and calculating a generated claim (domene.md §4 intro, §6.1, §7.1 steps 1–4, §7.2).

The input of every claim is built here from the stored data, serialised once, and parsed back by the engine's
own
reader, so the stored input is byte-for-byte what `utbetaling beregn` reads. `beregning_gz` is gzip (mtime 0)
of
two lines: line 1 the exact `utbetaling beregn` input document, line 2 its output document.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from shared.domain.beregning import Beregning, beregn, les_beregning_input, til_json
from shared.domain.felles.feil import DomeneFeil
from shared.domain.felles.kodeverk import Prismodell, TilsagnStatus, Tilskuddstype
from shared.domain.felles.periode import Periode
from shared.domain.generering.json_tekst import json_bytes
from shared.domain.generering.regler import (
    blokkeringer,
    er_kandidat,
    i_gyldig_periode,
    krav_periode,
    maned_periode,
    overlappende_krav,
    satser_for_input,
    videreført_kid,
)
from shared.domain.grunnlag.deltakelse import Deltakelse, overlapper
from shared.domain.grunnlag.forslag import Forslag
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import (
    Betalingsinformasjon,
    Blokkering,
    Opprinnelse,
    Utbetaling,
    UtbetalingStatus,
    neste_updated_at,
)

MAKS_BEREGNING_GZ = 900 * 1024
"""§6.1: a compressed beregning above 900 KiB (≈ 15 000 participants) is not stored."""

DRIFT = Tilskuddstype.TILTAK_DRIFTSTILSKUDD


class Hopp(StrEnum):
    """Why a gjennomføring gets no claim for the month."""

    IKKE_KANDIDAT = "IKKE_KANDIDAT"
    """AVLYST, not a generated prismodell, deleted, or not running in the month."""
    FINNES_ALLEREDE = "FINNES_ALLEREDE"
    """A claim of the same tilskuddstype overlaps the period (any status, korreksjoner excepted)."""
    UTENFOR_GYLDIG_PERIODE = "UTENFOR_GYLDIG_PERIODE"
    """The calendar month is not entirely inside the tiltakskode's gyldig periode."""
    BELOP_NULL = "BELOP_NULL"
    """The calculation gives 0 kr: no claim."""


class BeregningForStor(DomeneFeil):
    """The compressed beregning exceeds 900 KiB; the claim is not created and an alert fires (§6.1)."""


@dataclass(frozen=True, slots=True)
class Grunnlag:
    """Everything one gjennomføring's claims are built from, as read from the store."""

    gjennomforing: Gjennomforing
    avtale: Avtale | None
    deltakelser: tuple[Deltakelse, ...]
    """At least every counted deltakelse that may overlap the month; others are filtered out here."""
    forslag: tuple[Forslag, ...]
    """At least the pending (VENTER_PA_SVAR) forslag of the gjennomføring's deltakelser."""
    tilsagn: tuple[Tilsagn, ...]
    utbetalinger: tuple[Utbetaling, ...]


@dataclass(frozen=True, slots=True)
class Krav:
    """A calculated claim, before it has an id, an account or a KID."""

    beregning: Beregning
    beregning_gz: bytes
    innhold: bytes
    """The uncompressed two-line document (input, output); equal content means an equal result."""
    blokkeringer: tuple[Blokkering, ...]

    @property
    def belop(self) -> int:
        return self.beregning.output.belop

    @property
    def periode(self) -> Periode:
        return self.beregning.output.periode


def vurder(grunnlag: Grunnlag, maned: str) -> Hopp | None:
    """§7.1 steps 1–2 for a new claim: None when the gjennomføring should be calculated."""
    g = grunnlag.gjennomforing
    mnd = maned_periode(maned)
    if not er_kandidat(g, mnd):
        return Hopp.IKKE_KANDIDAT
    if overlappende_krav(grunnlag.utbetalinger, krav_periode(g.prismodell, mnd), DRIFT):
        return Hopp.FINNES_ALLEREDE
    if not i_gyldig_periode(g.tiltakskode, mnd):
        return Hopp.UTENFOR_GYLDIG_PERIODE
    return None


def _periode(start: date, slutt: date) -> dict[str, object]:
    return {"start": start.isoformat(), "slutt": slutt.isoformat()}


def _deltakelse(d: Deltakelse, med_mengder: bool) -> dict[str, object]:
    rad: dict[str, object] = {
        "id": d.id,
        "status": d.status.value,
        "start_dato": d.start_dato.isoformat() if d.start_dato else None,
        "slutt_dato": d.slutt_dato.isoformat() if d.slutt_dato else None,
    }
    if med_mengder:
        mengder = sorted(d.deltakelsesmengder, key=lambda m: m.gyldig_fra)
        rad["deltakelsesmengder"] = [
            {"gyldig_fra": m.gyldig_fra.isoformat(), "deltakelsesprosent": Decimal(m.deltakelsesprosent)}
            for m in mengder
        ]
    return rad


def _tilsagn(t: Tilsagn) -> dict[str, object]:
    return {
        "id": t.id,
        "periode": _periode(t.periode_start, t.periode_slutt),
        "belop": t.belop,
        "belop_brukt": t.belop_brukt,
        "status": t.status.value,
        "valuta": t.valuta,
    }


def tellende_deltakelser(grunnlag: Grunnlag, c: Periode) -> list[Deltakelse]:
    """Every counted deltakelse overlapping C, in a stable order (start date, then id)."""
    valgt = [d for d in grunnlag.deltakelser if not d.slettet and overlapper(d, c.start, c.slutt)]
    return sorted(valgt, key=lambda d: (d.start_dato or date.min, d.id))


def bygg_input(grunnlag: Grunnlag, maned: str) -> bytes:
    """The `utbetaling beregn` input for the month (§4 intro): counted deltakelser overlapping C, satser by
    the
    §4.2 rule, stengt; tilsagn only for TAO, deltakelsesmengder only for the AFT/VTA model (what each model
    reads)."""
    g = grunnlag.gjennomforing
    mnd = maned_periode(maned)
    c = krav_periode(g.prismodell, mnd)
    tao = g.prismodell == Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED
    med_mengder = g.prismodell == Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED
    tilsagn = [
        t
        for t in sorted(grunnlag.tilsagn, key=lambda t: (t.periode_start, t.id))
        if tao and t.status is TilsagnStatus.GODKJENT and t.periode_start < c.slutt and c.start < t.periode_slutt
    ]
    dokument: dict[str, object] = {
        "prismodell": g.prismodell,
        "tiltakskode": g.tiltakskode,
        "periode": _periode(mnd.start, mnd.slutt),
        "valuta": g.valuta,
        "satser": []
        if tao
        else [{"gjelder_fra": s.gjelder_fra.isoformat(), "sats": s.sats} for s in satser_for_input(g, grunnlag.avtale)],
        "stengt": [] if tao else [_periode(s.start, s.slutt) for s in sorted(g.stengt, key=lambda s: s.start)],
        "deltakelser": [] if tao else [_deltakelse(d, med_mengder) for d in tellende_deltakelser(grunnlag, c)],
        "tilsagn": [_tilsagn(t) for t in tilsagn],
    }
    return json_bytes(dokument)


_SHA256: dict[bytes, str] = {}
"""sha256 of the content of the `beregning_gz` this process packed last (the history entries of a new claim need it
once or three times; decompressing again cost ~5 % of a generation worker's CPU)."""
_SHA256_MAKS = 2048


def pakk(input_bytes: bytes, output_bytes: bytes) -> tuple[bytes, bytes]:
    innhold = input_bytes + b"\n" + output_bytes
    gz = gzip.compress(innhold, compresslevel=6, mtime=0)
    if len(_SHA256) >= _SHA256_MAKS:
        _SHA256.clear()
    _SHA256[gz] = hashlib.sha256(innhold).hexdigest()
    return innhold, gz


def pakk_ut(beregning_gz: bytes) -> tuple[bytes, bytes]:
    """(input, output) documents of a stored beregning."""
    input_bytes, _, output_bytes = gzip.decompress(beregning_gz).partition(b"\n")
    return input_bytes, output_bytes


def beregning_sha256(beregning_gz: bytes | None) -> str | None:
    """sha256 of the decompressed content (the two lines), as endringshistorikk stores it."""
    if not beregning_gz:
        return None
    kjent = _SHA256.get(beregning_gz)
    return kjent if kjent is not None else hashlib.sha256(gzip.decompress(beregning_gz)).hexdigest()


def beregn_krav(grunnlag: Grunnlag, maned: str) -> Krav:
    """§7.1 step 3 (and §7.2): calculate; raises `Valideringsfeil` on an input error, `BeregningForStor`."""
    input_bytes = bygg_input(grunnlag, maned)
    beregning = beregn(les_beregning_input(input_bytes))
    innhold, gz = pakk(input_bytes, til_json(beregning.output).encode())
    if len(gz) > MAKS_BEREGNING_GZ:
        raise BeregningForStor(f"beregningen er {len(gz)} byte komprimert")
    c = beregning.output.periode
    g = grunnlag.gjennomforing
    blokk = blokkeringer(
        c=c,
        valuta=g.valuta,
        tilskuddstype=DRIFT,
        tilsagn=grunnlag.tilsagn,
        deltakelser=tellende_deltakelser(grunnlag, c),
        forslag=grunnlag.forslag,
    )
    return Krav(beregning=beregning, beregning_gz=gz, innhold=innhold, blokkeringer=blokk)


def ny_utbetaling(
    grunnlag: Grunnlag,
    maned: str,
    krav: Krav,
    *,
    id: str,
    kontonummer: str | None,
    tidspunkt: datetime,
) -> Utbetaling:
    """§7.1 step 4: the GENERERT claim, with kontonummer from the register and the KID carried forward."""
    g = grunnlag.gjennomforing
    kid = videreført_kid(grunnlag.utbetalinger)
    betaling = Betalingsinformasjon(kontonummer=kontonummer, kid=kid) if kontonummer else None
    return Utbetaling(
        id=id,
        gjennomforing_id=g.id,
        tiltakskode=g.tiltakskode,
        arrangor_orgnr=g.arrangor_orgnr,
        periode_start=krav.periode.start,
        periode_slutt=krav.periode.slutt,
        maned=maned,
        tilskuddstype=DRIFT,
        opprinnelse=Opprinnelse.GENERERT,
        status=UtbetalingStatus.GENERERT,
        prismodell=g.prismodell,
        belop=krav.belop,
        valuta=krav.beregning.output.valuta,
        beregning_gz=krav.beregning_gz,
        betalingsinformasjon=betaling,
        utbetales_tidligst=krav.beregning.output.utbetales_tidligst,
        blokkeringer=krav.blokkeringer,
        created_at=tidspunkt,
        updated_at=tidspunkt,
    )


def utbetalinger_a_omberegne(utbetalinger: Sequence[Utbetaling]) -> list[Utbetaling]:
    """§7.2: only GENERERT claims made by the system are recalculated; never one that was sent in."""
    return [
        u
        for u in utbetalinger
        if u.status is UtbetalingStatus.GENERERT
        and u.opprinnelse is Opprinnelse.GENERERT
        and u.innsendt_tidspunkt is None
        and u.maned is not None
    ]


class Omberegning(StrEnum):
    UENDRET = "UENDRET"
    """Equal result: nothing is written."""
    OPPDATERT = "OPPDATERT"
    """A different result: beregning and blokkeringer replaced ("Beregning oppdatert")."""
    SLETTET = "SLETTET"
    """No longer owed: the claim is deleted."""


def omberegn_utbetaling(
    u: Utbetaling, grunnlag: Grunnlag | None, tidspunkt: datetime
) -> tuple[Omberegning, Utbetaling | None]:
    """§7.2 for one GENERERT claim. "No claim" (amount 0, outside the gyldig periode, AVLYST, a model no
    longer
    generated, the gjennomføring gone or not running in the month) deletes it; a different result replaces
    beregning, blokkeringer and period; an equal result writes nothing. Raises `Valideringsfeil` on an input
    error."""
    assert u.maned is not None
    mnd = maned_periode(u.maned)
    if grunnlag is None or not er_kandidat(grunnlag.gjennomforing, mnd):
        return Omberegning.SLETTET, None
    if not i_gyldig_periode(grunnlag.gjennomforing.tiltakskode, mnd):
        return Omberegning.SLETTET, None
    krav = beregn_krav(grunnlag, u.maned)
    if krav.belop == 0:
        return Omberegning.SLETTET, None
    gammelt = gzip.decompress(u.beregning_gz) if u.beregning_gz else b""
    ny = u.model_copy(
        update={
            "belop": krav.belop,
            "valuta": krav.beregning.output.valuta,
            "prismodell": grunnlag.gjennomforing.prismodell,
            "beregning_gz": krav.beregning_gz,
            "blokkeringer": krav.blokkeringer,
            "periode_start": krav.periode.start,
            "periode_slutt": krav.periode.slutt,
            "utbetales_tidligst": krav.beregning.output.utbetales_tidligst,
        }
    )
    if gammelt == krav.innhold and ny == u.model_copy(update={"beregning_gz": krav.beregning_gz}):
        return Omberegning.UENDRET, None
    return Omberegning.OPPDATERT, ny.model_copy(update={"updated_at": neste_updated_at(tidspunkt, u.updated_at)})
