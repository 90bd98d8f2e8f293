"""What changed between two builds, read from their claim manifests (graph.builds): the claims
one has and the other has not, grouped by document, and the statements whose belief moved.

A claim is the same claim in two builds when its content is (Claim.content_id: document,
sentence, subject, predicate, object, sign, negated, hedged), so a document edited elsewhere
keeps its other claims, and a claim read differently counts as one removed and one added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path

from nutrikg.graph.builds import (
    MANIFEST_FILE,
    BuildStamp,
    ManifestLine,
    history_manifest,
    read_history,
    read_manifest,
    read_stamp,
)
from nutrikg.graph.errors import UnknownBuild
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph

Manifest = dict[str, ManifestLine]
NO_RECORD = "the graph has no build record (it was built before builds were recorded): run `nutrikg build`"
Statement = tuple[str, str, str]


@dataclass(frozen=True)
class ClaimChange:
    """A claim one build has and the other has not (entities as CURIEs)."""

    content_id: str
    subject: str
    predicate: str
    object: str
    sign: str
    negated: bool
    hedged: bool
    belief: float  # of its statement, in the build that has it


CHANGE_FIELDS = tuple(f.name for f in fields(ClaimChange))


@dataclass(frozen=True)
class DocumentChanges:
    document: str
    added: list[ClaimChange]
    removed: list[ClaimChange]


@dataclass(frozen=True)
class BeliefChange:
    """A statement both builds have whose belief is not the same."""

    subject: str
    predicate: str
    object: str
    old: float
    new: float
    documents: list[str]  # with a claim of it, in either build


@dataclass(frozen=True)
class ChangeSet:
    """From build `old` to build `new`; the counts are of every change, the lists at most
    `limit` long each (`truncated` says one was cut)."""

    old: BuildStamp
    new: BuildStamp
    added: int
    removed: int
    belief_changed: int
    documents: list[DocumentChanges]
    beliefs: list[BeliefChange]
    truncated: bool


@dataclass(frozen=True)
class Build:
    stamp: BuildStamp
    manifest: Manifest


def compare(old: Build, new: Build, limit: int | None = None) -> ChangeSet:
    """The changes from `old` to `new`, each list cut at `limit` items."""
    added = [new.manifest[key] for key in new.manifest.keys() - old.manifest.keys()]
    removed = [old.manifest[key] for key in old.manifest.keys() - new.manifest.keys()]
    documents, cut = _by_document(added, removed, limit)
    beliefs = _belief_changes(old.manifest, new.manifest)
    shown = beliefs if limit is None else beliefs[:limit]
    truncated = cut or len(shown) < len(beliefs)
    return ChangeSet(
        old.stamp, new.stamp, len(added), len(removed), len(beliefs), documents, shown, truncated
    )


def _by_document(
    added: list[ManifestLine], removed: list[ManifestLine], limit: int | None
) -> tuple[list[DocumentChanges], bool]:
    """Added and removed claims by document (documents, then claims, in a stable order), at most
    `limit` claims in all; and whether some were left out."""
    grouped: dict[str, tuple[list[ManifestLine], list[ManifestLine]]] = defaultdict(lambda: ([], []))
    for line in added:
        grouped[line.document][0].append(line)
    for line in removed:
        grouped[line.document][1].append(line)
    left = len(added) + len(removed) if limit is None else limit
    found: list[DocumentChanges] = []
    for document, (plus, minus) in sorted(grouped.items()):
        plus_shown = _ordered(plus)[:left]
        minus_shown = _ordered(minus)[: left - len(plus_shown)]
        left -= len(plus_shown) + len(minus_shown)
        if plus_shown or minus_shown:
            found.append(DocumentChanges(document, plus_shown, minus_shown))
    return found, sum(len(d.added) + len(d.removed) for d in found) < len(added) + len(removed)


def _ordered(lines: list[ManifestLine]) -> list[ClaimChange]:
    ordered = sorted(lines, key=lambda line: (line.statement, line.negated, line.content_id))
    return [ClaimChange(**{name: getattr(line, name) for name in CHANGE_FIELDS}) for line in ordered]


def _belief_changes(old: Manifest, new: Manifest) -> list[BeliefChange]:
    """Statements in both builds whose belief differs, the largest change first."""
    before, after = _statements(old), _statements(new)
    changes = []
    for key in before.keys() & after.keys():
        (old_belief, old_docs), (new_belief, new_docs) = before[key], after[key]
        if old_belief != new_belief:
            changes.append(BeliefChange(*key, old_belief, new_belief, sorted(old_docs | new_docs)))
    changes.sort(key=lambda c: (-abs(c.new - c.old), c.subject, c.predicate, c.object))
    return changes


def _statements(manifest: Manifest) -> dict[Statement, tuple[float, set[str]]]:
    """Each statement's belief (every line of it carries the same) and its documents."""
    found: dict[Statement, tuple[float, set[str]]] = {}
    for line in manifest.values():
        found.setdefault(line.statement, (line.belief, set()))[1].add(line.document)
    return found


# ---- where builds are read from --------------------------------------------------------------


def build_history(builds_dir: Path) -> list[BuildStamp]:
    """The builds the history keeps, newest first."""
    return list(reversed(read_history(builds_dir)))


def history_build(builds_dir: Path, build_id: str) -> Build:
    """A build the history keeps; raises UnknownBuild (naming the builds kept) when it has none
    of that id, StoreError when its manifest cannot be read."""
    kept = read_history(builds_dir)
    stamp = next((s for s in kept if s.id == build_id), None)
    if stamp is None:
        known = ", ".join(s.id for s in reversed(kept)) or "none yet"
        raise UnknownBuild(f"no build {build_id!r} in the history (newest first: {known})")
    return Build(stamp, read_manifest(history_manifest(builds_dir, build_id)))


def folder_build(folder: Path | None) -> Build:
    """The build whose record is in `folder` (a store's); raises UnknownBuild when it has none."""
    stamp = None if folder is None else read_stamp(folder)
    if folder is None or stamp is None:
        raise UnknownBuild(NO_RECORD)
    return Build(stamp, read_manifest(folder / MANIFEST_FILE))


def served_build(kg: KnowledgeGraph, builds_dir: Path) -> Build:
    """The build `kg` was opened from (its stamp read with the graph), its manifest read once per
    loaded graph: the history's copy, named by the build's id and never rewritten, or, when the
    history no longer keeps it, the build's folder while that still holds this build. Raises
    UnknownBuild when the graph has no build record or its manifest is gone."""
    stamp = kg.build
    if stamp is None:
        raise UnknownBuild(NO_RECORD)

    def read(loaded: KnowledgeGraph) -> Build:
        kept = history_manifest(builds_dir, stamp.id)
        if kept.exists():
            return Build(stamp, read_manifest(kept))
        folder = loaded.build_dir
        if folder is None or read_stamp(folder) != stamp:
            raise UnknownBuild(f"the manifest of build {stamp.id}, served, is no longer kept")
        return Build(stamp, read_manifest(folder / MANIFEST_FILE))

    return per_graph(kg, "build", read)


def previous_of(builds_dir: Path, build: Build) -> Build:
    """The build `build` replaced; raises UnknownBuild when there is none (the first build) or
    the history no longer keeps it."""
    if build.stamp.parent is None:
        raise UnknownBuild(f"build {build.stamp.id} is the first: there is no earlier build to compare with")
    return history_build(builds_dir, build.stamp.parent)


def compare_history(
    builds_dir: Path, current_dir: Path, old_id: str | None, new_id: str | None, limit: int | None = None
) -> ChangeSet:
    """What changed from build `old_id` to build `new_id` (defaults: the build the new one
    replaced, and the current build, whose record is in `current_dir`)."""
    new = folder_build(current_dir) if new_id is None else history_build(builds_dir, new_id)
    old = previous_of(builds_dir, new) if old_id is None else history_build(builds_dir, old_id)
    return compare(old, new, limit)


def changes_since(kg: KnowledgeGraph, builds_dir: Path, since: str | None, limit: int) -> ChangeSet:
    """What changed from build `since` (default: the one before) to the build `kg` serves."""
    current = served_build(kg, builds_dir)
    old = previous_of(builds_dir, current) if since is None else history_build(builds_dir, since)
    return compare(old, current, limit)


def describe_changes(changes: ChangeSet) -> str:
    """The changes as text, for `nutrikg diff`: a line of totals, then each document's claims
    (+ added, - removed), then the statements whose belief moved."""
    old, new = changes.old, changes.new
    lines = [
        f"from {old.id} ({old.created}) to {new.id} ({new.created}): {changes.added} claims added, "
        f"{changes.removed} removed, {changes.belief_changed} statements' belief changed"
    ]
    for document in changes.documents:
        lines.append(f"{document.document}:")
        lines += [f"  + {_claim_words(claim)}" for claim in document.added]
        lines += [f"  - {_claim_words(claim)}" for claim in document.removed]
    if changes.beliefs:
        lines.append("belief changed:")
    for change in changes.beliefs:
        statement = f"{change.subject} {change.predicate} {change.object}"
        lines.append(f"  {statement}: {change.old:.4f} -> {change.new:.4f} ({', '.join(change.documents)})")
    if changes.truncated:
        lines.append("(more changes than shown: raise --limit)")
    return "\n".join(lines)


def _claim_words(claim: ClaimChange) -> str:
    flags = [claim.sign, *(["negated"] if claim.negated else []), *(["hedged"] if claim.hedged else [])]
    said = f"{claim.subject} {claim.predicate} {claim.object}"
    return f"{said} ({', '.join(flags)}; belief {claim.belief:.4f}) [{claim.content_id}]"
