"""Settings: the only reader of `os.environ` in the code base.

The Google client libraries read `FIRESTORE_EMULATOR_HOST`, `PUBSUB_EMULATOR_HOST` and `STORAGE_EMULATOR_HOST`
themselves; we only read them to know whether we talk to emulators (for settings that must never reach
production). Add a field here, with a default and a docstring, rather than reading the environment elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    gcp_project: str = Field(default="demo-utbetaling")
    """Google Cloud project id (`GOOGLE_CLOUD_PROJECT`). `demo-*` ids never reach a real project."""
    region: str = "europe-north1"
    miljo: str = "lokal"
    """Environment name (`MILJO`): lokal, dev or prod."""
    firestore_emulator_host: str | None = None
    pubsub_emulator_host: str | None = None
    storage_emulator_host: str | None = None
    vedlegg_bucket: str = "demo-utbetaling-vedlegg"
    """Bucket for vedlegg and archive copies (`VEDLEGG_BUCKET`, default `{gcp_project}-vedlegg`)."""

    utbetaling_navnerom: str = "5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10"
    """UUIDv5 namespace of generated claim ids (domene.md §7.1; `UTBETALING_NAVNEROM`). Never change it in a
    running environment: the ids are the guard against a second claim for the same month."""
    omberegning_forsinkelse_s: float = 30.0
    """Debounce of recalculation markers, `forfall = now + this` (§7.2; `OMBEREGNING_FORSINKELSE_S`)."""
    generering_parallelle: int = 8
    """Concurrent claim writes inside one generer_utbetaling invocation (`GENERERING_PARALLELLE`)."""

    @property
    def mot_emulatorer(self) -> bool:
        """True when every Google client points at a local emulator."""
        return bool(self.firestore_emulator_host and self.pubsub_emulator_host)


def les_settings(env: dict[str, str] | None = None) -> Settings:
    kilde = dict(os.environ) if env is None else env
    prosjekt = kilde.get("GOOGLE_CLOUD_PROJECT") or kilde.get("GCLOUD_PROJECT") or "demo-utbetaling"
    return Settings(
        gcp_project=prosjekt,
        region=kilde.get("REGION", "europe-north1"),
        miljo=kilde.get("MILJO", "lokal"),
        firestore_emulator_host=kilde.get("FIRESTORE_EMULATOR_HOST") or None,
        pubsub_emulator_host=kilde.get("PUBSUB_EMULATOR_HOST") or None,
        storage_emulator_host=kilde.get("STORAGE_EMULATOR_HOST") or None,
        vedlegg_bucket=kilde.get("VEDLEGG_BUCKET") or f"{prosjekt}-vedlegg",
        utbetaling_navnerom=kilde.get("UTBETALING_NAVNEROM") or "5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10",
        omberegning_forsinkelse_s=float(kilde.get("OMBEREGNING_FORSINKELSE_S") or 30.0),
        generering_parallelle=int(kilde.get("GENERERING_PARALLELLE") or 8),
    )


_prosjekt: ContextVar[str | None] = ContextVar("prosjekt", default=None)


@cache
def _settings_for(prosjekt: str | None) -> Settings:
    env = dict(os.environ)
    if prosjekt is not None:
        env["GOOGLE_CLOUD_PROJECT"] = prosjekt
    return les_settings(env)


def settings() -> Settings:
    """Validated once per process (per project, see `i_prosjekt`)."""
    return _settings_for(_prosjekt.get())


def nullstill_settings() -> None:
    """Forget validated settings, e.g. after a test changed the environment."""
    _settings_for.cache_clear()


@contextmanager
def i_prosjekt(prosjekt: str) -> Iterator[None]:
    """Settings as if `GOOGLE_CLOUD_PROJECT=prosjekt`, for the current thread/context only.

    Only the local functions host uses this: it runs every function in one process and serves many (test)
    projects at once, so it enters the project the event came from. In the cloud a function lives in one
    project and this is never called. Code that builds clients must therefore take the project from
    `settings().gcp_project` (cache clients per project), never from the environment.
    """
    token = _prosjekt.set(prosjekt)
    try:
        yield
    finally:
        _prosjekt.reset(token)
