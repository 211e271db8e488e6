"""`avtale_api` in-process (functions-framework test client) on the emulator: a whole flow over HTTP, problem+json
with pointers and `feilkode`, the 409 on a stale `sistEndret`, the login per role, and the access matrix generated
from the route table: every route with an avtale id × role × (own / other orgnr / other person / protected)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from shared import bootstrap_tiltaksavtale
from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.kodeverk import Rolle, Tiltakstype
from shared.edge.http import dev_utsteder
from shared.edge.http.ruting import json_bytes
from shared.edge.tiltaksavtale.api import RUTER_LISTE, dokument, roller_for
from shared.edge.tiltaksavtale.auth import BASE, UGYLDIG_KOMBINASJON
from tests.integration.tiltaksavtale.conftest import (
    ANNEN_BEDRIFT,
    ANNEN_FNR,
    BESKYTTET_FNR,
    AvtaleApi,
    innhold_fra_i_dag,
)
from tests.unit.tiltaksavtale.byggere import BEDRIFT, DELTAKER_FNR, lag_avtale

R = Rolle


def _innhold_json() -> Any:
    import json

    return json.loads(json_bytes(innhold_fra_i_dag()))


def _ok(svar: Any, status: int = 200) -> Any:
    assert svar.status_code == status, svar.get_data(as_text=True)
    return svar.get_json()


def test_vtao_over_http_fra_arbeidsgiver_til_inngatt(api: AvtaleApi) -> None:
    a = _ok(api.kall("POST", "/avtaler", R.ARBEIDSGIVER,
                     {"deltakerFnr": DELTAKER_FNR, "bedriftNr": BEDRIFT, "tiltakstype": "VTAO"}), 201)  # fmt: skip
    assert a["status"] == "PABEGYNT" and a["erUfordelt"] and a["venterPa"] == "FORDELING"
    assert a["veilederNavIdent"] is None and a["innsatsgruppe"] is None, "arbeidsgiver sees no Nav fields"
    i = a["id"]
    a = _ok(api.kall("PUT", f"/avtaler/{i}/overta", R.VEILEDER, {"sistEndret": a["sistEndret"]}))
    a = _ok(
        api.kall("PUT", f"/avtaler/{i}", R.ARBEIDSGIVER, {"sistEndret": a["sistEndret"], "innhold": _innhold_json()})
    )
    assert a["status"] == "MANGLER_GODKJENNING" and a["felterSomMangler"] == []
    assert (a["erUfordelt"], a["venterPa"], a["veilederNavIdent"]) == (False, "ARBEIDSGIVER", None), (
        "derived from the whole avtale, though the employer does not see the NAVident"
    )
    for rolle in (R.DELTAKER, R.ARBEIDSGIVER, R.VEILEDER):
        a = _ok(api.kall("POST", f"/avtaler/{i}/godkjenn", rolle, {"sistEndret": a["sistEndret"], "bekreftet": True}))
    a = _ok(api.kall("POST", f"/avtaler/{i}/tilskudd/godkjenn", R.BESLUTTER, {"sistEndret": a["sistEndret"]}))
    assert a["status"] == "KLAR_FOR_OPPSTART" and a["avtaleInngatt"] and a["venterPa"] is None
    versjoner = _ok(api.kall("GET", f"/avtaler/{i}/versjoner", R.DELTAKER))
    assert [v["versjon"] for v in versjoner] == [1]
    rader = _ok(api.kall("GET", "/avtaler", R.ARBEIDSGIVER))
    assert [r["id"] for r in rader] == [i] and rader[0]["deltakerFornavn"] == "Kari"
    assert _ok(api.kall("GET", "/varsler", R.ARBEIDSGIVER)), "the employer has in-app notices"
    tilganger = _ok(api.kall("GET", "/tilganger", R.ARBEIDSGIVER))
    assert tilganger[0]["orgnr"] == BEDRIFT and "VTAO" in tilganger[0]["tiltakstyper"]


def test_foreldet_sist_endret_gir_409_conflict(api: AvtaleApi) -> None:
    a = _ok(api.kall("POST", "/avtaler", R.VEILEDER,
                     {"deltakerFnr": DELTAKER_FNR, "bedriftNr": BEDRIFT, "tiltakstype": "VTAO"}), 201)  # fmt: skip
    _ok(api.kall("PUT", f"/avtaler/{a['id']}", R.VEILEDER, {"sistEndret": a["sistEndret"], "innhold": {}}))
    svar = api.kall("PUT", f"/avtaler/{a['id']}", R.VEILEDER, {"sistEndret": a["sistEndret"], "innhold": {}})
    assert svar.status_code == 409 and svar.content_type == "application/problem+json"
    p = svar.get_json()
    assert (p["type"], p["status"], p["feilkode"]) == ("conflict", 409, "SAMTIDIGE_ENDRINGER")
    assert p["detail"].startswith("Du må oppdatere siden før du kan lagre, godkjenne")


def test_400_har_overskrift_pekere_og_feilkode(api: AvtaleApi) -> None:
    a = _ok(api.kall("POST", "/avtaler", R.VEILEDER,
                     {"deltakerFnr": DELTAKER_FNR, "bedriftNr": BEDRIFT, "tiltakstype": "VTAO"}), 201)  # fmt: skip
    svar = api.kall(
        "POST", f"/avtaler/{a['id']}/godkjenn", R.DELTAKER, {"sistEndret": a["sistEndret"], "bekreftet": True}
    )
    assert svar.status_code == 400
    p = svar.get_json()
    assert p["type"] == "validation-error" and p["detail"] == "Avtalen kan ikke godkjennes"
    assert all(e["pointer"].startswith("/") and e["detail"] for e in p["errors"])
    svar = api.kall(
        "PUT", f"/avtaler/{a['id']}", R.VEILEDER, {"sistEndret": a["sistEndret"], "innhold": {"startDato": "x"}}
    )
    p = svar.get_json()
    assert svar.status_code == 400 and p["errors"][0]["pointer"] == "/innhold/startDato"
    assert p["detail"] == "Avtalen kan ikke lagres"


def test_feil_type_innlogging_for_rollen_gir_401(api: AvtaleApi) -> None:
    svar = api.kall("GET", "/avtaler", R.DELTAKER, token=dev_utsteder.lag_nav_token("Z123456"))
    p = svar.get_json()
    assert svar.status_code == 401 and p["detail"] == UGYLDIG_KOMBINASJON
    assert p["feilkode"] == "UGYLDIG_KOMBINASJON_AV_ISSUER_OG_ROLLE"
    assert api.kall("GET", "/avtaler", R.VEILEDER, token=dev_utsteder.lag_token(DELTAKER_FNR)).status_code == 401
    assert api.kall("GET", "/avtaler", R.VEILEDER, token="tull").status_code == 401


def test_openapi_beskriver_hver_rute(api: AvtaleApi) -> None:
    svar = api.klient.get(BASE + "/openapi.json")
    stier = _ok(svar)["paths"]
    assert {r.sti for r in RUTER_LISTE} == set(stier)
    assert dokument()["paths"][BASE + "/veileder/avtaler/{id}/godkjenn"]["post"]["requestBody"]


# ---------------------------------------------------------------- the access matrix

TILFELLER = ("egen", "annet_orgnr", "annen_person", "beskyttet")
EKSEMPEL = {"part": "DELTAKER", "sluttDato": (date.today() + timedelta(days=400)).isoformat()}


def _lagre(a: Tiltaksavtale) -> Tiltaksavtale:
    avh = bootstrap_tiltaksavtale.avhengigheter()
    avh.repo.i_transaksjon(lambda tx: tx.lagre(a, ny=True))
    return a


def _avtaler() -> dict[str, Tiltaksavtale]:
    return {
        "egen": _lagre(lag_avtale(Tiltakstype.VTAO, fullt=False)),
        "annet_orgnr": _lagre(lag_avtale(Tiltakstype.VTAO, fullt=False, bedrift_nr=ANNEN_BEDRIFT)),
        "annen_person": _lagre(lag_avtale(Tiltakstype.VTAO, fullt=False, deltaker_fnr=ANNEN_FNR)),
        "beskyttet": _lagre(lag_avtale(Tiltakstype.VTAO, fullt=False, deltaker_fnr=BESKYTTET_FNR)),
    }


def _har_tilgang(rolle: Rolle, tilfelle: str) -> bool:
    """§2: the deltaker by fnr, the arbeidsgiver by orgnr (+ adressesperre), Nav by person access; the mentor is
    on none of these avtaler."""
    if rolle == R.DELTAKER:
        return tilfelle in ("egen", "annet_orgnr")
    if rolle == R.ARBEIDSGIVER:
        return tilfelle in ("egen", "annen_person")
    if rolle == R.MENTOR:
        return False
    return tilfelle in ("egen", "annet_orgnr")


def _body(rute: Any, a: Tiltaksavtale) -> dict[str, Any] | None:
    if rute.kropp is None:
        return None
    felt = {f.alias or n for n, f in rute.kropp.model_fields.items()}
    return {
        "sistEndret": json_bytes(a.sist_endret).decode().strip('"'),
        **{k: v for k, v in EKSEMPEL.items() if k in felt},
    }


MED_ID = [r for r in RUTER_LISTE if "{id}" in r.sti]


@pytest.mark.parametrize("rute", MED_ID, ids=[f"{r.metode} {r.sti.removeprefix(BASE)}" for r in MED_ID])
def test_tilgangsmatrise(api: AvtaleApi, rute: Any) -> None:
    avtaler = _avtaler()
    rolle = (
        next(iter(roller_for(rute)), None) or {r.value.lower(): r for r in R}[rute.sti.removeprefix(BASE).split("/")[1]]
    )
    for tilfelle in TILFELLER:
        a = avtaler[tilfelle]
        sti = rute.sti.removeprefix(BASE + "/" + rolle.value.lower()).replace("{id}", a.id)
        svar = api.kall(rute.metode, sti, rolle, _body(rute, a))
        forventet_nekt = not roller_for(rute) or not _har_tilgang(rolle, tilfelle)
        assert svar.status_code < 500, (tilfelle, svar.get_data(as_text=True))
        assert (svar.status_code == 403) == forventet_nekt, (tilfelle, svar.status_code, svar.get_data(as_text=True))
        if svar.status_code == 403:
            assert svar.get_json()["type"] == "forbidden" and svar.get_json()["feilkode"]
