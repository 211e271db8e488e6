"""TAO automatic payment at generation (domene.md §6.6 "TAO", §7.1 step 5 and "Only once", §12.2).

A new `FAST_SATS_PER_AVTALT_PLASS_PER_MANED` claim with a kontonummer is created and paid in **one** transaction:
the claim is written create-only under its UUIDv5 id with "Utbetaling opprettet", and `forsok_tao_utbetaling`
queues one line per `tilsagn_bidrag` with belop > 0 (decided by SYSTEM), the tilsagn (`belop_brukt`, counters), one
FAKTURA per line in the outbox and the entries "Utbetaling sendt til attestering" and "Overført til utbetaling".
The claim document itself is written once, as it ends (FERDIG_BEHANDLET, or GENERERT when the path declines).

The claim id guards everything: the transaction reads it first and does nothing if it exists, and the create-only
write fails the whole commit if another run created it meanwhile. A rerun therefore writes no second line or
FAKTURA. Claims without an account take the ordinary create (`opprett_utbetaling`) and wait for `tao_daglig`.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.domain.generering.krav import Krav
from shared.domain.utbetaling.automatisk import TAO, Resultatkode
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.service.nav.automatisk_utbetaling import forsok_tao_utbetaling
from shared.service.nav.ports import NavRepo, NavTransaksjon


def betales_ved_generering(u: Utbetaling) -> bool:
    """A GENERERT TAO claim that has an account: §7.1 step 5 applies."""
    konto = u.betalingsinformasjon.kontonummer if u.betalingsinformasjon else None
    return u.prismodell == TAO and u.status is UtbetalingStatus.GENERERT and bool(konto)


def bidrag(krav: Krav) -> list[tuple[str, int]]:
    """(tilsagn_id, belop) shares of the month, from the calculation's output."""
    return [(b.tilsagn_id, b.belop) for b in krav.beregning.output.tilsagn_bidrag]


def opprett_og_betal(
    repo: NavRepo, utbetaling: Utbetaling, andeler: Sequence[tuple[str, int]], operasjon: str, *, forsok: int = 10
) -> Resultatkode | None:
    """Create the claim and pay it in the same transaction. None: the claim already exists (nothing written)."""
    return opprett_og_betal_mange(repo, [(utbetaling, andeler)], operasjon, forsok=forsok)[0]


def opprett_og_betal_mange(
    repo: NavRepo,
    krav: Sequence[tuple[Utbetaling, Sequence[tuple[str, int]]]],
    operasjon: str,
    *,
    forsok: int = 10,
) -> list[Resultatkode | None]:
    """`opprett_og_betal` for several claims in ONE transaction (one read round trip and one commit instead of one
    each): all or none of them are written. Their tilsagn must be disjoint (`grupper`), since every read of a
    transaction sees its start state, and a second claim on the same tilsagn would not see the first's share."""
    brukt = [t for _, andeler in krav for t, _ in andeler]
    if len(brukt) != len(set(brukt)):
        raise ValueError("to krav i samme transaksjon deler et tilsagn")

    def fn(tx: NavTransaksjon) -> list[Resultatkode | None]:
        tx.forhent([u.id for u, _ in krav], brukt)
        return [_opprett_og_betal(tx, u, andeler, operasjon) for u, andeler in krav]

    return repo.i_transaksjon(fn, forsok=forsok)


def _opprett_og_betal(
    tx: NavTransaksjon, utbetaling: Utbetaling, andeler: Sequence[tuple[str, int]], operasjon: str
) -> Resultatkode | None:
    if tx.hent_utbetaling(utbetaling.id) is not None:
        return None
    tx.logg_utbetaling(utbetaling, operasjon, "SYSTEM")
    svar = forsok_tao_utbetaling(tx, utbetaling, andeler, tidspunkt=utbetaling.updated_at)
    tx.lagre_utbetaling(svar.utbetaling, None, "SYSTEM", ny=True)
    return svar.kode


KRAV_PER_TRANSAKSJON = 10
"""About 12 writes per paid claim (claim, line, fakturanummer, tilsagn, FAKTURA, index entries, three history
entries): 10 claims stay far below a commit's 500 writes."""


def grupper(
    krav: Sequence[tuple[Utbetaling, Sequence[tuple[str, int]]]], storrelse: int = KRAV_PER_TRANSAKSJON
) -> list[list[tuple[Utbetaling, Sequence[tuple[str, int]]]]]:
    """Groups of at most `storrelse` claims whose tilsagn are disjoint, in the given order."""
    grupper_: list[list[tuple[Utbetaling, Sequence[tuple[str, int]]]]] = []
    for k in krav:
        tilsagn = {t for t, _ in k[1]}
        for gruppe in grupper_:
            if len(gruppe) < storrelse and not tilsagn & {t for _, a in gruppe for t, _ in a}:
                gruppe.append(k)
                break
        else:
            grupper_.append([k])
    return grupper_
