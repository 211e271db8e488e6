"""The direction of dependencies (STYLE.md §1): domain imports nothing of ours outside domain and no Google
client; service never imports google.cloud; functions never import google.cloud directly."""

from __future__ import annotations

import ast
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]


def _importer(fil: Path) -> set[str]:
    tre = ast.parse(fil.read_text(encoding="utf-8"))
    navn: set[str] = set()
    for node in ast.walk(tre):
        if isinstance(node, ast.Import):
            navn.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            navn.add(node.module)
    return navn


def _filer(mappe: str) -> list[Path]:
    return sorted((ROT / mappe).rglob("*.py"))


def test_domenet_importerer_bare_seg_selv_og_standardbiblioteket() -> None:
    for fil in _filer("shared/domain"):
        for modul in _importer(fil):
            assert not modul.startswith("google"), f"{fil}: {modul}"
            if modul.startswith("shared"):
                assert modul.startswith("shared.domain"), f"{fil}: {modul}"


def test_tjenestelaget_kjenner_ikke_google_klientene() -> None:
    for fil in _filer("shared/service"):
        for modul in _importer(fil):
            assert not modul.startswith("google.cloud"), f"{fil}: {modul}"
            assert not modul.startswith("shared.adapters"), f"{fil}: {modul}"


def test_funksjonene_gar_via_edge_og_bootstrap() -> None:
    for fil in _filer("functions"):
        for modul in _importer(fil):
            assert not modul.startswith("google.cloud"), f"{fil}: {modul}"
            assert not modul.startswith("shared.adapters"), f"{fil}: {modul}"
