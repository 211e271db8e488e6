"""The tiltaksavtale adapters against the Firestore emulator: a fresh project per test, the §9.4 stand-ins
seeded, and the service's dependencies wired over the real clients (shared/bootstrap_tiltaksavtale.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import functions_framework
import pytest
from google.cloud import firestore

from emulators.tiltaksavtale_data import Avtaledata, Navansatt, Testperson, Virksomhetsdata, last_inn
from shared import bootstrap
from shared.bootstrap_tiltaksavtale import bygg
from shared.config import nullstill_settings, settings
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import TYPER, Adressebeskyttelse, Rolle, Tiltakstype
from shared.edge.http import dev_utsteder
from shared.service.tiltaksavtale.felles import Avhengigheter
from tests.conftest import nytt_prosjekt_id
from tests.integration.arrangor_api.conftest import jwks_url
from tests.unit.tiltaksavtale.byggere import (
    ARBEIDSGIVER_PID,
    BEDRIFT,
    BESLUTTER,
    DELTAKER_FNR,
    FODSELSDATO,
    MENTOR_FNR,
    VEILEDER,
    _gyldig_fnr,
    fullt_innhold,
)

BESKYTTET_FNR = _gyldig_fnr("010190", "222")
ANNEN_FNR = _gyldig_fnr("020391", "333")
ANNEN_BEDRIFT = "974760673"
FREMMED_VEILEDER = "F999999"
ALLE_RESSURSER = [t.ressurs for t in TYPER.values()]


def standarddata() -> Avtaledata:
    return Avtaledata(
        personer=[
            Testperson(DELTAKER_FNR, "Kari", "Nordmann", FODSELSDATO),
            Testperson(ANNEN_FNR, "Ola", "Annen", FODSELSDATO, oppfolgingsenhet="1201"),
            Testperson(
                BESKYTTET_FNR, "Skjult", "Person", FODSELSDATO, adressebeskyttelse=Adressebeskyttelse.FORTROLIG
            ),  # fmt: skip
        ],
        ansatte=[
            Navansatt(VEILEDER, ["0301"]),
            Navansatt(BESLUTTER, ["0301"], beslutter_ved=["0301"]),
            Navansatt(FREMMED_VEILEDER, ["1201"]),
        ],
        virksomheter=[Virksomhetsdata(BEDRIFT, "Snekkeri AS"), Virksomhetsdata(ANNEN_BEDRIFT, "Annen AS")],
        delegeringer={ARBEIDSGIVER_PID: {BEDRIFT: ALLE_RESSURSER}},
    )


@dataclass
class Miljo:
    prosjekt: str
    db: firestore.Client
    logg_db: firestore.Client
    avh: Avhengigheter


@pytest.fixture
def miljo() -> Miljo:
    prosjekt = nytt_prosjekt_id()
    db = firestore.Client(project=prosjekt)
    logg_db = firestore.Client(project=prosjekt, database=settings().tilgangslogg_database)
    last_inn(db, standarddata(), settings().bruker_hmac_nokkel)
    return Miljo(prosjekt, db, logg_db, bygg(db, logg_db))


def innhold_fra_i_dag(t: Tiltakstype = Tiltakstype.VTAO) -> Avtaleinnhold:
    """A complete content that starts next week (the builders' fixed dates lie in the past of the real clock)."""
    start = date.today() + timedelta(days=7)
    return fullt_innhold(t, start_dato=start, slutt_dato=start + timedelta(days=300))


ROT = Path(__file__).resolve().parents[3]
TOKEN_FOR = {
    Rolle.DELTAKER: lambda: dev_utsteder.lag_token(DELTAKER_FNR),
    Rolle.ARBEIDSGIVER: lambda: dev_utsteder.lag_token(ARBEIDSGIVER_PID),
    Rolle.MENTOR: lambda: dev_utsteder.lag_token(MENTOR_FNR),
    Rolle.VEILEDER: lambda: dev_utsteder.lag_nav_token(VEILEDER),
    Rolle.BESLUTTER: lambda: dev_utsteder.lag_nav_token(BESLUTTER),
}


@dataclass
class AvtaleApi:
    klient: Any
    db: firestore.Client

    def kall(self, metode: str, sti: str, rolle: Rolle, body: Any = None, token: str | None = None) -> Any:
        bearer = token or TOKEN_FOR[rolle]()
        url = "/api/avtale/" + rolle.value.lower() + sti
        return self.klient.open(url, method=metode, json=body, headers={"Authorization": f"Bearer {bearer}"})


@pytest.fixture
def api(stack: object, jwks_url: str) -> AvtaleApi:
    os.environ["GOOGLE_CLOUD_PROJECT"] = nytt_prosjekt_id()
    os.environ["ARRANGOR_JWKS_URL"] = jwks_url
    os.environ["NAV_JWKS_URL"] = jwks_url
    nullstill_settings()
    db = bootstrap.firestore_klient()
    last_inn(db, standarddata(), settings().bruker_hmac_nokkel)
    app = functions_framework.create_app("avtale_api", str(ROT / "functions/avtale_api/main.py"), "http")  # type: ignore[no-untyped-call]
    return AvtaleApi(app.test_client(), db)


__all__ = ["jwks_url"]
