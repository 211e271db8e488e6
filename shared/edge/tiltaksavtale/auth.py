"""Who calls (avtale.md §2.1, §8.1): the route's role decides the login. Deltaker, arbeidsgiver and mentor log in
with ID-porten (`pid`, the arrangør API's token check), veileder and beslutter with a Nav token (`NAVident`). A
token of the other kind → 401 UGYLDIG_KOMBINASJON_AV_ISSUER_OG_ROLLE."""

from __future__ import annotations

from typing import Final

import flask

from shared.domain.tiltaksavtale.hendelser import Aktor
from shared.domain.tiltaksavtale.kodeverk import Rolle
from shared.edge.http.auth import autentiser_arrangor, autentiser_nav
from shared.edge.http.problem import Uautentisert

BASE: Final = "/api/avtale"
ROLLER: Final = {
    "deltaker": Rolle.DELTAKER,
    "arbeidsgiver": Rolle.ARBEIDSGIVER,
    "mentor": Rolle.MENTOR,
    "veileder": Rolle.VEILEDER,
    "beslutter": Rolle.BESLUTTER,
}
NAV: Final = frozenset({Rolle.VEILEDER, Rolle.BESLUTTER})
UGYLDIG_KOMBINASJON: Final = (
    "Vi gjenkjenner ikke innloggingen din for denne tjenesten. Logg ut og forsøk igjen – ta kontakt med "
    "brukerstøtte hvis problemet vedvarer."
)


class UgyldigKombinasjon(Uautentisert):
    feilkode = "UGYLDIG_KOMBINASJON_AV_ISSUER_OG_ROLLE"

    def __init__(self) -> None:
        super().__init__(UGYLDIG_KOMBINASJON)


def rolle_fra_sti(sti: str) -> Rolle | None:
    deler = sti.removeprefix(BASE).strip("/").split("/")
    return ROLLER.get(deler[0]) if deler else None


def _ident(request: flask.Request, nav: bool) -> str:
    return autentiser_nav(request).navident if nav else autentiser_arrangor(request).pid


def autentiser(request: flask.Request) -> Aktor:
    rolle = rolle_fra_sti(request.path)
    if rolle is None:
        raise Uautentisert("Ukjent rolle")
    nav = rolle in NAV
    try:
        return Aktor(rolle, _ident(request, nav))
    except Uautentisert:
        try:
            _ident(request, not nav)
        except Uautentisert:
            raise
        raise UgyldigKombinasjon() from None
