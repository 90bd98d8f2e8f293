"""Comparing two builds' manifests: claims added and removed by document, statements whose
belief moved, every list bounded; an unknown build is named with the ones kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.builds import BuildStamp, ManifestLine, manifest_bytes, stage_history
from nutrikg.graph.errors import UnknownBuild
from nutrikg.graph.read.changes import Build, compare, compare_history, describe_changes

OLD = BuildStamp("old", "2026-12-01T00:00:00+00:00", None, 2, 3)
NEW = BuildStamp("new", "2026-12-02T00:00:00+00:00", "old", 2, 3)


def line(content_id: str, document: str, obj: str, belief: float) -> ManifestLine:
    subject, predicate = "nm:vitamin_k2", "activates"
    return ManifestLine(content_id, document, subject, predicate, obj, "Positive", False, False, belief)


def builds() -> tuple[Build, Build]:
    """b's new claim raises the belief of a's statement about MGP, c's that of b's about Gas6;
    a's claim about osteocalcin is gone."""
    old = [line("k", "a", "nm:mgp", 0.5), line("g", "a", "nm:osteocalcin", 0.3),
           line("o", "b", "nm:gas6", 0.4)]  # fmt: skip
    new = [line("k", "a", "nm:mgp", 0.7), line("o", "b", "nm:gas6", 0.6),
           line("n1", "b", "nm:mgp", 0.7), line("n2", "c", "nm:gas6", 0.6)]  # fmt: skip
    return Build(OLD, {x.content_id: x for x in old}), Build(NEW, {x.content_id: x for x in new})


def test_claims_added_and_removed_by_document_and_beliefs_that_moved() -> None:
    changes = compare(*builds())
    assert (changes.added, changes.removed, changes.belief_changed) == (2, 1, 2)
    by_document = {d.document: ([c.content_id for c in d.added], [c.content_id for c in d.removed])
                   for d in changes.documents}  # fmt: skip
    assert by_document == {"a": ([], ["g"]), "b": (["n1"], []), "c": (["n2"], [])}
    moved = {(c.object, c.old, c.new): c.documents for c in changes.beliefs}
    assert moved == {("nm:mgp", 0.5, 0.7): ["a", "b"], ("nm:gas6", 0.4, 0.6): ["b", "c"]}
    assert not changes.truncated
    text = describe_changes(changes)
    assert "2 claims added, 1 removed, 2 statements' belief changed" in text
    assert "  - nm:vitamin_k2 activates nm:osteocalcin" in text and "0.5000 -> 0.7000" in text


def test_a_limit_bounds_each_list_and_says_so() -> None:
    changes = compare(*builds(), limit=1)
    assert sum(len(d.added) + len(d.removed) for d in changes.documents) == 1
    assert len(changes.beliefs) == 1 and changes.truncated
    assert (changes.added, changes.removed, changes.belief_changed) == (2, 1, 2)  # counts of all


def test_an_unknown_or_missing_earlier_build_is_refused_by_name(tmp_path: Path) -> None:
    old, _ = builds()
    manifest = manifest_bytes(old.manifest.values())
    for staged, final in stage_history(tmp_path, OLD, manifest):
        staged.replace(final)
    with pytest.raises(UnknownBuild, match=r"no build 'nope' in the history \(newest first: old\)"):
        compare_history(tmp_path, tmp_path, "nope", "old")
    with pytest.raises(UnknownBuild, match="is the first"):
        compare_history(tmp_path, tmp_path, None, "old")
    assert compare_history(tmp_path, tmp_path, "old", "old").added == 0
