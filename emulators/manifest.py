"""Reader of functions/manifest.toml (and test manifests of the same format).

One table per function; the table name is the folder next to the manifest and the entry point in its main.py:

    [generer_utbetaling]
    trigger = "pubsub"
    topic = "generer-utbetaling"

A function with more than one trigger (e.g. a scheduler topic and a Firestore create) lists them instead:

    [send_utsendinger]
    triggere = [
      { trigger = "pubsub", topic = "utsending-tikk" },
      { trigger = "firestore", event_type = "google.cloud.firestore.document.v1.created",
        document = "utsendinger/{id}" },
    ]

Optional `kilde = "path/to/main.py"` (relative to the manifest) overrides `<name>/main.py`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TRIGGERTYPER = ("http", "pubsub", "firestore", "storage")
FIRESTORE_HENDELSER = tuple(
    f"google.cloud.firestore.document.v1.{h}" for h in ("created", "updated", "deleted", "written")
)
STORAGE_HENDELSER = tuple(
    f"google.cloud.storage.object.v1.{h}" for h in ("finalized", "deleted", "archived", "metadataUpdated")
)


class UgyldigManifest(ValueError):
    pass


@dataclass(frozen=True)
class Trigger:
    type: str
    topic: str | None = None
    event_type: str | None = None
    document: str | None = None
    bucket: str | None = None
    """For storage: the name of the `shared.config.Settings` field that holds the bucket name."""


@dataclass(frozen=True)
class Funksjon:
    navn: str
    kilde: Path
    triggere: tuple[Trigger, ...]

    @property
    def signaturtype(self) -> str:
        return "http" if any(t.type == "http" for t in self.triggere) else "cloudevent"


def _trigger(navn: str, data: dict[str, Any]) -> Trigger:
    t = Trigger(
        type=data.get("trigger", ""),
        topic=data.get("topic"),
        event_type=data.get("event_type"),
        document=data.get("document"),
        bucket=data.get("bucket"),
    )
    feil = {
        "pubsub": t.topic is None,
        "firestore": t.event_type not in FIRESTORE_HENDELSER or not t.document,
        "storage": t.event_type not in STORAGE_HENDELSER or not t.bucket,
        "http": False,
    }.get(t.type, True)
    if feil:
        raise UgyldigManifest(f"{navn}: ugyldig trigger {data!r}")
    return t


def les_manifest(sti: Path) -> list[Funksjon]:
    with sti.open("rb") as f:
        data = tomllib.load(f)
    funksjoner = []
    for navn, tabell in data.items():
        if not isinstance(tabell, dict):
            raise UgyldigManifest(f"{sti}: {navn} er ikke en tabell")
        rader = tabell.get("triggere") or [tabell]
        kilde = sti.parent / tabell.get("kilde", f"{navn}/main.py")
        triggere = tuple(_trigger(navn, r) for r in rader)
        if sum(t.type == "http" for t in triggere) and len(triggere) > 1:
            raise UgyldigManifest(f"{navn}: en HTTP-funksjon kan ikke ha andre triggere")
        funksjoner.append(Funksjon(navn=navn, kilde=kilde.resolve(), triggere=triggere))
    return funksjoner


def les_manifester(stier: tuple[Path, ...] | list[Path]) -> list[Funksjon]:
    sett: dict[str, Funksjon] = {}
    for sti in stier:
        for f in les_manifest(sti):
            if f.navn in sett and sett[f.navn] != f:
                raise UgyldigManifest(f"{f.navn} finnes i to manifester med ulikt innhold")
            sett[f.navn] = f
    return list(sett.values())
