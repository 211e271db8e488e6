"""The manifest reader of the local functions host (emulators/manifest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulators.manifest import UgyldigManifest, les_manifest

STANDARD = Path(__file__).resolve().parents[2] / "functions" / "manifest.toml"


def test_standardmanifestet_kan_leses_og_hver_funksjon_har_sin_main(tmp_path: Path) -> None:
    for f in les_manifest(STANDARD):
        assert f.kilde.is_file(), f.kilde


def test_en_funksjon_kan_ha_flere_triggere(tmp_path: Path) -> None:
    sti = tmp_path / "manifest.toml"
    sti.write_text(
        '[send_utsendinger]\ntriggere = [\n  { trigger = "pubsub", topic = "utsending-tikk" },\n'
        '  { trigger = "firestore", event_type = "google.cloud.firestore.document.v1.created",'
        ' document = "utsendinger/{id}" },\n]\n'
    )
    [f] = les_manifest(sti)
    assert [t.type for t in f.triggere] == ["pubsub", "firestore"]
    assert f.signaturtype == "cloudevent"
    assert f.kilde == (tmp_path / "send_utsendinger" / "main.py").resolve()


def test_ugyldig_trigger_avvises(tmp_path: Path) -> None:
    sti = tmp_path / "manifest.toml"
    sti.write_text('[x]\ntrigger = "firestore"\nevent_type = "google.cloud.firestore.document.v1.written"\n')
    with pytest.raises(UgyldigManifest):
        les_manifest(sti)
