"""`make bundle`: one deployable folder per function in functions/manifest.toml.

    build/<fn>/main.py            (and anything else in functions/<fn>/)
    build/<fn>/shared/            a copy of the shared package
    build/<fn>/requirements.txt   the project's runtime dependencies, pinned to the versions installed in .venv

functions-framework puts the source folder on sys.path in the cloud, so `import shared` works there as here.
Terraform zips build/<fn>/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from emulators.klargjoring import STANDARD_MANIFEST
from emulators.konfig import ROT
from emulators.manifest import les_manifest

_IGNORER = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".pytest_cache")


def krav() -> list[str]:
    """`name==installed version` for every runtime dependency in pyproject.toml (not the dev extras)."""
    with (ROT / "pyproject.toml").open("rb") as f:
        avhengigheter = tomllib.load(f)["project"]["dependencies"]
    linjer = []
    for tekst in avhengigheter:
        r = Requirement(tekst)
        ekstra = f"[{','.join(sorted(r.extras))}]" if r.extras else ""
        versjon = metadata.version(r.name)
        if r.specifier and not r.specifier.contains(versjon, prereleases=True):
            raise SystemExit(f"bundle: installert {r.name} {versjon} oppfyller ikke {tekst!r}; kjør make setup")
        linjer.append(f"{r.name}{ekstra}=={versjon}")
    return linjer


def bygg(ut: Path, manifest: Path = STANDARD_MANIFEST) -> list[Path]:
    requirements = "\n".join(krav()) + "\n"
    mapper = []
    for funksjon in les_manifest(manifest):
        mal = ut / funksjon.navn
        if mal.exists():
            shutil.rmtree(mal)
        shutil.copytree(funksjon.kilde.parent, mal, ignore=_IGNORER)
        shutil.copytree(ROT / "shared", mal / "shared", ignore=_IGNORER)
        (mal / "requirements.txt").write_text(requirements)
        mapper.append(mal)
    return mapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulators.bundle")
    parser.add_argument("--ut", type=Path, default=ROT / "build")
    parser.add_argument("--manifest", type=Path, default=STANDARD_MANIFEST)
    args = parser.parse_args(argv)
    for mappe in bygg(args.ut, args.manifest):
        print(f"bundle: {mappe.relative_to(ROT) if mappe.is_relative_to(ROT) else mappe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
