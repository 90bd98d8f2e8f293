"""Articles written by hand in the shapes PMC (JATS) and PubMed (efetch) send them."""

from __future__ import annotations

JATS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN"
  "https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
  <front>
    <journal-meta>
      <journal-title-group><journal-title>Journal of Bone Research</journal-title></journal-title-group>
      <publisher><publisher-name>Example Press</publisher-name></publisher>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="pmid">31234567</article-id>
      <article-id pub-id-type="doi">10.1000/jbr.2019.042</article-id>
      <title-group>
        <article-title>Vitamin K2 and <italic>bone</italic> matrix proteins</article-title>
      </title-group>
      <pub-date pub-type="epub"><day>4</day><month>3</month><year>2019</year></pub-date>
      <abstract>
        <sec><title>Background</title><p>Osteocalcin binds calcium in bone.</p></sec>
        <sec><title>Results</title><p>Vitamin K2 activates osteocalcin.</p></sec>
      </abstract>
      <abstract abstract-type="graphical"><p>A picture of the same.</p></abstract>
    </article-meta>
  </front>
  <body>
    <sec>
      <label>1.</label>
      <title>Introduction</title>
      <p>Vitamin D3 increases calcium absorption <xref ref-type="bibr" rid="r1">[1]</xref>.</p>
      <fig id="f1"><label>Figure 1</label><caption><p>Caption text that repeats.</p></caption></fig>
      <table-wrap id="t1"><table><tr><td>cell text</td></tr></table></table-wrap>
    </sec>
  </body>
  <back><ref-list><ref id="r1"><mixed-citation>Smith A. A reference.</mixed-citation></ref></ref-list></back>
</article>
"""

PUBMED = b"""<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN"
  "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">29876543</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue CitedMedium="Internet">
          <PubDate><MedlineDate>2018 Jan-Feb</MedlineDate></PubDate>
        </JournalIssue>
        <Title>Nutrients</Title>
      </Journal>
      <ArticleTitle>Magnesium and vitamin D: a review.</ArticleTitle>
      <ELocationID EIdType="doi" ValidYN="Y">10.3390/nu10010001</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">
          Magnesium is a cofactor of many enzymes.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">
          Magnesium is required to convert vitamin D into its active form.</AbstractText>
      </Abstract>
      <PublicationTypeList><PublicationType UI="D016454">Review</PublicationType></PublicationTypeList>
    </Article>
  </MedlineCitation>
  <PubmedData><ArticleIdList><ArticleId IdType="pubmed">29876543</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"""

HTML = b"""<!doctype html>
<html><head>
  <title>Vitamin K2 explained | A Health Site</title>
  <meta name="citation_title" content="Vitamin K2 and the arteries">
  <meta name="citation_journal_title" content="Vascular Letters">
  <meta name="citation_publication_date" content="2021/06/30">
  <meta name="citation_doi" content="10.5555/vl.2021.7">
  <meta name="citation_pmid" content="34000001">
  <style>p { color: red }</style>
  <script>var tracking = "Vitamin C cures everything.";</script>
</head><body>
  <nav><a href="/">Home</a> <a href="/shop">Shop</a></nav>
  <h1>Vitamin K2 explained</h1>
  <article>
    <p>Vitamin K2 activates matrix Gla protein.</p><p>Matrix Gla protein inhibits calcification.</p>
  </article>
  <footer>Copyright 2021</footer>
</body></html>
"""
