"""Errors of the tiltaksavtale context (avtale.md §8.1), as subclasses of the shared family in shared/domain/feil.py
so the edge's one problem table maps them. Each carries Nav's `Feilkode` (when Nav has one) for the problem
extension `feilkode`, so the two systems can be compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared.domain.felles.feil import FeltFeil, FinnesIkke, IkkeTilgang, Konflikt, TjenesteNede, UgyldigTilstand

SAMTIDIGE_ENDRINGER = (
    "Du må oppdatere siden før du kan lagre, godkjenne eller gjøre andre endringer. "
    "Det er gjort endringer i avtalen som du ikke har sett."
)
ROLLE_HAR_IKKE_TILGANG = (
    "Du er innlogget med en rolle som ikke har tilgang til å utføre denne handlingen. "
    "Forsøk å oppfrisk siden og prøv igjen."
)


@dataclass(frozen=True, slots=True)
class AvtaleFeltFeil(FeltFeil):
    """A `FeltFeil` with Nav's feilkode (None where the rule is ours and Nav has no code)."""

    feilkode: str | None = None


class AvtaleValideringsfeil(UgyldigTilstand):
    """400: one or more field or state rules refused the action; `feil` holds every `AvtaleFeltFeil`."""

    def __init__(self, feil: Sequence[FeltFeil]) -> None:
        super().__init__(feil)

    @property
    def tekst(self) -> str:
        return self.feil[0].detail

    @property
    def feilkode(self) -> str | None:
        return getattr(self.feil[0], "feilkode", None)


def regelbrudd(tekst: str, feilkode: str | None = None, pointer: str = "/") -> AvtaleValideringsfeil:
    """A single rule on stored state (pointer "/") or on one field of the request."""
    return AvtaleValideringsfeil([AvtaleFeltFeil(pointer, tekst, feilkode)])


class AvtaleIkkeTilgang(IkkeTilgang):
    """403 with the §2 texts."""

    def __init__(self, detail: str, feilkode: str | None = None) -> None:
        super().__init__(detail)
        self.feilkode = feilkode


def rolle_har_ikke_tilgang() -> AvtaleIkkeTilgang:
    """§5.2: a party acting outside the actor column of §5.3."""
    return AvtaleIkkeTilgang(ROLLE_HAR_IKKE_TILGANG, "ROLLE_HAR_IKKE_TILGANG")


class AvtaleFinnesIkke(FinnesIkke):
    def __init__(self, avtale_id: str) -> None:
        super().__init__(f"Fant ikke avtale med id={avtale_id}")


class SamtidigeEndringer(Konflikt):
    """409 (avvik: Nav answers 400): the request's `sistEndret` is not the stored one."""

    feilkode = "SAMTIDIGE_ENDRINGER"

    def __init__(self) -> None:
        super().__init__(SAMTIDIGE_ENDRINGER)


class AvtaleTjenesteNede(TjenesteNede):
    """503: a port failed (Altinn, oppfølgingsregisteret, the access log)."""

    def __init__(self, detail: str, feilkode: str | None = None) -> None:
        super().__init__(detail)
        self.feilkode = feilkode
