"""Fixtures for every test.

- `_gjenopprett_miljo` (autouse): os.environ as before the test, and `shared.config` settings forgotten.
- Tests under tests/integration/ need the local stack (`make test` starts it; or `make emulators` once). They
  are marked `integration` and get the `stack` fixture, which fails with a clear message if no stack answers.
- `isolert_prosjekt`: a fresh project id per test with topics, push subscriptions, Firestore triggers and
  buckets for the functions in functions/manifest.toml; GOOGLE_CLOUD_PROJECT is set to it for the test.
  `lag_isolert_prosjekt(manifester=[...])` does the same for other manifests (test-only functions).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from emulators import prosesser
from emulators.klargjoring import STANDARD_MANIFEST, Prosjektoppsett, frigi_prosjekt, klargjor_prosjekt
from emulators.konfig import StackKonfig, les_konfig
from shared.config import nullstill_settings

INTEGRASJON = Path(__file__).parent / "integration"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if INTEGRASJON in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(autouse=True)
def _integrasjon_krever_stack(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("integration") is not None:
        request.getfixturevalue("stack")


@pytest.fixture(autouse=True)
def _gjenopprett_miljo() -> Iterator[None]:
    for_testen = dict(os.environ)
    nullstill_settings()
    yield
    os.environ.clear()
    os.environ.update(for_testen)
    nullstill_settings()


@pytest.fixture(scope="session")
def stack() -> StackKonfig:
    konfig = les_konfig()
    komponenter = prosesser.komponenter(konfig)
    syke = [n for n, k in komponenter.items() if not prosesser.frisk(k.helse_url, 1.0)]
    if syke:
        pytest.fail(
            f"den lokale stacken svarer ikke ({', '.join(syke)}): start den med `make emulators`, "
            "eller kjør `make test`, som starter og stopper den selv",
            pytrace=False,
        )
    for nokkel, verdi in konfig.klientmiljo().items():
        os.environ.setdefault(nokkel, verdi)
    return konfig


def nytt_prosjekt_id() -> str:
    return f"demo-t-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def lag_isolert_prosjekt(stack: StackKonfig) -> Iterator[Callable[..., Prosjektoppsett]]:
    laget: list[str] = []

    def lag(manifester: list[Path] | None = None) -> Prosjektoppsett:
        prosjekt = nytt_prosjekt_id()
        laget.append(prosjekt)
        oppsett = klargjor_prosjekt(prosjekt, [STANDARD_MANIFEST] if manifester is None else manifester, stack)
        os.environ["GOOGLE_CLOUD_PROJECT"] = prosjekt
        nullstill_settings()
        return oppsett

    yield lag
    for prosjekt in laget:
        frigi_prosjekt(prosjekt, stack)


@pytest.fixture
def isolert_prosjekt(lag_isolert_prosjekt: Callable[..., Prosjektoppsett]) -> Prosjektoppsett:
    return lag_isolert_prosjekt()
