"""Each build writes the graph in every export format beside the store, the bytes the service
would serialise from the new store, named by content under a manifest swapped with the store;
files of earlier builds go."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.export import FORMATS, precomputed, serialize_kg
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings


def test_a_build_writes_every_export_and_a_rebuild_replaces_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((PROJECT_ROOT / "corpus").glob("*"))[:4]:
        shutil.copy(path, corpus / path.name)
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    save_build(build_graph(corpus), settings)
    first = {fmt: precomputed(settings.exports_dir, fmt) for fmt in FORMATS}
    kg = KnowledgeGraph.open(settings)
    for fmt, written in first.items():
        assert written is not None and written.path.read_bytes() == serialize_kg(kg, fmt)
    (corpus / sorted(p.name for p in corpus.glob("*.txt"))[0]).unlink()
    save_build(build_graph(corpus), settings)
    second = {fmt: precomputed(settings.exports_dir, fmt) for fmt in FORMATS}
    assert all(written is not None and written.path.exists() for written in second.values())
    assert not any(written is not None and written.path.exists() for written in first.values())
    manifest = json.loads((settings.exports_dir / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in settings.exports_dir.iterdir()) == sorted(
        ["manifest.json", *(entry["file"] for entry in manifest.values())]
    )
