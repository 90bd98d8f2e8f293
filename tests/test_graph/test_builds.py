"""A build's record: the claim manifest reads back as written, build ids stay unique, and the
history keeps the last HISTORY_SIZE builds, deleting the manifests it no longer names."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nutrikg.graph.builds import (
    HISTORY_SIZE,
    ManifestLine,
    history_manifest,
    manifest_bytes,
    new_stamp,
    prune_history,
    read_history,
    read_manifest,
    stage_history,
)
from nutrikg.graph.errors import StoreError

LINES = [
    ManifestLine("b2", "doc2", "nm:vitamin_k2", "activates", "nm:mgp", "Positive", False, True, 0.5),
    ManifestLine("a1", "doc1", "nm:vitamin_d", "increases", "nm:calcium", "Positive", True, False, 0.125),
]
NOW = datetime(2026, 12, 8, 1, 2, 3, tzinfo=UTC)


def test_a_manifest_reads_back_as_written_and_its_bytes_depend_on_its_lines_alone(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv.gz"
    path.write_bytes(manifest_bytes(LINES))
    assert read_manifest(path) == {line.content_id: line for line in LINES}
    assert manifest_bytes(LINES) == manifest_bytes(reversed(LINES))  # sorted, no gzip time stamp
    rows = gzip.decompress(path.read_bytes()).decode().splitlines()
    assert rows[1].split("\t")[:2] == ["a1", "doc1"]  # by document, then content id


def test_a_damaged_manifest_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv.gz"
    path.write_bytes(gzip.compress(b"header\nonly\ttwo\n"))
    with pytest.raises(StoreError, match=r"m\.tsv\.gz:2: expected 9 columns"):
        read_manifest(path)


def test_ids_are_the_time_and_the_manifests_hash_made_unique() -> None:
    manifest = manifest_bytes(LINES)
    first = new_stamp(manifest, NOW, None, (2, 2), [])
    assert first.id.startswith("20261208T010203Z-") and len(first.id) == len("20261208T010203Z-") + 8
    again = new_stamp(manifest, NOW, first.id, (2, 2), [first.id])
    assert again.id == f"{first.id}-2" and again.parent == first.id


def test_the_history_keeps_the_last_builds_and_prunes_the_others(tmp_path: Path) -> None:
    builds = tmp_path / "builds"
    made = []
    for number in range(HISTORY_SIZE + 3):
        manifest = manifest_bytes(LINES[: 1 + number % 2])
        stamp = new_stamp(manifest, NOW, made[-1].id if made else None, (1, 1), [s.id for s in made])
        for staged, final in stage_history(builds, stamp, manifest):
            staged.replace(final)
        made.append(stamp)
    prune_history(builds)
    assert read_history(builds) == made[-HISTORY_SIZE:]
    assert sorted(p.name for p in builds.glob("*.tsv.gz")) == sorted(
        history_manifest(builds, s.id).name for s in made[-HISTORY_SIZE:]
    )
