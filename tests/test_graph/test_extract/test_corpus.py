"""Loading documents: metadata, HTML reduction, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.corpus import html_to_text, load_corpus, load_document
from nutrikg.graph.model import SourceKind
from nutrikg.graph.read.claim_reader import read_claim_index
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT
from tests.test_graph.test_extract.test_formats.pdf_maker import make_pdf
from tests.test_graph.test_extract.test_formats.samples import JATS, PUBMED

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


def test_a_sidecar_overrides_what_the_file_states(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(JATS)
    sidecar = {"title": "Given title", "publisher_kind": "review", "year": 2020, "pmid": 123, "url": None}
    (tmp_path / "a.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    document = load_document(tmp_path / "a.xml")
    assert (document.title, document.source_kind, document.year, document.pmid) == (
        "Given title",
        SourceKind.REVIEW,
        2020,
        "123",
    )
    assert (document.journal, document.doi, document.publisher) == (
        "Journal of Bone Research",
        "10.1000/jbr.2019.042",
        "Example Press",
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('{"title": "x",\n "year": }', r"a\.meta\.json: line 2, column 10: malformed metadata, not JSON"),
        ('["a list"]', r"a\.meta\.json: metadata must be a JSON object"),
        ('{"year": "last spring"}', r"a\.txt: year 'last spring' in its metadata is not a four-digit year"),
        ('{"doi": "doi:12.34/x"}', r"a\.txt: doi 'doi:12.34/x' in its metadata is not a valid DOI"),
        ('{"pmid": "PMID 12"}', r"a\.txt: pmid 'PMID 12' in its metadata is not a valid PMID"),
        ('{"journal": ["a", "b"]}', r"a\.txt: journal in its metadata must be text, not list"),
    ],
)
def test_a_bad_sidecar_is_named_with_its_line(tmp_path: Path, sidecar: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("Vitamin D boosts calcium absorption.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_document(tmp_path / "a.txt")


def test_a_doi_given_as_an_address_is_kept_bare(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Vitamin D boosts calcium absorption.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"doi": "https://doi.org/10.1000/x.1"}', encoding="utf-8")
    assert load_document(tmp_path / "a.txt").doi == "10.1000/x.1"


def test_files_that_are_not_read_are_named_never_passed_over(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Vitamin K2 activates osteocalcin.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "orphan.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").write_text("", encoding="utf-8")
    problems = load_corpus(tmp_path).problems
    assert problems == [
        f"{tmp_path / 'notes.docx'}: not read: '.docx' files are no document format nutrikg reads "
        "(.txt, .md, .html, .htm, .pdf, .xml)",
        f"{tmp_path / 'orphan.meta.json'}: not read: metadata of no document (none of that name beside it)",
        f"{tmp_path / 'sub'}: not read: a folder (documents are read from the corpus folder itself)",
    ]
    assert build_graph(tmp_path).report.problems == problems


def test_a_folder_of_no_readable_format_says_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "paper.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match=r"no documents found \(\.txt.*\.xml\); .*paper\.docx: not read"):
        build_graph(tmp_path)


def test_pdf_jats_and_pubmed_documents_build_with_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "k2.pdf").write_bytes(make_pdf([["Vitamin K2 activates matrix Gla protein."]], title="K2"))
    (tmp_path / "jats.xml").write_bytes(JATS)
    (tmp_path / "pubmed.xml").write_bytes(PUBMED)
    built = build_graph(tmp_path)
    assert built.report.problems == [] and built.report.documents == 3
    read = {
        (e.document.id, *(_name(c.subject), c.predicate, _name(c.object)))
        for e in built.extractions
        for c in e.claims
    }
    assert ("k2", "vitamin_k2", "activates", "matrix_gla_protein") in read
    assert ("jats", "vitamin_k2", "activates", "osteocalcin") in read
    assert ("pubmed", "magnesium", "convertsToActiveForm", "vitamin_d") in read
    documents = read_claim_index(KnowledgeGraph.from_rdf(built.rdf_graph)).documents
    pubmed = documents["pubmed"]
    assert (pubmed.journal, pubmed.year, pubmed.pmid, pubmed.doi) == (
        "Nutrients",
        2018,
        "29876543",
        "10.3390/nu10010001",
    )
    assert (pubmed.source_kind, pubmed.path) == ("review", "pubmed.xml")
    assert documents["k2"].title == "K2" and documents["k2"].journal is None


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[1]
