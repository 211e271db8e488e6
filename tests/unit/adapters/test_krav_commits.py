"""Generated claims are written in shared commits: at most KRAV_PER_COMMIT claims and about KRAV_BYTES_PER_COMMIT
bytes per commit, in input order."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from shared.adapters.firestore import repo as firestore_repo
from shared.adapters.firestore.repo import KRAV_BYTES_PER_COMMIT, KRAV_PER_COMMIT, _grupper


def _krav(n: int, storrelse: int = 100) -> list[Any]:
    return [SimpleNamespace(id=str(i), beregning_gz=b"x" * storrelse) for i in range(n)]


def test_krav_deles_i_commits_etter_antall_og_storrelse() -> None:
    assert _grupper([]) == []
    grupper = _grupper(_krav(KRAV_PER_COMMIT * 2 + 1))
    assert [len(g) for g in grupper] == [KRAV_PER_COMMIT, KRAV_PER_COMMIT, 1]
    assert [u.id for g in grupper for u in g] == [str(i) for i in range(KRAV_PER_COMMIT * 2 + 1)]
    store = _grupper(_krav(5, KRAV_BYTES_PER_COMMIT // 2))
    assert [len(g) for g in store] == [1, 1, 1, 1, 1]
    assert firestore_repo.KRAV_PER_COMMIT * 4 <= 500  # claim, history and two index entries per claim


def test_en_commit_med_varsler_holder_seg_under_500_skrivinger() -> None:
    # claim, history, two index entries and the notice per claim, plus at most 16 notice index shards
    assert firestore_repo.KRAV_PER_COMMIT * 5 + 16 <= 500
