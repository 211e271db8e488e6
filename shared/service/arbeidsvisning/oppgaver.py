"""The oppgaveoversikt (issue 16 §3): for the caller's roles and kostnadssteder, what waits for them, oldest first.

| Task | Who (at the kostnadssted) | Waiting since |
|---|---|---|
| tilsagn TIL_GODKJENNING / TIL_ANNULLERING / TIL_OPPGJOR | a beslutter who did not handle it (§5.2) | the handling |
| claim TIL_BEHANDLING | saksbehandler økonomi | sent in (created, for Nav's korreksjon) |
| claim RETURNERT | saksbehandler økonomi | the return (the claim's last change) |
| claim TIL_ATTESTERING | an attestant who may attest one of its lines (§6.6) | the oldest pending line |
| claim TIL_AVBRYTELSE | another saksbehandler økonomi (§6.3 rows 14–15) | the request |

`OKONOMI_LES` sees every task at its kostnadssteder (it can do none of them). A claim's kostnadssteder are as in
visninger.py; a claim no tilsagn covers is a task only for an employee with the role at ALLE.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.tilgang import NavAnsatt, Rolle, sjekk_leser
from shared.domain.nav.totrinnskontroll import Kontrolltype
from shared.domain.tilsagn.handlinger import tilsagn_handlinger
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.handlinger import (
    LinjeHandling,
    UtbetalingHandling,
    avbrytelse_kontroll,
    kostnadssteder,
    linje_handlinger,
    utbetaling_handlinger,
)
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeStatus, Utbetalingslinje
from shared.service.arbeidsvisning.ports import Arbeidsavh


class Oppgavetype(StrEnum):
    TILSAGN_TIL_GODKJENNING = "TILSAGN_TIL_GODKJENNING"
    TILSAGN_TIL_ANNULLERING = "TILSAGN_TIL_ANNULLERING"
    TILSAGN_TIL_OPPGJOR = "TILSAGN_TIL_OPPGJOR"
    UTBETALING_TIL_BEHANDLING = "UTBETALING_TIL_BEHANDLING"
    UTBETALING_TIL_ATTESTERING = "UTBETALING_TIL_ATTESTERING"
    UTBETALING_TIL_AVBRYTELSE = "UTBETALING_TIL_AVBRYTELSE"
    UTBETALING_RETURNERT = "UTBETALING_RETURNERT"


TILSAGN_OPPGAVER = {
    TilsagnStatus.TIL_GODKJENNING: (Oppgavetype.TILSAGN_TIL_GODKJENNING, Kontrolltype.OPPRETTELSE),
    TilsagnStatus.TIL_ANNULLERING: (Oppgavetype.TILSAGN_TIL_ANNULLERING, Kontrolltype.ANNULLERING),
    TilsagnStatus.TIL_OPPGJOR: (Oppgavetype.TILSAGN_TIL_OPPGJOR, Kontrolltype.OPPGJOR),
}
UTBETALING_OPPGAVER = {
    UtbetalingStatus.TIL_BEHANDLING: Oppgavetype.UTBETALING_TIL_BEHANDLING,
    UtbetalingStatus.TIL_ATTESTERING: Oppgavetype.UTBETALING_TIL_ATTESTERING,
    UtbetalingStatus.TIL_AVBRYTELSE: Oppgavetype.UTBETALING_TIL_AVBRYTELSE,
    UtbetalingStatus.RETURNERT: Oppgavetype.UTBETALING_RETURNERT,
}


@dataclass(frozen=True, slots=True)
class Oppgave:
    type: Oppgavetype
    dokument_type: str
    """TILSAGN | UTBETALING."""
    dokument_id: str
    gjennomforing_id: str
    kostnadssteder: tuple[str, ...]
    status: str
    belop: int
    valuta: str
    siden: datetime


def _ved(ansatt: NavAnsatt, rolle: Rolle, steder: Collection[str]) -> bool:
    return any(ansatt.har_rolle_ved(rolle, k) for k in steder) if steder else ansatt.har_rolle_ved(rolle, None)


def tilsagn_oppgave(t: Tilsagn, ansatt: NavAnsatt) -> Oppgave | None:
    if t.status not in TILSAGN_OPPGAVER:
        return None
    type_, kontroll = TILSAGN_OPPGAVER[t.status]
    steder = [t.kostnadssted] if t.kostnadssted else []
    if not (tilsagn_handlinger(t, ansatt) or _ved(ansatt, Rolle.OKONOMI_LES, steder)):
        return None
    siden = max((k.behandlet_tidspunkt for k in t.totrinnskontroller if k.type is kontroll), default=None)
    return Oppgave(type_, "TILSAGN", t.id, t.gjennomforing_id, tuple(steder), t.status.value, t.belop, t.valuta,
                   siden or datetime.min.replace(tzinfo=UTC))  # fmt: skip


def _venter_siden(u: Utbetaling, linjer: Sequence[Utbetalingslinje]) -> datetime:
    if u.status is UtbetalingStatus.TIL_BEHANDLING:
        return u.innsendt_tidspunkt or u.created_at
    if u.status is UtbetalingStatus.TIL_ATTESTERING:
        ventende = [x.totrinnskontroll.behandlet_tidspunkt for x in linjer if x.status is LinjeStatus.TIL_ATTESTERING]
        return min(ventende, default=u.updated_at)
    k = avbrytelse_kontroll(u) if u.status is UtbetalingStatus.TIL_AVBRYTELSE else None
    return k.behandlet_tidspunkt if k else u.updated_at


def _kan_utfore(u: Utbetaling, linjer: Sequence[Utbetalingslinje], tilsagn: dict[str, Tilsagn],
                ansatt: NavAnsatt, steder: Collection[str]) -> bool:  # fmt: skip
    if u.status is UtbetalingStatus.TIL_ATTESTERING:
        return any(LinjeHandling.ATTESTER in linje_handlinger(x, tilsagn.get(x.tilsagn_id), ansatt) for x in linjer)
    if not _ved(ansatt, Rolle.SAKSBEHANDLER_OKONOMI, steder):
        return False
    if u.status is UtbetalingStatus.TIL_AVBRYTELSE:
        return UtbetalingHandling.GODKJENN_AVBRYTELSE in utbetaling_handlinger(u, ansatt)
    return True


def utbetaling_oppgave(
    u: Utbetaling, linjer: Sequence[Utbetalingslinje], tilsagn: dict[str, Tilsagn], ansatt: NavAnsatt
) -> Oppgave | None:
    """`tilsagn`: those of the claim's gjennomføring (and of its lines)."""
    if u.status not in UTBETALING_OPPGAVER:
        return None
    steder = kostnadssteder(u, linjer, tilsagn)
    if not (_kan_utfore(u, linjer, tilsagn, ansatt, steder) or _ved(ansatt, Rolle.OKONOMI_LES, steder)):
        return None
    return Oppgave(UTBETALING_OPPGAVER[u.status], "UTBETALING", u.id, u.gjennomforing_id, tuple(sorted(steder)),
                   u.status.value, u.belop, u.valuta, _venter_siden(u, linjer))  # fmt: skip


def oppgaveoversikt(ansatt: NavAnsatt, avh: Arbeidsavh) -> list[Oppgave]:
    """Every task waiting for the caller, oldest first (ties by id)."""
    sjekk_leser(ansatt)
    oppgaver: list[Oppgave] = []
    if ansatt.har_rolle(Rolle.BESLUTTER_TILSAGN) or ansatt.har_rolle(Rolle.OKONOMI_LES):
        for t in avh.repo.tilsagn_med_status([s.value for s in TILSAGN_OPPGAVER]):
            if (o := tilsagn_oppgave(t, ansatt)) is not None:
                oppgaver.append(o)
    if any(ansatt.har_rolle(r) for r in (Rolle.SAKSBEHANDLER_OKONOMI, Rolle.ATTESTANT_UTBETALING, Rolle.OKONOMI_LES)):
        krav = avh.repo.utbetalinger_med_status([s.value for s in UTBETALING_OPPGAVER])
        tilsagn = avh.repo.tilsagn_for_gjennomforinger({u.gjennomforing_id for u in krav}) if krav else {}
        linjer = avh.repo.linjer([u.id for u in krav if u.status is not UtbetalingStatus.TIL_BEHANDLING])
        mangler = {x.tilsagn_id for ls in linjer.values() for x in ls} - set(tilsagn)
        tilsagn |= avh.repo.tilsagn(mangler) if mangler else {}
        for u in krav:
            if (o := utbetaling_oppgave(u, linjer.get(u.id, []), tilsagn, ansatt)) is not None:
                oppgaver.append(o)
    return sorted(oppgaver, key=lambda o: (o.siden, o.dokument_id))
