"""XML is read safely: no entity declarations, nothing fetched; errors name file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import read_file
from tests.test_graph.test_extract.test_formats.samples import PUBMED

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE article [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<article><front><article-meta><title-group><article-title>&lol3;</article-title></title-group>
</article-meta></front></article>
"""


def test_entity_expansion_is_refused() -> None:
    with pytest.raises(CorpusError, match=r"bomb\.xml: XML refused: it declares or references entities"):
        read_file(Path("bomb.xml"), BILLION_LAUGHS)


def test_an_external_entity_is_refused_and_the_file_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Vitamin C cures scurvy.", encoding="utf-8")
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        "<article><body><p>&x;</p></body></article>"
    ).encode()
    with pytest.raises(CorpusError, match="XML refused") as refused:
        read_file(Path("xxe.xml"), raw)
    assert "scurvy" not in str(refused.value)


def test_a_doctype_naming_a_remote_dtd_is_read_without_fetching_it() -> None:
    # The sample's DOCTYPE names NLM's DTD by https URL; there is no network here, so a parser
    # that fetched it would fail.
    assert b"https://dtd.nlm.nih.gov" in PUBMED
    assert "Magnesium is required to convert vitamin D" in read_file(Path("p.xml"), PUBMED).text


def test_malformed_xml_names_the_line_and_column() -> None:
    raw = b"<?xml version='1.0'?>\n<article>\n  <body><p>unclosed</body>\n</article>\n"
    with pytest.raises(CorpusError, match=r"broken\.xml: line 3, column \d+: malformed XML \(mismatched tag"):
        read_file(Path("broken.xml"), raw)


def test_other_xml_is_named_with_what_is_read() -> None:
    with pytest.raises(
        CorpusError, match=r"feed\.xml: XML root <rss> is neither a JATS article nor a PubMed"
    ):
        read_file(Path("feed.xml"), b"<rss><channel><title>x</title></channel></rss>")
