"""Loading documents: metadata, HTML reduction, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.corpus import html_to_text, load_corpus, load_document
from nutrikg.graph.model import SourceKind
from nutrikg.graph.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"


def test_shipped_corpus_loads_verbatim_with_its_manifest() -> None:
    loaded = load_corpus(CORPUS)
    assert loaded.problems == []
    assert [d.id for d in loaded.documents] == [
        "000_ad2a7113a268af8e",
        "001_6c2a464aa23a7f13",
        "002_6d1302062cc5be5a",
        "003_6c23ff93150f8915",
    ]
    kinds = {d.id[:3]: (d.source_kind, d.promotes_products) for d in loaded.documents}
    assert kinds == {
        "000": (SourceKind.RETAILER, True),
        "001": (SourceKind.FORUM, False),
        "002": (SourceKind.BLOG, False),
        "003": (SourceKind.VENDOR, True),
    }
    first = loaded.documents[0]
    assert first.text == (CORPUS / first.path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"   \n", "is empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("latin.txt", "caf\xe9 vitamin D".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_documents_are_named_and_skipped(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / "good.txt").write_text("Vitamin K2 activates osteocalcin.", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    loaded = load_corpus(tmp_path)
    assert [d.id for d in loaded.documents] == ["good"]
    assert len(loaded.problems) == 1
    assert name in loaded.problems[0] and message in loaded.problems[0]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")


def test_bad_publisher_kind_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Vitamin D boosts calcium absorption.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"publisher_kind": "tabloid"}', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt: publisher_kind 'tabloid'"):
        load_document(tmp_path / "a.txt")


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/">x',
        "https://example.org/<x>{y}",
        "javascript:alert(1)",
        "http://example.org/%zz",  # looks like an address, but the store would refuse it
        "http://[::1",
    ],
)
def test_a_url_that_is_no_address_names_the_file(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.txt").write_text("Vitamin D boosts calcium absorption.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt: url .* not an absolute http\(s\) address"):
        load_document(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("Vitamin K2 activates osteocalcin.", encoding="utf-8")
    built = build_graph(tmp_path)  # the build goes on without it, and says why
    assert built.report.documents == 1 and "not an absolute http(s) address" in built.report.problems[0]


def test_html_is_reduced_to_visible_text() -> None:
    text = html_to_text(
        "<html><head><title>t</title><script>alert(1)</script></head>"
        "<body><h1>Vitamin K2</h1><p>Vitamin K2 <b>activates</b> osteocalcin.</p>"
        "<style>p{}</style><nav>Home</nav></body></html>"
    )
    assert text == "Vitamin K2\nVitamin K2 activates osteocalcin.\n"
