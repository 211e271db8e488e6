"""Errors of Nav's processing (domene.md §5.2, §6.3, §6.6, §9.1), by meaning, as subclasses of the shared ones in
feil.py, so the edge's one problem table maps them: `UgyldigHandling` 400 (a state or rule error; the text is the
headline), `ManglerTilgang` 403, `*FinnesIkke` 404. The texts are the exact Norwegian texts of the spec."""

from __future__ import annotations

from shared.domain.felles.feil import DomeneFeil, FeltFeil, FinnesIkke, IkkeTilgang, UgyldigTilstand


class UgyldigHandling(UgyldigTilstand):
    """The action is not allowed in the entity's state, or breaks the two-person rule."""

    def __init__(self, tekst: str, pointer: str = "/") -> None:
        super().__init__([FeltFeil(pointer, tekst)])
        self.tekst = tekst
        self.overskrift = tekst

    def __str__(self) -> str:
        return self.tekst


class ManglerTilgang(IkkeTilgang):
    """The NAV employee lacks the role (at the kostnadssted) for the action."""


class UtbetalingFinnesIkke(FinnesIkke):
    def __init__(self, utbetaling_id: str) -> None:
        super().__init__(f"Fant ikke utbetaling med id={utbetaling_id}")


class TilsagnFinnesIkke(FinnesIkke):
    def __init__(self, tilsagn_id: str) -> None:
        super().__init__(f"Fant ikke tilsagn med id={tilsagn_id}")


class LinjeFinnesIkke(FinnesIkke):
    def __init__(self, linje_id: str) -> None:
        super().__init__(f"Fant ikke utbetalingslinje med id={linje_id}")


class GjennomforingFinnesIkke(FinnesIkke):
    def __init__(self, gjennomforing_id: str) -> None:
        super().__init__(f"Fant ikke gjennomføring med id={gjennomforing_id}")


class UkjentFaktura(DomeneFeil):
    """A status message for a fakturanummer we never sent (§10.3: dead-letter and alert)."""


class UgyldigFakturastatus(DomeneFeil):
    """A status message that contradicts what we know, e.g. SENDT for a line already UTBETALT (§10.3)."""
