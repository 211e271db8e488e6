"""A recorder of the merge writes grunnlagsindeks.py sends to a transaction or batch (its `Skriver`)."""

from __future__ import annotations

from typing import Any


class Opptak:
    def __init__(self) -> None:
        self.skrevet: list[tuple[str, dict[str, Any]]] = []

    def set(self, reference: Any, document_data: dict[str, Any], merge: bool = False) -> None:
        assert merge
        self.skrevet.append((reference.path, document_data))
