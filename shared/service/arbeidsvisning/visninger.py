"""Nav's reads of tilsagn and claims (issue 16 §3; domene.md §9.1, §11): lists with filters, the claim detail with
the arrangør's calculation pieces, and the change logs.

Access: the caller needs some role (`OKONOMI_LES` included) at the kostnadssted of what they read (at ALLE for a claim
no tilsagn covers yet); a claim's kostnadssteder are those of its lines' tilsagn and of the tilsagn of its
gjennomføring that overlap its period (`handlinger.kostnadssteder`). An employee without any role gets the existing
403 "Du mangler tilgang til utbetalinger". The claim detail writes the access log before anything is returned, for a
refused attempt too (`utfall` AVVIST, no participants); if the log cannot be written the answer is 503.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from shared.domain.felles.feil import TjenesteNede
from shared.domain.nav.feil import ManglerTilgang, TilsagnFinnesIkke, UtbetalingFinnesIkke
from shared.domain.nav.tilgang import ALLE, NavAnsatt, sjekk_leser
from shared.domain.tilsagn.handlinger import TilsagnHandling, tilsagn_handlinger
from shared.domain.tilsagn.tilsagn import Tilsagn, kan_brukes_for
from shared.domain.utbetaling.handlinger import (
    LinjeHandling,
    UtbetalingHandling,
    kostnadssteder,
    linje_handlinger,
    utbetaling_handlinger,
)
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.logg import felt
from shared.service.arbeidsvisning.ports import Arbeidsavh, Historikkrad
from shared.service.arrangor.arrangorflate import UtbetalingVisning, utbetaling_visning
from shared.service.ports import Innsyn, TilgangsloggFeil

logg = logging.getLogger(__name__)

IKKE_TILGANG_TILSAGN = "Du mangler tilgang til tilsagnets kostnadssted"  # (vårt valg)
IKKE_TILGANG_UTBETALING = "Du mangler tilgang til kostnadsstedet for denne utbetalingen"  # (vårt valg)
LOGG_NEDE = "Klarte ikke logge innsyn. Vennligst prøv igjen senere"


def ikke_tilgang_kostnadssted(kostnadssted: str) -> str:
    return f"Du mangler tilgang til kostnadssted {kostnadssted}"  # (vårt valg)


@dataclass(frozen=True, slots=True)
class Kaller:
    ansatt: NavAnsatt
    korrelasjon_id: str = ""


# ----------------------------------------------------------------------------- tilsagn


@dataclass(frozen=True, slots=True)
class TilsagnVisning:
    tilsagn: Tilsagn
    handlinger: list[TilsagnHandling]


def list_tilsagn(
    gjennomforing_id: str | None, status: str | None, kostnadssted: str | None, ansatt: NavAnsatt, avh: Arbeidsavh
) -> list[TilsagnVisning]:
    """The tilsagn the caller sees, filtered; unsorted (the edge sorts and pages)."""
    sjekk_leser(ansatt)
    if kostnadssted and not ansatt.ser([kostnadssted]):
        raise ManglerTilgang(ikke_tilgang_kostnadssted(kostnadssted))
    if gjennomforing_id:
        alle = list(avh.repo.tilsagn_for_gjennomforinger([gjennomforing_id]).values())
    else:
        synlige = ansatt.synlige_kostnadssteder()
        steder = [kostnadssted] if kostnadssted else (None if synlige == ALLE else sorted(synlige))
        alle = avh.repo.tilsagn_ved(steder, status) if steder is None or steder else []
    return [
        TilsagnVisning(t, tilsagn_handlinger(t, ansatt))
        for t in alle
        if ansatt.ser([t.kostnadssted])
        and (not status or t.status.value == status)
        and (not kostnadssted or t.kostnadssted == kostnadssted)
    ]


def _synlig_tilsagn(tilsagn_id: str, ansatt: NavAnsatt, avh: Arbeidsavh) -> Tilsagn:
    sjekk_leser(ansatt)
    t = avh.repo.tilsagn([tilsagn_id]).get(tilsagn_id)
    if t is None:
        raise TilsagnFinnesIkke(tilsagn_id)
    if not ansatt.ser([t.kostnadssted]):
        raise ManglerTilgang(IKKE_TILGANG_TILSAGN)
    return t


def hent_tilsagn(tilsagn_id: str, ansatt: NavAnsatt, avh: Arbeidsavh) -> TilsagnVisning:
    t = _synlig_tilsagn(tilsagn_id, ansatt, avh)
    return TilsagnVisning(t, tilsagn_handlinger(t, ansatt))


def tilsagn_historikk(tilsagn_id: str, ansatt: NavAnsatt, avh: Arbeidsavh) -> list[Historikkrad]:
    _synlig_tilsagn(tilsagn_id, ansatt, avh)
    return avh.repo.historikk(tilsagn_id)


# ----------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class UtbetalingRad:
    utbetaling: Utbetaling
    kostnadssteder: frozenset[str]


def _rader(utbetalinger: Sequence[Utbetaling], tilsagn: dict[str, Tilsagn], avh: Arbeidsavh) -> list[UtbetalingRad]:
    linjer = avh.repo.linjer([u.id for u in utbetalinger])
    mangler = {linje.tilsagn_id for ls in linjer.values() for linje in ls} - set(tilsagn)
    alle = tilsagn | (avh.repo.tilsagn(mangler) if mangler else {})
    return [UtbetalingRad(u, kostnadssteder(u, linjer.get(u.id, []), alle)) for u in utbetalinger]


def _filtrer(rader: list[UtbetalingRad], statuser: Sequence[str], ansatt: NavAnsatt) -> list[UtbetalingRad]:
    return [r for r in rader if ansatt.ser(r.kostnadssteder or [None])
            and (not statuser or r.utbetaling.status.value in statuser)]  # fmt: skip


def utbetalinger_for_gjennomforing(
    gjennomforing_id: str, statuser: Sequence[str], ansatt: NavAnsatt, avh: Arbeidsavh
) -> list[UtbetalingRad]:
    sjekk_leser(ansatt)
    tilsagn = avh.repo.tilsagn_for_gjennomforinger([gjennomforing_id])
    utbetalinger = avh.repo.utbetalinger_for_gjennomforinger([gjennomforing_id])
    return _filtrer(_rader(utbetalinger, tilsagn, avh), statuser, ansatt)


def utbetalinger_ved(
    kostnadssted: str, statuser: Sequence[str], ansatt: NavAnsatt, avh: Arbeidsavh
) -> list[UtbetalingRad]:
    """Claims that belong to the kostnadssted: of the gjennomføringer with a tilsagn there, those the tilsagn at the
    kostnadssted cover (or whose lines are charged to one)."""
    sjekk_leser(ansatt)
    if not ansatt.ser([kostnadssted]):
        raise ManglerTilgang(ikke_tilgang_kostnadssted(kostnadssted))
    gjennomforinger = {t.gjennomforing_id for t in avh.repo.tilsagn_ved([kostnadssted], None)}
    if not gjennomforinger:
        return []
    tilsagn = avh.repo.tilsagn_for_gjennomforinger(gjennomforinger)
    rader = _rader(avh.repo.utbetalinger_for_gjennomforinger(gjennomforinger), tilsagn, avh)
    return [r for r in _filtrer(rader, statuser, ansatt) if kostnadssted in r.kostnadssteder]


@dataclass
class UtbetalingDetaljer:
    visning: UtbetalingVisning
    linjer: list[Utbetalingslinje]
    tilsagn: dict[str, Tilsagn]
    """The lines' tilsagn and the candidates, by id."""
    kandidater: list[str]
    """Ids of the tilsagn the claim may be charged to now (§6.6: GODKJENT, same gjennomføring, type, valuta,
    overlapping), by bestillingsnummer."""
    kostnadssteder: frozenset[str]
    handlinger: list[UtbetalingHandling]
    linje_handlinger: dict[str, list[LinjeHandling]] = field(default_factory=dict)


def _synlig_utbetaling(
    utbetaling_id: str, kaller: Kaller, avh: Arbeidsavh, endepunkt: str | None
) -> tuple[Utbetaling, list[Utbetalingslinje], dict[str, Tilsagn], frozenset[str]]:
    """The claim (full), its lines, the tilsagn of its gjennomføring and its kostnadssteder, after the access check.
    With `endepunkt` (a read of participant data) a refusal is access-logged before it is raised."""
    u = avh.les.repo.hent_utbetaling(utbetaling_id)
    if u is None:
        raise UtbetalingFinnesIkke(utbetaling_id)
    tilsagn = avh.repo.tilsagn_for_gjennomforinger([u.gjennomforing_id])
    linjer = avh.repo.linjer([u.id]).get(u.id, [])
    mangler = {linje.tilsagn_id for linje in linjer} - set(tilsagn)
    tilsagn |= avh.repo.tilsagn(mangler) if mangler else {}
    steder = kostnadssteder(u, linjer, tilsagn)
    try:
        sjekk_leser(kaller.ansatt)
        if not kaller.ansatt.ser(steder or [None]):
            raise ManglerTilgang(IKKE_TILGANG_UTBETALING)
    except ManglerTilgang:
        if endepunkt is not None:
            logg_innsyn(kaller, u, endepunkt, [], avh, utfall="AVVIST")
        raise
    return u, linjer, tilsagn, steder


def hent_utbetaling(utbetaling_id: str, kaller: Kaller, avh: Arbeidsavh, endepunkt: str) -> UtbetalingDetaljer:
    """The claim with the arrangør's calculation pieces (participants masked by §11, advarsler, blokkeringer), its
    lines with their tilsagn, the candidate tilsagn and what the caller may do now. Access-logged first."""
    u, linjer, tilsagn, steder = _synlig_utbetaling(utbetaling_id, kaller, avh, endepunkt)
    visning = utbetaling_visning(u, avh.les, lambda identer: logg_innsyn(kaller, u, endepunkt, identer, avh))
    kandidater = sorted(
        (t for t in tilsagn.values() if kan_brukes_for(t, u.tilskuddstype, u.valuta, u.periode_start, u.periode_slutt)),
        key=lambda t: (t.bestillingsnummer or "", t.id),
    )
    vis = {linje.tilsagn_id for linje in linjer} | {t.id for t in kandidater}
    return UtbetalingDetaljer(
        visning=visning,
        linjer=linjer,
        tilsagn={i: t for i, t in tilsagn.items() if i in vis},
        kandidater=[t.id for t in kandidater],
        kostnadssteder=steder,
        handlinger=utbetaling_handlinger(u, kaller.ansatt),
        linje_handlinger={x.id: linje_handlinger(x, tilsagn.get(x.tilsagn_id), kaller.ansatt) for x in linjer},
    )


def utbetaling_historikk(utbetaling_id: str, kaller: Kaller, avh: Arbeidsavh) -> list[Historikkrad]:
    """The claim's change log; its snapshots hold no participant data, so this read is not access-logged."""
    _synlig_utbetaling(utbetaling_id, kaller, avh, None)
    return avh.repo.historikk(utbetaling_id)


def logg_innsyn(
    kaller: Kaller, u: Utbetaling, endepunkt: str, identer: Sequence[str], avh: Arbeidsavh, utfall: str = "VIST"
) -> None:
    try:
        avh.tilgangslogg.skriv(
            Innsyn(pid=None, navident=kaller.ansatt.navident, orgnr=u.arrangor_orgnr, endepunkt=endepunkt,
                   dokument_id=u.id, korrelasjon_id=kaller.korrelasjon_id,
                   deltaker_identer=tuple(dict.fromkeys(identer)), tidspunkt=avh.klokke.na(), utfall=utfall)
        )  # fmt: skip
    except TilgangsloggFeil as e:
        logg.error("Tilgangsloggen kunne ikke skrives", extra=felt(dokument_id=u.id))
        raise TjenesteNede(LOGG_NEDE) from e
