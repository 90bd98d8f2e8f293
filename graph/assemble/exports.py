"""The exports written with each build, so `/export` answers a file instead of serialising the
graph per request (minutes for Turtle or JSON-LD of a large graph, through rdflib).

They are written from the new store before it is swapped in (graph.stores.rewrite calls
`stage_exports` with the staged store), so they are the bytes the service would serialise from
it: the same as `nutrikg export`. Each file is named by its content's hash and never rewritten;
a manifest naming the current files is replaced in the same group of renames as the store, and
files no manifest names are deleted afterwards (a request streaming one keeps its open file).
The claim tables, KGX and GraphML hold beliefs and reviews: the manifest records the digest of
the priors and reviews they were made with, and the service serves them only while those hold.
"""

from __future__ import annotations

import gc
import hashlib
import json
from pathlib import Path

from nutrikg.graph.files import write_atomic
from nutrikg.graph.read.belief import BeliefInputs
from nutrikg.graph.read.export import FORMATS, MANIFEST, serialize_kg
from nutrikg.graph.read.kg import KnowledgeGraph


def stage_exports(store_dir: Path, exports_dir: Path, beliefs: BeliefInputs) -> list[tuple[Path, Path]]:
    """Write every export format of the store at `store_dir` into `exports_dir`, beliefs and
    reviews as `beliefs` gives them; returns the (staged, final) manifest for the swap to rename
    into place. Raises StoreError, OSError."""
    kg = KnowledgeGraph.from_store(store_dir, beliefs.reviews)
    kg.priors = beliefs.priors
    manifest: dict[str, dict[str, str]] = {}
    for fmt, (_, ext) in FORMATS.items():
        body = serialize_kg(kg, fmt)
        digest = hashlib.sha256(body).hexdigest()
        name = f"nutrikg-{digest[:16]}.{ext}"
        if not (exports_dir / name).exists():
            write_atomic(exports_dir / name, body)
        manifest[fmt] = {"file": name, "sha256": digest, "beliefs": beliefs.digest}
    # The staged store is renamed next: let go of its handles first (rdflib's objects refer to
    # each other, so only the cyclic collector closes them).
    del kg
    gc.collect()
    staged = exports_dir / f"{MANIFEST}.new"
    write_atomic(staged, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
    return [(staged, exports_dir / MANIFEST)]


def prune_exports(exports_dir: Path) -> None:
    """Delete the export files the current manifest does not name (earlier builds')."""
    try:
        manifest = json.loads((exports_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    named = {entry["file"] for entry in manifest.values()}
    for path in exports_dir.glob("nutrikg-*"):
        if path.name not in named:
            path.unlink(missing_ok=True)
