"""Settings: the only reader of `os.environ` in the code base.

The Google client libraries read `FIRESTORE_EMULATOR_HOST`, `PUBSUB_EMULATOR_HOST` and `STORAGE_EMULATOR_HOST`
themselves; we only read them to know whether we talk to emulators (for settings that must never reach
production). Add a field here, with a default and a docstring, rather than reading the environment elsewhere.
"""

from __future__ import annotations

import os
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

    @property
    def mot_emulatorer(self) -> bool:
        """True when every Google client points at a local emulator."""
        return bool(self.firestore_emulator_host and self.pubsub_emulator_host)


def les_settings(env: dict[str, str] | None = None) -> Settings:
    kilde = dict(os.environ) if env is None else env
    return Settings(
        gcp_project=kilde.get("GOOGLE_CLOUD_PROJECT") or kilde.get("GCLOUD_PROJECT") or "demo-utbetaling",
        region=kilde.get("REGION", "europe-north1"),
        miljo=kilde.get("MILJO", "lokal"),
        firestore_emulator_host=kilde.get("FIRESTORE_EMULATOR_HOST") or None,
        pubsub_emulator_host=kilde.get("PUBSUB_EMULATOR_HOST") or None,
        storage_emulator_host=kilde.get("STORAGE_EMULATOR_HOST") or None,
    )


@cache
def settings() -> Settings:
    """Validated once per process."""
    return les_settings()
