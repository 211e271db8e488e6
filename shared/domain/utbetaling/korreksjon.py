"""Korreksjon (domene.md §6.10): Nav's extra DRIFT claim with fri beregning for a claim already paid or on its way.

Every text of §6.10 is checked, all at once, with a pointer into the Nav API body. Edit and delete (§9, §6.3 row 16)
are allowed only in TIL_BEHANDLING / RETURNERT, delete only while no line is other than RETURNERT.
Texts the spec does not give are marked "(vårt valg)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from shared.domain.felles.betaling import normaliser_kid
from shared.domain.felles.feil import FeltFeil, Valideringsfeil, periode_mangler
from shared.domain.nav.feil import UgyldigHandling
from shared.domain.utbetaling.utbetaling import Opprinnelse, Utbetaling, UtbetalingStatus

KAN_KORRIGERES = (UtbetalingStatus.FERDIG_BEHANDLET, UtbetalingStatus.DELVIS_UTBETALT, UtbetalingStatus.UTBETALT)
KAN_REDIGERES = (UtbetalingStatus.TIL_BEHANDLING, UtbetalingStatus.RETURNERT)
FINNES_IKKE = "Utbetaling som skal korrigeres eksisterer ikke"
KAN_IKKE_REDIGERES = "Utbetalingen kan ikke redigeres"
KAN_IKKE_SLETTES = "Utbetalingen kan ikke slettes"  # (vårt valg)
IKKE_KORREKSJON = "Utbetalingen er ikke en korreksjon"  # (vårt valg)
OPPRETTET = "Utbetaling opprettet"
REDIGERT = "Utbetaling redigert"
MAKS_BELOP = 2**31 - 1


def kan_ikke_korrigeres(status: UtbetalingStatus) -> str:
    return f"Utbetaling kan ikke korrigeres når den har status {status.value}"


@dataclass(frozen=True, slots=True)
class NyKorreksjon:
    """The Nav API body (§9.1) with inclusive dates."""

    gjelder_utbetaling_id: str
    periode_start: date | None
    periode_slutt: date | None
    belop: int | None
    begrunnelse: str | None
    kommentar: str | None = None
    kid: str | None = None


@dataclass(frozen=True, slots=True)
class GyldigKorreksjon:
    periode_start: date
    periode_slutt: date
    """Half-open."""
    belop: int
    begrunnelse: str
    kommentar: str | None
    kid: str | None


def _tekst(verdi: str | None, pointer: str, navn: str, *, pakrevd: bool) -> FeltFeil | None:
    tekst = (verdi or "").strip()
    if not tekst and not pakrevd:
        return None
    if len(tekst) < 10:
        return FeltFeil(pointer, f"{navn} må være minst 10 tegn")
    if len(tekst) > 250:
        return FeltFeil(pointer, f"{navn} kan ikke være mer enn 250 tegn")
    return None


def _periode(n: NyKorreksjon, gjelder: Utbetaling | None) -> list[FeltFeil]:
    if n.periode_start is None or n.periode_slutt is None:
        return periode_mangler(n.periode_start, n.periode_slutt)
    if n.periode_start > n.periode_slutt:
        return [FeltFeil("/periodeSlutt", "Periodeslutt må være etter periodestart")]
    slutt = n.periode_slutt + timedelta(days=1)
    if gjelder is not None and not (gjelder.periode_start <= n.periode_start and slutt <= gjelder.periode_slutt):
        return [FeltFeil("/periodeStart", "Perioden må ligge innenfor perioden til utbetalingen som korrigeres")]
    return []


def valider(n: NyKorreksjon, gjelder: Utbetaling | None) -> GyldigKorreksjon:
    """Every §6.10 check; `gjelder` is the corrected claim (None = unknown)."""
    feil: list[FeltFeil] = []
    if gjelder is None:
        feil.append(FeltFeil("/gjelderUtbetalingId", FINNES_IKKE))
    elif gjelder.status not in KAN_KORRIGERES:
        feil.append(FeltFeil("/gjelderUtbetalingId", kan_ikke_korrigeres(gjelder.status)))
    feil += _periode(n, gjelder)
    if n.belop is None or n.belop < 1:
        feil.append(FeltFeil("/belop", "Beløp må være positivt"))
    elif n.belop > MAKS_BELOP:
        feil.append(FeltFeil("/belop", "Beløpet er for stort"))  # (vårt valg; §0 32-bit)
    feil += [f for f in (_tekst(n.begrunnelse, "/begrunnelse", "Begrunnelse for korreksjon", pakrevd=True),
                         _tekst(n.kommentar, "/kommentar", "Kommentar", pakrevd=False)) if f]  # fmt: skip
    kid: str | None = None
    try:
        kid = normaliser_kid(n.kid)
    except Valideringsfeil as e:
        feil += e.feil
    if feil:
        raise Valideringsfeil(feil)
    assert n.periode_start is not None and n.periode_slutt is not None and n.belop is not None
    return GyldigKorreksjon(
        n.periode_start, n.periode_slutt + timedelta(days=1), n.belop, (n.begrunnelse or "").strip(),
        (n.kommentar or "").strip() or None, kid,
    )  # fmt: skip


def sjekk_kan_redigeres(u: Utbetaling) -> None:
    if u.opprinnelse is not Opprinnelse.KORREKSJON or u.status not in KAN_REDIGERES:
        raise UgyldigHandling(KAN_IKKE_REDIGERES)


def sjekk_kan_slettes(u: Utbetaling, linjestatuser: Sequence[str]) -> None:
    """§6.3 row 16: a korreksjon in TIL_BEHANDLING / RETURNERT whose lines are all RETURNERT, or none."""
    if u.opprinnelse is not Opprinnelse.KORREKSJON:
        raise UgyldigHandling(IKKE_KORREKSJON)
    if u.status not in KAN_REDIGERES or any(s != "RETURNERT" for s in linjestatuser):
        raise UgyldigHandling(KAN_IKKE_SLETTES)
