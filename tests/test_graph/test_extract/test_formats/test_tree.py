"""The XML helpers the JATS and PubMed readers share."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats.tree import the_one


def test_a_file_holds_one_article_and_a_set_of_several_is_named() -> None:
    single = fromstring("<article-set><article id='a'/></article-set>")
    assert the_one(Path("one.xml"), single, "article", "article").get("id") == "a"
    bare = fromstring("<article id='b'/>")
    assert the_one(Path("bare.xml"), bare, "article", "article") is bare
    several = fromstring("<PubmedArticleSet><PubmedArticle/><PubmedArticle/></PubmedArticleSet>")
    with pytest.raises(CorpusError, match=r"two\.xml: the PubMed set holds 2 articles"):
        the_one(Path("two.xml"), several, "PubmedArticle", "PubMed")
