"""Reads emulators/stack.toml plus environment overrides into one `StackKonfig`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROT = Path(__file__).resolve().parent.parent
"""The repo root: every relative path in stack.toml is relative to it."""
KONFIGFIL = Path(__file__).resolve().parent / "stack.toml"
PREFIKS = "UTBETALING_STACK_"


def _overstyr(data: dict[str, Any], miljo: dict[str, str], prefiks: str) -> dict[str, Any]:
    ut: dict[str, Any] = {}
    for nokkel, verdi in data.items():
        navn = f"{prefiks}{nokkel.upper()}"
        if isinstance(verdi, dict):
            ut[nokkel] = _overstyr(verdi, miljo, f"{navn}_")
        elif navn in miljo:
            ut[nokkel] = _tolk(miljo[navn], verdi)
        else:
            ut[nokkel] = verdi
    return ut


def _tolk(tekst: str, mal: Any) -> Any:
    if isinstance(mal, bool):
        return tekst.lower() in ("1", "true", "ja", "yes")
    if isinstance(mal, int):
        return int(tekst)
    if isinstance(mal, list):
        return [t for t in tekst.split(",") if t]
    return tekst


@dataclass(frozen=True)
class StackKonfig:
    prosjekt: str
    vert: str
    kjoremappe: Path
    porter: dict[str, int]
    java: dict[str, str]
    programmer: dict[str, str]
    gcs_backend: str
    gcs_hendelser_topic: str
    maks_leveringer: int
    retry_min_s: int
    retry_max_s: int
    ack_frist_s: int
    manifester: tuple[Path, ...]
    samtidighet: dict[str, int] = field(default_factory=dict)
    """Deliveries per function at once in the functions host (`standard` for the others; 0 = unbounded)."""
    ko_frist_s: float = 30.0
    """How long an HTTP request waits for a slot before it gets 429."""
    prosesser: dict[str, int] = field(default_factory=dict)
    """Worker processes that pull a Pub/Sub function's subscription, sharing its slots (absent = the host itself)."""

    def prosesser_for(self, funksjon: str) -> int:
        return self.prosesser.get(funksjon, 0)

    def samtidighet_for(self, funksjon: str) -> int:
        return self.samtidighet.get(funksjon, self.samtidighet.get("standard", 0))

    def port(self, komponent: str) -> int:
        return self.porter[komponent]

    def adresse(self, komponent: str) -> str:
        return f"{self.vert}:{self.port(komponent)}"

    def url(self, komponent: str) -> str:
        return f"http://{self.adresse(komponent)}"

    def klientmiljo(self) -> dict[str, str]:
        """What a process needs so the Google client libraries talk to this stack."""
        return {
            "FIRESTORE_EMULATOR_HOST": self.adresse("firestore"),
            "PUBSUB_EMULATOR_HOST": self.adresse("pubsub"),
            "STORAGE_EMULATOR_HOST": self.url("gcs"),
            "GOOGLE_CLOUD_PROJECT": self.prosjekt,
            "UTBETALING_FUNKSJONSVERT": self.url("funksjonsvert"),
        }


def les_konfig(miljo: dict[str, str] | None = None) -> StackKonfig:
    miljo = dict(os.environ) if miljo is None else miljo
    with KONFIGFIL.open("rb") as f:
        data = _overstyr(tomllib.load(f), miljo, PREFIKS)
    forskyvning = int(data.get("portforskyvning", 0))
    kjoremappe = Path(data["kjoremappe"])
    return StackKonfig(
        prosjekt=data["prosjekt"],
        vert=data["vert"],
        kjoremappe=kjoremappe if kjoremappe.is_absolute() else ROT / kjoremappe,
        porter={k: int(v) + forskyvning for k, v in data["porter"].items()},
        java=dict(data["java"]),
        programmer=dict(data["programmer"]),
        gcs_backend=data["gcs"]["backend"],
        gcs_hendelser_topic=data["gcs"]["hendelser_topic"],
        maks_leveringer=int(data["pubsub"]["maks_leveringer"]),
        retry_min_s=int(data["pubsub"]["retry_min_s"]),
        retry_max_s=int(data["pubsub"]["retry_max_s"]),
        ack_frist_s=int(data["pubsub"]["ack_frist_s"]),
        manifester=tuple(_absolutt(p) for p in data["funksjonsvert"]["manifester"]),
        samtidighet={k: int(v) for k, v in data["funksjonsvert"].get("samtidighet", {}).items()},
        ko_frist_s=float(data["funksjonsvert"].get("ko_frist_s", 30)),
        prosesser={k: int(v) for k, v in data["funksjonsvert"].get("prosesser", {}).items()},
    )


def _absolutt(sti: str) -> Path:
    p = Path(sti)
    return p if p.is_absolute() else ROT / p
