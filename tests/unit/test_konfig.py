"""Settings that must fail at start fail at start (issue 17 item 6): outside the emulators every dev setting is
refused, the APIs need every production setting named (no dev issuer, no default adapter), and a function with a
dev setting does not load at all; the command-line tools find the local stack by themselves (issue 13 F)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.config import (
    DEV_UTSTEDER,
    Konfigurasjonsfeil,
    bruk_lokal_stack,
    krev_gyldig,
    les_settings,
    nullstill_settings,
    settings,
)

ROT = Path(__file__).resolve().parents[2]
EMULATORER = {"FIRESTORE_EMULATOR_HOST": "h:1", "PUBSUB_EMULATOR_HOST": "h:2"}
PROD_ARRANGOR = {
    "ARRANGOR_OIDC_ISSUER": "https://tokenx.nav.no", "ARRANGOR_JWKS_URL": "https://tokenx.nav.no/jwks",
    "ALTINN_ADAPTER": "altinn3", "BRUKER_HMAC_NOKKEL": "hemmelig", "MASKINPORTEN_KLIENT_ID": "klient",
    "MASKINPORTEN_NOKKEL_PEM": "pem", "VIRUSSKANNER": "clamav",
}  # fmt: skip
PROD_NAV = {"NAV_OIDC_ISSUER": "https://login.microsoftonline.com/x/v2.0", "NAV_JWKS_URL": "https://x/keys",
            "NAV_TILGANGER_ADAPTER": "entra",
            "NAV_GRUPPE_ROLLER": '{"g1": {"rolle": "ATTESTANT_UTBETALING", "kostnadssteder": ["0400"]}}'}  # fmt: skip


@pytest.mark.parametrize(
    ("navn", "verdi"),
    [("LOKAL_STATISK_TOKEN_PID", "01017000000"), ("ALTINN_ADAPTER", "lokal"),
     ("ARRANGOR_OIDC_ISSUER", DEV_UTSTEDER), ("NAV_OIDC_ISSUER", DEV_UTSTEDER), ("KONTOREGISTER_ADAPTER", "lokal"),
     ("VIRUSSKANNER", "lokal"), ("NAV_TILGANGER_ADAPTER", "lokal")],
)  # fmt: skip
def test_hver_utviklingsinnstilling_nektes_utenfor_emulatorene(navn: str, verdi: str) -> None:
    with pytest.raises(ValueError, match="bare tillatt mot emulatorene"):
        les_settings({navn: verdi})
    assert les_settings({navn: verdi} | EMULATORER).mot_emulatorer


def test_statisk_token_nektes_ogsa_ved_forste_foresporsel_som_konfigurasjonsfeil_ikke_400() -> None:
    os.environ.clear()
    os.environ["LOKAL_STATISK_TOKEN_PID"] = "01017000000"
    with pytest.raises(Konfigurasjonsfeil, match="LOKAL_STATISK_TOKEN_PID"):
        settings()


@pytest.mark.parametrize("mangler", sorted(PROD_ARRANGOR))
def test_arrangor_api_krever_hver_produksjonsinnstilling(mangler: str) -> None:
    os.environ.clear()
    os.environ.update({k: v for k, v in PROD_ARRANGOR.items() if k != mangler})
    with pytest.raises(Konfigurasjonsfeil, match=mangler.split("_PEM")[0]):
        krev_gyldig("arrangor")


def test_produksjonsinnstillinger_godtas_og_adapteren_er_navngitt() -> None:
    os.environ.clear()
    os.environ.update(PROD_ARRANGOR | PROD_NAV)
    assert krev_gyldig("arrangor").altinn_kilde == "altinn3"
    assert krev_gyldig("nav").nav_utsteder == PROD_NAV["NAV_OIDC_ISSUER"]
    os.environ.pop("NAV_OIDC_ISSUER")
    nullstill_settings()
    with pytest.raises(Konfigurasjonsfeil, match="NAV_OIDC_ISSUER"):
        krev_gyldig("nav")


@pytest.mark.parametrize("mangler", ["NAV_TILGANGER_ADAPTER", "NAV_GRUPPE_ROLLER", "NAV_JWKS_URL"])
def test_nav_api_krever_rollene_fra_entra_navngitt(mangler: str) -> None:
    os.environ.clear()
    os.environ.update({k: v for k, v in PROD_NAV.items() if k != mangler})
    with pytest.raises(Konfigurasjonsfeil, match=mangler):
        krev_gyldig("nav")


def test_mot_emulatorene_er_dev_standardene_lov() -> None:
    s = les_settings(EMULATORER | {"UTBETALING_FUNKSJONSVERT": "http://127.0.0.1:1"})
    assert (s.arrangor_utsteder, s.nav_utsteder, s.altinn_kilde) == (DEV_UTSTEDER, DEV_UTSTEDER, "lokal")
    assert (s.kontoregister_kilde, s.virusskanner_kilde, s.nav_tilganger_kilde) == ("lokal", "lokal", "lokal")
    assert s.mangler_for_arrangor_api() == [] and s.mangler_for_nav_api() == []


@pytest.mark.parametrize("funksjon", ["arrangor_api", "nav_api"])
def test_api_funksjonen_starter_ikke_med_utviklingsinnstilling_utenfor_emulatorene(funksjon: str) -> None:
    kode = (f"import functions_framework; functions_framework.create_app('{funksjon}', "
            f"'functions/{funksjon}/main.py', 'http')")  # fmt: skip
    miljo = {"PATH": os.environ.get("PATH", ""), "LOKAL_STATISK_TOKEN_PID": "01017000000"}
    ut = subprocess.run([sys.executable, "-c", kode], cwd=ROT, env=miljo, capture_output=True, text=True, timeout=60)
    assert ut.returncode != 0 and "tjenesten starter ikke" in ut.stderr, ut.stderr[-500:]
    lokal = miljo | EMULATORER | {"UTBETALING_FUNKSJONSVERT": "http://127.0.0.1:1"}
    ok = subprocess.run([sys.executable, "-c", kode], cwd=ROT, env=lokal, capture_output=True, timeout=60)
    assert ok.returncode == 0, ok.stderr[-500:]


def test_kommandolinjen_finner_den_lokale_stacken_uten_eval(tmp_path: Path) -> None:
    os.environ.clear()
    kjoremappe = tmp_path / "kjor"
    kjoremappe.mkdir()
    (kjoremappe / "klientmiljo.json").write_text(json.dumps(EMULATORER | {"GOOGLE_CLOUD_PROJECT": "demo-utbetaling"}))
    os.environ["UTBETALING_STACK_KJOREMAPPE"] = str(kjoremappe)
    os.environ["LOKAL_STATISK_TOKEN_PID"] = "01017000000"
    bruk_lokal_stack()
    assert os.environ["FIRESTORE_EMULATOR_HOST"] == "h:1" and settings().mot_emulatorer
    os.environ.clear()
    os.environ.update({"UTBETALING_STACK_KJOREMAPPE": str(kjoremappe), "GOOGLE_CLOUD_PROJECT": "nav-prod"})
    bruk_lokal_stack()
    assert "FIRESTORE_EMULATOR_HOST" not in os.environ  # a real project never gets pointed at the local stack
