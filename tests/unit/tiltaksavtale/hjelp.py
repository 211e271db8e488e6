"""Assertions shared by the transition tests: the exact text and pointer a row refuses with."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shared.domain.felles.feil import DomeneFeil, IkkeTilgang, Valideringsfeil
from shared.domain.tiltaksavtale.feil import ROLLE_HAR_IKKE_TILGANG
from shared.domain.tiltaksavtale.hendelser import Utfall


def avvist(fn: Callable[[], object]) -> tuple[str, str]:
    """(text, pointer) of the first error of a 400, or (text, "403") of a refusal."""
    with pytest.raises(DomeneFeil) as e:
        fn()
    if isinstance(e.value, Valideringsfeil):
        return e.value.feil[0].detail, e.value.feil[0].pointer
    assert isinstance(e.value, IkkeTilgang)
    return e.value.detail, "403"


def rolle_avvist(fn: Callable[[], object]) -> None:
    assert avvist(fn) == (ROLLE_HAR_IKKE_TILGANG, "403")


def tekster(u: Utfall) -> list[str]:
    return [h.tekst for h in u.hendelser]
