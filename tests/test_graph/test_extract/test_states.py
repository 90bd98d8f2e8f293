"""Entity states: a lack or an excess named in words is a mention of the state, linked to the thing."""

from __future__ import annotations

import pytest
from rdflib import RDFS

from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.vocabulary import STATE_CLASSES, Vocabulary, load_vocabulary, ontology_graph
from nutrikg.graph.model import Document, Sign, State
from nutrikg.ontology.terms import NM, NM_IRI


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="module")
def reader(vocabulary: Vocabulary) -> DocumentReader:
    return DocumentReader(vocabulary, learned=False)


def _read(reader: DocumentReader, text: str) -> list[tuple[str, str, str, Sign]]:
    extraction = reader.read(Document("d", "t", text, "d.txt", "0"))
    label = {m.entity: m.text.lower() for m in extraction.mentions}
    return [(label[c.subject], c.predicate, label[c.object], c.sign) for c in extraction.claims]


@pytest.mark.parametrize(
    ("text", "named", "state"),
    [
        ("Copper deficiency can cause anemia.", "Copper deficiency", State.LOW),
        ("A lack of iodine causes goitre.", "lack of iodine", State.LOW),
        ("Low serum copper was found in these patients.", "Low serum copper", State.LOW),
        ("Iron-deficient women were enrolled.", "Iron-deficient", State.LOW),
        ("Too much zinc lowers copper absorption.", "Too much zinc", State.HIGH),
        ("Excess iron may promote oxidative stress.", "Excess iron", State.HIGH),
    ],
)
def test_a_lack_or_excess_named_in_words_is_a_mention_of_the_state(
    reader: DocumentReader, vocabulary: Vocabulary, text: str, named: str, state: State
) -> None:
    mentions = reader.read(Document("d", "t", text, "d.txt", "0")).mentions
    found = next(m for m in mentions if m.text == named)
    entity = vocabulary.lookup(found.entity)
    assert entity is not None and entity.state is state
    base = vocabulary.lookup(entity.state_of or "")
    assert base is not None and base.label.lower() in named.lower().replace("-", " ")


@pytest.mark.parametrize(
    "text",
    [
        "Low-dose vitamin D improved bone density.",
        "Low doses of zinc were given.",
        "Foods low in phytate were chosen.",
        "Calcium intake was higher in the first group.",
    ],
)
def test_doses_and_amounts_are_not_states(reader: DocumentReader, vocabulary: Vocabulary, text: str) -> None:
    mentions = reader.read(Document("d", "t", text, "d.txt", "0")).mentions
    states = [m for m in mentions if (e := vocabulary.lookup(m.entity)) is not None and e.state_of]
    assert states == []


def test_a_claim_about_a_deficiency_keeps_the_direction_the_text_gives_it(reader: DocumentReader) -> None:
    claims = _read(reader, "Copper deficiency can cause anemia. Zinc induces copper deficiency.")
    assert ("copper deficiency", "increasesRiskOf", "anemia", Sign.POSITIVE) in claims
    assert ("zinc", "increasesRiskOf", "copper deficiency", Sign.POSITIVE) in claims
    assert not [c for c in claims if c[0] == "copper" or c[2] == "copper"]  # never copper itself


def test_the_ontology_names_a_state_where_it_has_one(vocabulary: Vocabulary) -> None:
    iron_deficiency = vocabulary.state_entity(str(NM.iron), State.LOW)
    assert iron_deficiency is not None and iron_deficiency.iri == str(NM.iron_deficiency)
    assert vocabulary.state_entity(str(NM.vitamin_d), State.HIGH).iri == str(NM.vitamin_d_toxicity)  # type: ignore[union-attr]
    assert vocabulary.state_entity(str(NM.osteoporosis), State.LOW) is None  # a disease is not lacking


def test_a_made_state_is_named_again_from_its_iri_alone(vocabulary: Vocabulary) -> None:
    phytate = next(e for e in vocabulary.entities.values() if e.label == "phytate")
    made = vocabulary.state_entity(phytate.iri, State.LOW)
    assert made is not None and made.iri.startswith(NM_IRI) and made.label == "phytate deficiency"
    fresh = Vocabulary(dict(vocabulary.entities), vocabulary.predicates, vocabulary.states)
    fresh.entities.pop(made.iri)
    assert fresh.lookup(made.iri) == made


def test_the_made_states_classes_are_the_ontologys() -> None:
    graph = ontology_graph()
    ancestors = {
        str(c).removeprefix(NM_IRI) for c in graph.transitive_objects(NM.NutrientState, RDFS.subClassOf)
    }
    assert frozenset(ancestors) == STATE_CLASSES
