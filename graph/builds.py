"""A build's record, and the manifests of the builds before it, for telling what changed.

Every write of the built graph (a build, an add) gets an id, `20261208T004912Z-1a2b3c4d`: when it
was made and a short hash of its claim manifest. The manifest has one line per claim: its content
id (graph.model.Claim.content_id), document, subject, predicate, object, sign, negated, hedged, and
the belief of the statement those name (0 when no claim of it stands, all rejected on review).

Both are written into the new store's folder before it is swapped in (`build.json`,
`claims.tsv.gz`), so they move with the store in its one rename. A copy of the manifest goes into
the history folder (`settings.builds_dir`), whose index, naming the last HISTORY_SIZE builds
oldest first, is replaced in the same transaction as the store (graph.stores.journal); manifests
the index no longer names are deleted after it. A manifest is named by its build's id and never
rewritten, so a reader of one never meets it half written.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from nutrikg.graph.errors import StoreError
from nutrikg.graph.files import write_atomic

BUILD_FILE = "build.json"  # in a build's folder: its BuildStamp
MANIFEST_FILE = "claims.tsv.gz"  # in a build's folder: its claim manifest
BUILD_FILES = (BUILD_FILE, MANIFEST_FILE)
HISTORY_INDEX = "index.json"  # in the history folder: the stamps of the builds kept, oldest first
HISTORY_SIZE = 20
MANIFEST_COLUMNS = (
    "content_id", "document", "subject", "predicate", "object", "sign", "negated", "hedged", "belief",
)  # fmt: skip


@dataclass(frozen=True)
class ManifestLine:
    """One claim of a build, by content (entities as CURIEs, the predicate as its local name)."""

    content_id: str
    document: str
    subject: str
    predicate: str
    object: str
    sign: str
    negated: bool
    hedged: bool
    belief: float  # of the statement (subject, predicate, object), rounded to 4 places

    @property
    def statement(self) -> tuple[str, str, str]:
        return self.subject, self.predicate, self.object


@dataclass(frozen=True)
class BuildStamp:
    """What names a build: its id, when it was made, the build it replaced, and its size."""

    id: str
    created: str  # ISO 8601, UTC
    parent: str | None  # the build it replaced (None for the first)
    documents: int
    claims: int


def manifest_bytes(lines: Iterable[ManifestLine]) -> bytes:
    """The manifest file: tab-separated, by document then content id, gzipped without a time
    stamp (the same claims give the same bytes)."""
    rows = sorted(lines, key=lambda line: (line.document, line.content_id))
    text = io.StringIO()
    text.write("\t".join(MANIFEST_COLUMNS) + "\n")
    for line in rows:
        cells = (*(str(getattr(line, name)) for name in MANIFEST_COLUMNS[:6]),
                 _flag(line.negated), _flag(line.hedged), f"{line.belief:.4f}")  # fmt: skip
        text.write("\t".join(_cell(cell) for cell in cells) + "\n")
    return gzip.compress(text.getvalue().encode("utf-8"), mtime=0)


def read_manifest(path: Path) -> dict[str, ManifestLine]:
    """The lines of the manifest at `path`, by content id.

    Raises StoreError naming the file (and line) when it is missing or cannot be read.
    """
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise StoreError(f"cannot read the claim manifest {path}: {err}") from err
    found: dict[str, ManifestLine] = {}
    for number, row in enumerate(text.splitlines()[1:], start=2):
        cells = row.split("\t")
        if len(cells) != len(MANIFEST_COLUMNS):
            raise StoreError(f"{path}:{number}: expected {len(MANIFEST_COLUMNS)} columns, found {len(cells)}")
        try:
            belief = float(cells[8])
        except ValueError as err:
            raise StoreError(f"{path}:{number}: belief {cells[8]!r} is not a number") from err
        content_id, document, subject, predicate, obj, sign, negated, hedged, _ = cells
        line = ManifestLine(
            content_id, document, subject, predicate, obj, sign, negated == "1", hedged == "1", belief
        )
        found[line.content_id] = line
    return found


def new_stamp(
    manifest: bytes, created: datetime, parent: str | None, counts: tuple[int, int], taken: Iterable[str]
) -> BuildStamp:
    """A stamp for a new build: its id is the time and the manifest's hash, with a suffix when a
    build of the same claims was made within the same second (`taken` are the ids in use)."""
    base = f"{created:%Y%m%dT%H%M%SZ}-{hashlib.sha256(manifest).hexdigest()[:8]}"
    used, build_id, number = set(taken), base, 1
    while build_id in used:
        number += 1
        build_id = f"{base}-{number}"
    documents, claims = counts
    return BuildStamp(build_id, created.isoformat(timespec="seconds"), parent, documents, claims)


def write_record(folder: Path, stamp: BuildStamp, manifest: bytes) -> None:
    """Write a build's stamp and manifest into its folder (the staged store, before the swap)."""
    write_atomic(folder / MANIFEST_FILE, manifest)
    write_atomic(folder / BUILD_FILE, json.dumps(asdict(stamp), indent=1).encode("utf-8"))


def read_stamp(folder: Path) -> BuildStamp | None:
    """The stamp of the build whose folder is `folder`; None when it has none (built before
    builds were recorded, or a store made by other means). Raises StoreError when unreadable."""
    try:
        return _stamp(json.loads((folder / BUILD_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as err:
        raise StoreError(f"cannot read the build record {folder / BUILD_FILE}: {err}") from err


def read_history(builds_dir: Path) -> list[BuildStamp]:
    """The stamps of the builds the history keeps, oldest first (none before the first build)."""
    index = builds_dir / HISTORY_INDEX
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
        return [_stamp(entry) for entry in entries]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError) as err:
        raise StoreError(f"cannot read the build history {index}: {err}") from err


def history_manifest(builds_dir: Path, build_id: str) -> Path:
    return builds_dir / f"{build_id}.tsv.gz"


def stage_history(builds_dir: Path, stamp: BuildStamp, manifest: bytes) -> list[tuple[Path, Path]]:
    """Write the new build's manifest into the history and stage the index with it added (the
    oldest dropped past HISTORY_SIZE); returns the (staged, final) index for the commit."""
    kept = [*(old for old in read_history(builds_dir) if old.id != stamp.id), stamp][-HISTORY_SIZE:]
    write_atomic(history_manifest(builds_dir, stamp.id), manifest)
    staged = builds_dir / f"{HISTORY_INDEX}.new"
    write_atomic(staged, json.dumps([asdict(kept_stamp) for kept_stamp in kept], indent=1).encode("utf-8"))
    return [(staged, builds_dir / HISTORY_INDEX)]


def prune_history(builds_dir: Path) -> None:
    """Delete the manifests the index does not name (dropped from it, or of a write that died
    before its commit)."""
    named = {history_manifest(builds_dir, stamp.id).name for stamp in read_history(builds_dir)}
    for path in builds_dir.glob("*.tsv.gz"):
        if path.name not in named:
            path.unlink(missing_ok=True)


def _stamp(entry: dict[str, object]) -> BuildStamp:
    stamp = BuildStamp(**entry)  # type: ignore[arg-type]
    if not isinstance(stamp.id, str) or not stamp.id:
        raise ValueError(f"a build without an id: {entry}")
    return stamp


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _cell(value: str) -> str:
    """A value on one line of one column (IRIs and document ids hold no tab; this makes sure)."""
    return " ".join(value.split())
