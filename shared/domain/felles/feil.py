"""Domain errors (STYLE.md §6). The domain knows nothing about HTTP: the edge maps classes to status codes.

A `Valideringsfeil` carries one or more `FeltFeil`, each a JSON pointer into the input plus a Norwegian
text, so
the same error reads well on the command line (`/deltakelser/3/start_dato: mangler`) and in an RFC 9457
problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class DomeneFeil(Exception):
    """Base of every error the domain raises on purpose. Permanent: retrying the same input fails the
    same way."""


@dataclass(frozen=True, slots=True)
class FeltFeil:
    pointer: str
    """JSON pointer (RFC 6901) of the offending field; "/" for the document as a whole."""
    detail: str
    """Norwegian text for the reader."""

    def __str__(self) -> str:
        return f"{self.pointer}: {self.detail}"


class Valideringsfeil(DomeneFeil):
    """The input is invalid. `str()` is the first error as `"/pointer: detail"` (one line)."""

    def __init__(self, feil: Sequence[FeltFeil]) -> None:
        if not feil:
            raise ValueError("Valideringsfeil trenger minst én FeltFeil")
        self.feil: list[FeltFeil] = list(feil)
        super().__init__(str(self.feil[0]))

    @classmethod
    def for_felt(cls, pointer: str, detail: str) -> Valideringsfeil:
        return cls([FeltFeil(pointer, detail)])

    def __str__(self) -> str:
        return str(self.feil[0])


class _MedTekst(DomeneFeil):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class IkkeTilgang(_MedTekst):
    """The entity exists but its orgnr is not granted to the user, or the user has no granted organisation."""


class FinnesIkke(_MedTekst):
    """Unknown id, or an entity the caller may not see (e.g. a tilsagn in a status the arrangør does not see)."""


class Konflikt(_MedTekst):
    """The caller acted on a version that is no longer the stored one (optimistic lock): 409."""


class TjenesteNede(_MedTekst):
    """A service we depend on (Altinn, the account register, the virus scan, the access log) failed; try later."""


class UgyldigTilstand(Valideringsfeil):
    """A state rule refused the operation; `feil` holds the text (pointer "/" unless a field is to blame)."""


def periode_mangler(start: object | None, slutt: object | None) -> list[FeltFeil]:
    """The "… må være satt" errors of a period entered as two dates, both reported together (§5.5, §6.10)."""
    feil: list[FeltFeil] = []
    if start is None:
        feil.append(FeltFeil("/periodeStart", "Periodestart må være satt"))
    if slutt is None:
        feil.append(FeltFeil("/periodeSlutt", "Periodeslutt må være satt"))
    return feil


class BestillingsnummerIBruk(UgyldigTilstand):
    """An imported or seeded tilsagn carries a bestillingsnummer another tilsagn already has (§5.1: unique)."""

    def __init__(self, bestillingsnummer: str) -> None:
        super().__init__([FeltFeil("/bestillingsnummer", f"Bestillingsnummer {bestillingsnummer} er allerede i bruk")])


ENDRET_SAMTIDIG = "Noen andre endret dette samtidig. Hent det på nytt og prøv igjen."


class EndretSamtidig(UgyldigTilstand):
    """Someone else changed the same thing at the same moment, and the change could not be checked again on what
    they committed in time (issue 17): a 400, at once, never a 500 after a minute of retries."""

    def __init__(self, detail: str = ENDRET_SAMTIDIG, pointer: str = "/") -> None:
        super().__init__([FeltFeil(pointer, detail)])
