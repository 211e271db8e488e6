"""Arrangør (tiltaksarrangør), as published on `arrangor-v1` (domene.md §3.4).

`overordnet_enhet` is the orgnr of the hovedenhet when this is an underenhet (virksomhet). The other topics
refer to
an arrangør by its organisasjonsnummer, which is unique.
"""

from __future__ import annotations

from datetime import date

from shared.domain.grunnlag.melding import InngaendeMelding, Orgnr


class Arrangor(InngaendeMelding):
    organisasjonsnummer: Orgnr
    navn: str
    overordnet_enhet: Orgnr | None = None
    slettet_dato: date | None = None
    """Deleted in Brreg (the business register); tilsagn can then not be created (§5.5)."""
