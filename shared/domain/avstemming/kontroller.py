"""The reconciliation checks (issue 18 part 1): pure functions over one reading of the ledger.

- every claim's stored amount equals the engine's result on its stored input (§4 intro);
- an approved claim's lines sum to its approved amount (the claimed amount, or less with a begrunnelse, §6.6), and
  every approved line is on a tilsagn of its gjennomføring that was GODKJENT when the line was approved;
- every tilsagn's `belop_brukt` equals the sum of its approved lines, and no gjenstående is negative (§5.3);
- every approved line has exactly one FAKTURA, published within `UTSENDINGSLATENS` of being due and with a payment
  status within `STATUSLATENS`; nothing is paid twice, and nothing is paid without a line (§10).

A scope (`periode`) keeps the claims, lines and tilsagn whose period overlaps it; a tilsagn's `belop_brukt` is
always compared with all of its lines, wherever they lie.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from shared.domain.avstemming.avvik import (
    STATUSLATENS,
    UTSENDINGSLATENS,
    Avvik,
    Avvikstype,
)
from shared.domain.beregning import beregn, les_beregning_input
from shared.domain.felles.feil import DomeneFeil
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.totrinnskontroll import Kontrollstatus, Kontrolltype
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.domain.utsending.utsending import Utsending

_A = Avvikstype
GODKJENTE_KRAV = frozenset({UtbetalingStatus.FERDIG_BEHANDLET, UtbetalingStatus.DELVIS_UTBETALT,
                            UtbetalingStatus.UTBETALT})  # fmt: skip
GODKJENTE_LINJER = frozenset({LinjeStatus.OVERFORT_TIL_UTBETALING, LinjeStatus.UTBETALT})
BRUKBARE_TILSAGN = frozenset({TilsagnStatus.GODKJENT, TilsagnStatus.TIL_OPPGJOR, TilsagnStatus.OPPGJORT})
"""A used tilsagn may since have been settled; an annulled one cannot have been used (§5.2)."""


def godkjente(linjer: Iterable[Utbetalingslinje]) -> list[Utbetalingslinje]:
    return [linje for linje in linjer if linje.status in GODKJENTE_LINJER]


def lagret_input(beregning_gz: bytes) -> bytes:
    """Line 1 of a stored `beregning_gz` (docs/datamodell.md): the exact `utbetaling beregn` input."""
    return gzip.decompress(beregning_gz).partition(b"\n")[0]


def sjekk_beregning(u: Utbetaling) -> Avvik | None:
    """The engine on the stored input must give the stored amount (generated claims: a manual claim's stored
    input is context for an amount the arrangør entered, §4.6)."""
    if u.beregning_gz is None or u.opprinnelse is not Opprinnelse.GENERERT:
        return None
    try:
        input_bytes = lagret_input(u.beregning_gz)
        belop = beregn(les_beregning_input(input_bytes)).belop
    except (DomeneFeil, OSError, EOFError, ValueError) as e:
        return Avvik(_A.BEREGNING_UGYLDIG, f"lagret input kan ikke beregnes: {e.__class__.__name__}", u.id)
    if belop != u.belop:
        return Avvik(_A.BELOP_ULIK_BEREGNING, "lagret beløp ≠ motorens resultat på lagret input", u.id,
                     forventet=belop, faktisk=u.belop)  # fmt: skip
    return None


def sjekk_linjesum(u: Utbetaling, linjer: Sequence[Utbetalingslinje]) -> Avvik | None:
    godkjent = godkjente(linjer)
    total = sum(linje.belop for linje in godkjent)
    if u.status not in GODKJENTE_KRAV:
        if godkjent:
            return Avvik(_A.LINJESUM_ULIK_BELOP, f"godkjent linje på krav i status {u.status.value}", u.id,
                         forventet=0, faktisk=total)  # fmt: skip
        return None
    mindre_med_grunn = 0 < total < u.belop and bool((u.begrunnelse_mindre_betalt or "").strip())
    if total != u.belop and not mindre_med_grunn:
        return Avvik(_A.LINJESUM_ULIK_BELOP, "sum godkjente linjer ≠ godkjent beløp", u.id,
                     forventet=u.belop, faktisk=total)  # fmt: skip
    return None


def _godkjent_for(t: Tilsagn, linje: Utbetalingslinje) -> bool:
    """The tilsagn's OPPRETTELSE was approved no later than the line (when both instants are known)."""
    besluttet = linje.totrinnskontroll.besluttet_tidspunkt
    for k in t.totrinnskontroller:
        if k.type is Kontrolltype.OPPRETTELSE and k.status is Kontrollstatus.GODKJENT:
            return besluttet is None or k.besluttet_tidspunkt is None or k.besluttet_tidspunkt <= besluttet
    return not t.totrinnskontroller


def sjekk_linjens_tilsagn(linje: Utbetalingslinje, u: Utbetaling | None, t: Tilsagn | None) -> Avvik | None:
    feil = None
    if t is None:
        feil = "tilsagnet finnes ikke"
    elif u is not None and t.gjennomforing_id != u.gjennomforing_id:
        feil = "tilsagnet hører til en annen gjennomføring"
    elif t.status not in BRUKBARE_TILSAGN or not _godkjent_for(t, linje):
        feil = f"tilsagnet var ikke godkjent da linjen ble godkjent (status {t.status.value})"
    if feil is None:
        return None
    return Avvik(_A.LINJE_PA_UGYLDIG_TILSAGN, feil, linje.utbetaling_id, linje.id, linje.tilsagn_id,
                 linje.fakturanummer, faktisk=linje.belop)  # fmt: skip


def sjekk_tilsagn(t: Tilsagn, linjer: Sequence[Utbetalingslinje]) -> list[Avvik]:
    brukt = sum(linje.belop for linje in godkjente(linjer))
    ut = []
    if brukt != t.belop_brukt:
        ut.append(Avvik(_A.BRUKT_ULIK_LINJESUM, "belop_brukt ≠ sum godkjente linjer", tilsagn_id=t.id,
                        forventet=brukt, faktisk=t.belop_brukt))  # fmt: skip
    if t.belop - t.belop_brukt < 0:
        ut.append(Avvik(_A.NEGATIV_GJENSTAENDE, "gjenstående beløp er negativt", tilsagn_id=t.id,
                        forventet=0, faktisk=t.belop - t.belop_brukt))  # fmt: skip
    return ut


def _faktura_avvik(type: Avvikstype, detalj: str, linje: Utbetalingslinje, **belop: int | None) -> Avvik:
    return Avvik(type, detalj, linje.utbetaling_id, linje.id, linje.tilsagn_id, linje.fakturanummer, **belop)


def sjekk_faktura(linje: Utbetalingslinje, poster: Sequence[Utsending], na: datetime) -> Avvik | None:
    """Exactly one FAKTURA per approved line, of the line's amount, published when due, answered in time."""
    if not poster:
        return _faktura_avvik(_A.FAKTURA_MANGLER, "godkjent linje uten FAKTURA i utsendinger", linje)
    if len(poster) > 1:
        return _faktura_avvik(_A.FAKTURA_DUPLIKAT, f"{len(poster)} FAKTURA for samme fakturanummer", linje,
                              forventet=1, faktisk=len(poster))  # fmt: skip
    post = poster[0]
    if _belop(post) != linje.belop:
        return _faktura_avvik(_A.FAKTURA_BELOP_ULIK, "FAKTURA-beløp ≠ linjens beløp", linje,
                              forventet=linje.belop, faktisk=_belop(post))  # fmt: skip
    return _sjekk_utsendt(linje, post, na)


def _sjekk_utsendt(linje: Utbetalingslinje, post: Utsending, na: datetime) -> Avvik | None:
    if not post.sendt:
        forfall = max(post.opprettet, post.send_tidligst or post.opprettet)
        if forfall + UTSENDINGSLATENS < na:
            return _faktura_avvik(_A.FAKTURA_IKKE_SENDT, "forfalt FAKTURA er ikke sendt", linje)
        if linje.status is LinjeStatus.UTBETALT:
            return _faktura_avvik(_A.BETALT_UTEN_LINJE, "linjen er betalt, men FAKTURA er ikke sendt", linje)
        return None
    sendt = post.sendt_tidspunkt or post.opprettet
    if linje.faktura.status is None and sendt + STATUSLATENS < na:
        return _faktura_avvik(_A.STATUS_MANGLER, "sendt FAKTURA uten betalingsstatus", linje)
    return None


def _belop(post: Utsending) -> int | None:
    belop = post.melding.get("belop")
    return belop if isinstance(belop, int) else None


def sjekk_betalt_flere_ganger(linjer: Sequence[Utbetalingslinje]) -> list[Avvik]:
    per_nummer: dict[str, list[Utbetalingslinje]] = defaultdict(list)
    per_krav_tilsagn: dict[tuple[str, str], list[Utbetalingslinje]] = defaultdict(list)
    for linje in linjer:
        if linje.status is LinjeStatus.UTBETALT:
            per_nummer[linje.fakturanummer].append(linje)
            per_krav_tilsagn[linje.utbetaling_id, linje.tilsagn_id].append(linje)
    grupper = {tuple(sorted(x.id for x in g)): g for g in [*per_nummer.values(), *per_krav_tilsagn.values()]}
    return [
        _faktura_avvik(
            _A.BETALT_FLERE_GANGER,
            f"betalt på {len(g)} linjer",
            g[-1],
            forventet=g[0].belop,
            faktisk=sum(x.belop for x in g),
        )  # fmt: skip
        for g in grupper.values()
        if len(g) > 1
    ]


def sjekk_betalt_uten_linje(
    utbetalinger: Sequence[Utbetaling], linjer: Sequence[Utbetalingslinje], fakturaer: Sequence[Utsending]
) -> list[Avvik]:
    numre = {linje.fakturanummer for linje in godkjente(linjer)}
    ut = [
        Avvik(
            _A.BETALT_UTEN_LINJE,
            "FAKTURA uten godkjent linje",
            fakturanummer=p.fakturanummer,
            faktisk=_belop(p),
        )
        for p in fakturaer
        if p.fakturanummer not in numre
    ]
    betalte = {linje.utbetaling_id for linje in linjer if linje.status is LinjeStatus.UTBETALT}
    betalt_status = (UtbetalingStatus.UTBETALT, UtbetalingStatus.DELVIS_UTBETALT)
    ut += [
        Avvik(_A.BETALT_UTEN_LINJE, f"krav i status {u.status.value} uten betalt linje", u.id, faktisk=u.belop)
        for u in utbetalinger
        if u.status in betalt_status and u.id not in betalte
    ]
    return ut
