"""Decoding of the CloudEvents that Cloud Functions gen2 delivers, for the entry points in functions/.

- Firestore (`google.cloud.firestore.document.v1.*`): protobuf `DocumentEventData`, decoded with
  google-events.
- Pub/Sub (`google.cloud.pubsub.topic.v1.messagePublished`): JSON `{"message": {"data": base64, ...}, ...}`.
- Cloud Storage (`google.cloud.storage.object.v1.*`): the object resource as JSON.

The local functions host (emulators/funksjonsvert/) delivers exactly these formats, so nothing here knows
whether it runs locally.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from cloudevents.http import CloudEvent
from google.events.cloud.firestore import DocumentEventData

logg = logging.getLogger(__name__)

_DOKUMENTER = "/documents/"


class Dokumentendring(NamedTuple):
    """One Firestore document event. `felt`/`gamle_felt` are None when there is no new/old version."""

    sti: str
    """Path relative to the database, e.g. `omberegninger/abc`."""
    felt: dict[str, Any] | None
    gamle_felt: dict[str, Any] | None


@dataclass(frozen=True)
class GcsObjekt:
    bucket: str
    navn: str
    generasjon: int
    storrelse: int
    content_type: str | None
    metadata: dict[str, str]


def _relativ_sti(navn: str) -> str:
    return navn.split(_DOKUMENTER, 1)[1] if _DOKUMENTER in navn else navn


def _verdi(v: Any) -> Any:
    """A Firestore `Value` (proto-plus) as a plain Python value."""
    art = type(v).pb(v).WhichOneof("value_type")
    match art:
        case None | "null_value":
            return None
        case "integer_value":
            return int(v.integer_value)
        case "timestamp_value":
            ts = v.timestamp_value
            return ts if isinstance(ts, datetime) else datetime.fromtimestamp(0, UTC)
        case "reference_value":
            return _relativ_sti(v.reference_value)
        case "geo_point_value":
            return (v.geo_point_value.latitude, v.geo_point_value.longitude)
        case "array_value":
            return [_verdi(x) for x in v.array_value.values]
        case "map_value":
            return {k: _verdi(x) for k, x in v.map_value.fields.items()}
        case _:
            return getattr(v, art)


def _felt(dokument: Any) -> dict[str, Any] | None:
    if dokument is None or not dokument.name:
        return None
    return {k: _verdi(v) for k, v in dokument.fields.items()}


def firestore_dokument(event: CloudEvent) -> Dokumentendring:
    """Path, new fields and old fields of a Firestore document event."""
    data = event.get_data()
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"Firestore-hendelse uten protobuf-data: {type(data).__name__}")
    hendelse = DocumentEventData.deserialize(bytes(data))
    verdi = hendelse.value if "value" in hendelse else None
    gammel = hendelse.old_value if "old_value" in hendelse else None
    navn = (verdi.name if verdi is not None and verdi.name else "") or (gammel.name if gammel is not None else "")
    return Dokumentendring(sti=_relativ_sti(navn), felt=_felt(verdi), gamle_felt=_felt(gammel))


def firestore_dokument_id(event: CloudEvent) -> str:
    """The last path segment (the document id) of a Firestore document event."""
    return firestore_dokument(event).sti.rsplit("/", 1)[-1]


def _pubsub_melding(event: CloudEvent) -> dict[str, Any]:
    data = event.get_data()
    if isinstance(data, bytes | bytearray | str):
        data = json.loads(data)
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
        raise TypeError("Pub/Sub-hendelse uten message")
    melding: dict[str, Any] = data["message"]
    return melding


def pubsub_data(event: CloudEvent) -> bytes:
    """The message's data, base64-decoded."""
    return base64.b64decode(_pubsub_melding(event).get("data", ""))


def pubsub_json(event: CloudEvent) -> Any:
    """The message's data as JSON (an empty message gives `{}`, as Cloud Scheduler's empty body)."""
    data = pubsub_data(event)
    return json.loads(data) if data.strip() else {}


def pubsub_attributter(event: CloudEvent) -> dict[str, str]:
    attributter: dict[str, str] = _pubsub_melding(event).get("attributes") or {}
    return attributter


def pubsub_publisert(event: CloudEvent) -> datetime:
    """The message's publish time (what a scheduled function uses to decide "last month", in Europe/Oslo)."""
    tid = str(_pubsub_melding(event).get("publishTime") or event["time"])
    return datetime.fromisoformat(tid.replace("Z", "+00:00"))


def gcs_objekt(event: CloudEvent) -> GcsObjekt:
    data = event.get_data()
    if isinstance(data, bytes | bytearray | str):
        data = json.loads(data)
    if not isinstance(data, dict):
        raise TypeError("Storage-hendelse uten objekt-JSON")
    return GcsObjekt(
        bucket=str(data["bucket"]),
        navn=str(data["name"]),
        generasjon=int(data.get("generation") or 0),
        storrelse=int(data.get("size") or 0),
        content_type=data.get("contentType"),
        metadata=dict(data.get("metadata") or {}),
    )
