"""The derived vocabulary: standard terms named beside the hand-written core, the core winning."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import SKOS, Graph

from nutrikg.graph.extract.derived import NameIndex
from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.nameability import nameability
from nutrikg.graph.extract.scoring import SurfaceGold
from nutrikg.graph.extract.vocabulary import Vocabulary, load_vocabulary
from nutrikg.graph.lexicon import DERIVED_TABLE, name_key, read_rows
from nutrikg.graph.model import Sentence, Span
from nutrikg.ontology import ONTOLOGY_DIR

OBO = "http://purl.obolibrary.org/obo/"
# Named in issue 10 as missing; each must come from the derived vocabulary, under a standard
# identifier, and none may be written into entities.ttl by hand.
ISSUE_TERMS = {
    "phytate": f"{OBO}CHEBI_17401",
    "polyphenols": f"{OBO}CHEBI_26195",
    "tannins": f"{OBO}CHEBI_26848",
    "hepcidin": "https://identifiers.org/hgnc:15598",
    "metallothionein": "https://identifiers.org/fplx:Metallothionein",
    "deiodinases": "https://identifiers.org/fplx:Deiodinase",
    "neutropenia": f"{OBO}HP_0001875",
    "fatigue": f"{OBO}HP_0012378",
}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="module")
def matcher(vocabulary: Vocabulary) -> EntityMatcher:
    return EntityMatcher(vocabulary)


def _named(matcher: EntityMatcher, text: str) -> list[str]:
    return [m.entity for m in matcher.find_mentions(Sentence("t", 0, Span(0, len(text)), text))]


@pytest.mark.parametrize(("name", "iri"), sorted(ISSUE_TERMS.items()))
def test_issue_terms_come_from_the_derived_vocabulary(
    matcher: EntityMatcher, vocabulary: Vocabulary, name: str, iri: str
) -> None:
    assert _named(matcher, f"Studies show {name} matters.") == [iri]
    assert vocabulary.entities[iri].derived


def test_no_issue_term_is_hand_written() -> None:
    core = Graph().parse(Path(ONTOLOGY_DIR) / "entities.ttl", format="turtle")
    names = {name_key(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel) for o in core.objects(None, p)}
    singular = {"polyphenol", "tannin", "deiodinase", *ISSUE_TERMS}
    assert not singular & names


def test_common_names_are_labels(vocabulary: Vocabulary) -> None:
    phytate = vocabulary.entities[ISSUE_TERMS["phytate"]]
    assert phytate.label == "phytate"
    assert "phytic acid" in phytate.alt_labels  # the systematic and trivial names stay synonyms
    assert phytate.category == "Nutrient"


def test_the_core_wins_on_a_shared_name_or_identifier(matcher: EntityMatcher, vocabulary: Vocabulary) -> None:
    assert _named(matcher, "calcium") == ["https://w3id.org/nutrikg/calcium"]
    assert f"{OBO}CHEBI_28940" not in vocabulary.entities  # vitamin D3's ChEBI class: a core xref


def test_derived_categories_fit_the_relation_rules(vocabulary: Vocabulary) -> None:
    assert vocabulary.entities[ISSUE_TERMS["neutropenia"]].is_a("Condition")
    assert vocabulary.entities[ISSUE_TERMS["hepcidin"]].is_a("Protein")
    assert vocabulary.entities[ISSUE_TERMS["metallothionein"]].is_a("ProteinGroup")


# Named by the general rules of the widened derivation (drugs and metabolites by ChEBI role, HGNC
# genes, MeSH foods and proteins, one row per identifier, one thing two sources label alike,
# British spellings, plurals of nouns in -o); each text names one entity of the derived table.
WIDENED = {
    "aspirin": f"{OBO}CHEBI_15365",
    "metformin": f"{OBO}CHEBI_6801",
    "thiocyanate": f"{OBO}CHEBI_18022",
    "CYP3A4": "https://identifiers.org/hgnc:2637",
    "thyroid peroxidase": "https://identifiers.org/hgnc:12015",
    "green tea": "http://id.nlm.nih.gov/mesh/D013662",
    "diabetes": f"{OBO}HP_0000819",
    "hyperphosphataemia": f"{OBO}HP_0002905",
}


@pytest.mark.parametrize(("text", "iri"), sorted(WIDENED.items()))
def test_the_widened_vocabulary_names(
    matcher: EntityMatcher, vocabulary: Vocabulary, text: str, iri: str
) -> None:
    assert iri in _named(matcher, f"Studies of {text} are few.")
    assert vocabulary.entities[iri].derived


def test_everyday_words_name_nothing(matcher: EntityMatcher) -> None:
    """Abbreviations that are words in lower case ("AIDS", "DISH", "MARCH", "CAMP") and
    everyday words among MeSH's names ("ice", "solution") are not names."""
    text = "In March she aids her camp with a dish of ice in solution."
    assert _named(matcher, text) == []


def test_plurals_of_nouns_in_o(matcher: EntityMatcher) -> None:
    assert _named(matcher, "potatoes") == _named(matcher, "potato") != []


def test_the_table_has_one_row_per_identifier() -> None:
    iris = [iri for iri, *_ in read_rows(DERIVED_TABLE)]
    assert len(iris) == len(set(iris))


def test_name_index_finds_multi_token_names_on_token_bounds() -> None:
    index = NameIndex({"b cell", "myo-inositol hexakisphosphate", "pth"})
    text = "B cells, PTH. myo-inositol hexakisphosphate"
    starts = [0, 2, 7, 9, 12, 14, 17, 18, 27]  # B, cells, ",", PTH, ".", myo, -, inositol, hexa...
    ends = [1, 7, 8, 12, 13, 17, 18, 26, 43]
    assert index.spans(text, starts, ends) == [(3, 4), (5, 9)]  # "PTH", "myo-inositol hexakisphosphate"


def test_nameability_counts_pairs_both_ends_of_which_are_named(
    tmp_path: Path, matcher: EntityMatcher
) -> None:
    pairs = [("phytate", "iron absorption"), ("copper deficiency", "neutropenia"), ("the widget", "fatigue")]
    gold = [SurfaceGold("r01", "s", a, False, "affects", b, False, 0, False, False) for a, b in pairs]
    result = nameability(gold, matcher)
    assert (result.pairs, result.named, result.arguments, result.named_arguments) == (3, 2, 6, 5)
