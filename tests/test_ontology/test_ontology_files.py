"""The ontology's Turtle files: they parse, relations and entities are complete, labels are
unambiguous, cross-references are recorded, and the shapes accept good graphs, reject bad."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import curies
import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, SH, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from nutrikg.ontology import ONTOLOGY_DIR, ONTOLOGY_FILES, SHAPES_FILE
from nutrikg.ontology.terms import BIOLINK, NM, nm_term

ALL_FILES = (*ONTOLOGY_FILES, SHAPES_FILE)
LOCAL_XREFS = Path(__file__).parents[1] / "data" / "xrefs_verified.csv"
SHARED_XREFS = Path(__file__).parents[3] / "shared" / "xrefs.csv"


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a block of text."""
    return tuple(text.split())


# The contract's relation table: property -> sign.
CONTRACT_SIGNS = {
    "activates": NM.Positive,
    "carboxylates": NM.Positive,
    "increasesAbsorptionOf": NM.Positive,
    "upregulatesExpressionOf": NM.Positive,
    "increases": NM.Positive,
    "decreases": NM.Negative,
    "directsTo": NM.Positive,
    "inhibitsDepositionIn": NM.Negative,
    "depositsIn": NM.Positive,
    "binds": NM.NotCausal,
    "requiredFor": NM.Positive,
    "convertsToActiveForm": NM.Positive,
    "prevents": NM.Negative,
    "increasesRiskOf": NM.Positive,
    "builds": NM.Positive,
    "breaksDown": NM.Negative,
    "associatedWith": NM.NotCausal,
    "biomarkerFor": NM.NotCausal,
    "sourceOf": NM.NotCausal,
    "formOf": NM.NotCausal,
    "synergizesWith": NM.NotCausal,
    "hasRecommendedDose": NM.NotCausal,
}

# The contract's core entity local names.
CORE_ENTITIES = words(
    """
vitamin_d vitamin_d3 vitamin_d2 calcitriol calcifediol vitamin_k vitamin_k1 vitamin_k2 mk4 mk7
calcium magnesium phosphorus zinc manganese boron estrogen glucosamine curcumin
osteocalcin undercarboxylated_osteocalcin carboxylated_osteocalcin matrix_gla_protein ggcx vkorc1
vitamin_k_dependent_protein calcium_binding_protein vitamin_d_receptor parathyroid_hormone
osteoblast osteoclast immune_cell bone skeleton bone_matrix artery aorta blood_vessel
soft_tissue intestine kidney blood skin heart teeth
bone_mineralization bone_remodeling bone_formation bone_resorption blood_coagulation inflammation
immune_response protein_carboxylation calcium_absorption calcium_metabolism bone_metabolism
vascular_calcification arterial_calcification osteoporosis coronary_artery_disease
cardiovascular_disease atherosclerosis chronic_kidney_disease hyperlipidemia vitamin_d_deficiency
vitamin_k_deficiency bone_fracture bone_loss bleeding bone_mineral_density bone_health
cardiovascular_health natto cheese egg egg_yolk salmon fatty_fish sauerkraut butter kimchi
leafy_greens meat dairy_product fermented_food fortified_food sunlight
"""
)

# Labels the contract pins to one entity.
PINNED_LABELS = {
    "bone": NM.bone,
    "bones": NM.bone,
    "artery": NM.artery,
    "arteries": NM.artery,
    "heart health": NM.cardiovascular_health,
    "cardiovascular health": NM.cardiovascular_health,
    "bone health": NM.bone_health,
    "k2": NM.vitamin_k2,
    "mk-7": NM.mk7,
    "mgp": NM.matrix_gla_protein,
    "25(oh)d": NM.calcifediol,
    "ucoc": NM.undercarboxylated_osteocalcin,
    "vkdps": NM.vitamin_k_dependent_protein,
    "bmd": NM.bone_mineral_density,
}

# Mappings other than exactMatch whose target is not a `verified` row of the cross-reference
# table: `likely` rows, and one ID named only in a row's evidence text.
NOT_VERIFIED_TARGETS = {
    "FOODON:00001078": "likely (natto's broader fermented soybean food product)",
    "FOODON:00003753": "likely (turmeric root)",
    "FOODON:03411222": "likely (fish, for fatty fish)",
    "MONDO:0001244": "likely (vitamin K deficiency hemorrhagic disease)",
    "MONDO:0005010": "likely (coronary artery disorder)",
    "biolink:promotes_condition": "evidence text of the preventative_for_condition row",
}

NEAR_MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
ENTITY_CLASS_NAMES = words(
    """
    Entity Nutrient Vitamin Vitamer Mineral ChemicalEntity Protein Enzyme ProteinGroup Cell
    AnatomicalSite BiologicalProcess Condition HealthOutcome Biomarker Food Exposure
    """
)


@pytest.fixture(scope="module")
def onto() -> Graph:
    """The schema and the entities in one graph."""
    rdf_graph = Graph()
    for name in ONTOLOGY_FILES:
        rdf_graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return rdf_graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def converter() -> curies.Converter:
    """CURIEs from the prefixes the ontology files themselves declare."""
    prefix_map: dict[str, str] = {}
    for name in ONTOLOGY_FILES:
        declared = Graph(bind_namespaces="none").parse(ONTOLOGY_DIR / name, format="turtle")
        prefix_map |= {prefix: str(iri) for prefix, iri in declared.namespaces() if prefix}
    return curies.Converter.from_prefix_map(prefix_map)


@pytest.fixture(scope="module")
def verified_rows() -> list[dict[str, str]]:
    with LOCAL_XREFS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def entity_classes() -> set[URIRef]:
    return {nm_term(name) for name in ENTITY_CLASS_NAMES}


def entities(onto: Graph) -> set[Node]:
    classes = entity_classes()
    return {s for s, o in onto.subject_objects(RDF.type) if o in classes}


def relation_properties(onto: Graph) -> set[Node]:
    return set(onto.subjects(RDF.type, NM.RelationProperty))


def to_curie(converter: curies.Converter, iri: Node) -> str:
    curie = converter.compress(str(iri))
    assert curie is not None, f"{iri} has no known prefix"
    return curie


# --- Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES)
def test_parses_with_rdflib(name: str) -> None:
    assert len(Graph().parse(ONTOLOGY_DIR / name, format="turtle")) > 50


@pytest.mark.parametrize("name", ALL_FILES)
def test_parses_with_pyoxigraph(name: str) -> None:
    quads = pyoxigraph.parse(path=ONTOLOGY_DIR / name, format=pyoxigraph.RdfFormat.TURTLE)
    assert sum(1 for _ in quads) > 50


# --- Relation properties ----------------------------------------------------------------------


def test_relation_properties_are_the_contract_table(onto: Graph) -> None:
    assert relation_properties(onto) == {nm_term(name) for name in CONTRACT_SIGNS}


@pytest.mark.parametrize("name", sorted(CONTRACT_SIGNS))
def test_relation_property_is_fully_described(onto: Graph, name: str) -> None:
    prop = nm_term(name)
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(prop, RDFS.label) is not None
    assert onto.value(prop, SKOS.definition) is not None
    assert list(onto.objects(prop, NM.sign)) == [CONTRACT_SIGNS[name]]
    causal = list(onto.objects(prop, NM.causal))
    assert len(causal) == 1 and isinstance(causal[0], Literal)
    assert causal[0].toPython() is (CONTRACT_SIGNS[name] != NM.NotCausal)
    assert onto.value(prop, RDFS.domain) is not None
    assert onto.value(prop, RDFS.range) is not None


def test_synergizes_with_is_symmetric(onto: Graph) -> None:
    assert (NM.synergizesWith, RDF.type, OWL.SymmetricProperty) in onto


def test_sign_individuals(onto: Graph) -> None:
    assert set(onto.subjects(RDF.type, NM.Sign)) == {NM.Positive, NM.Negative, NM.NotCausal}


# --- Entities -------------------------------------------------------------------------------


def test_core_entities_exist(onto: Graph) -> None:
    missing = [name for name in CORE_ENTITIES if nm_term(name) not in entities(onto)]
    assert not missing


def test_every_entity_has_one_class_label_and_definition(onto: Graph) -> None:
    classes = entity_classes()
    problems = []
    for entity in sorted(entities(onto), key=str):
        nm_types = [t for t in onto.objects(entity, RDF.type) if str(t).startswith(str(NM))]
        if len(nm_types) != 1 or nm_types[0] not in classes:
            problems.append(f"{entity}: classes {nm_types}")
        if len(list(onto.objects(entity, SKOS.prefLabel))) != 1:
            problems.append(f"{entity}: needs exactly one prefLabel")
        if len(list(onto.objects(entity, SKOS.definition))) != 1:
            problems.append(f"{entity}: needs exactly one definition")
    assert not problems


def test_no_label_names_two_entities(onto: Graph) -> None:
    owners: dict[str, set[Node]] = defaultdict(set)
    for entity in entities(onto):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in onto.objects(entity, prop):
                owners[str(label).casefold()].add(entity)
    clashes = {label: sorted(map(str, who)) for label, who in owners.items() if len(who) > 1}
    assert not clashes


def test_pinned_labels(onto: Graph) -> None:
    for label, entity in PINNED_LABELS.items():
        found = {
            s
            for prop in (SKOS.prefLabel, SKOS.altLabel)
            for s, o in onto.subject_objects(prop)
            if str(o).casefold() == label
        }
        assert found == {entity}, label


def test_form_of_links_entities(onto: Graph) -> None:
    known = entities(onto)
    for subject, target in onto.subject_objects(NM.formOf):
        assert subject in known and target in known
    assert (NM.mk7, NM.formOf, NM.vitamin_k2) in onto
    assert (NM.vitamin_d3, NM.formOf, NM.vitamin_d) in onto


# --- Cross-references ---------------------------------------------------------------------------


def test_exact_matches_are_verified_rows(
    onto: Graph, converter: curies.Converter, verified_rows: list[dict[str, str]]
) -> None:
    verified = {row["curie"] for row in verified_rows if row["confidence"] == "verified"}
    exact = {to_curie(converter, o) for o in onto.objects(None, SKOS.exactMatch)}
    assert exact, "no exactMatch found"
    assert exact <= verified, sorted(exact - verified)


def test_near_matches_are_recorded(
    onto: Graph, converter: curies.Converter, verified_rows: list[dict[str, str]]
) -> None:
    known = {row["curie"] for row in verified_rows} | set(NOT_VERIFIED_TARGETS)
    near = {to_curie(converter, o) for p in NEAR_MATCHES for o in onto.objects(None, p)}
    assert near <= known, sorted(near - known)


def test_near_matches_to_unverified_rows_are_commented(onto: Graph, converter: curies.Converter) -> None:
    for prop in NEAR_MATCHES:
        for subject, target in onto.subject_objects(prop):
            if to_curie(converter, target) in NOT_VERIFIED_TARGETS:
                assert onto.value(subject, RDFS.comment) is not None, subject


def test_biolink_categories_are_recorded(
    onto: Graph, converter: curies.Converter, verified_rows: list[dict[str, str]]
) -> None:
    categories = {row["curie"] for row in verified_rows if row["kind"] == "biolink category"}
    used = {to_curie(converter, o) for o in onto.objects(None, NM.biolinkCategory)}
    assert used <= categories, sorted(used - categories)
    assert all(str(o).startswith(str(BIOLINK)) for o in onto.objects(None, NM.biolinkCategory))


def test_local_copy_agrees_with_shared_table(verified_rows: list[dict[str, str]]) -> None:
    if not SHARED_XREFS.is_file():
        pytest.skip(f"shared cross-reference table not found at {SHARED_XREFS}")
    text = SHARED_XREFS.read_text(encoding="utf-8")
    with SHARED_XREFS.open(newline="", encoding="utf-8") as handle:
        shared = [tuple(row.values()) for row in csv.DictReader(handle)]
    assert all(tuple(row.values()) in shared for row in verified_rows)
    assert all(curie in text for curie in NOT_VERIFIED_TARGETS)


# --- SHACL shapes -----------------------------------------------------------------------------

VALID_EXAMPLE = """
@prefix nm: <https://w3id.org/nutrikg/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

nm:vitamin_k2 a nm:Vitamer ; skos:prefLabel "vitamin K2"@en .
nm:osteocalcin a nm:Protein ; skos:prefLabel "osteocalcin"@en .

<https://w3id.org/nutrikg/doc/000_example> a nm:Document ;
    dcterms:title "Why vitamin D3 needs vitamin K2" ;
    nm:sourceKind "retailer" ;
    nm:promotesProducts true .

<https://w3id.org/nutrikg/claim/0123456789abcdef> a nm:Claim ;
    nm:subject nm:vitamin_k2 ;
    nm:predicate nm:activates ;
    nm:object nm:osteocalcin ;
    nm:sign nm:Positive ;
    nm:hedged false ;
    nm:negated false ;
    nm:confidence 0.9 ;
    prov:wasDerivedFrom <https://w3id.org/nutrikg/doc/000_example> ;
    nm:sentence "Vitamin K2 is a highly effective activator of osteocalcin." ;
    nm:startOffset 120 ;
    nm:endOffset 179 ;
    nm:rule "activator_of" .

<https://w3id.org/nutrikg/dose/0123456789abcdef> a nm:DoseRecommendation ;
    nm:doseLow 45.0 ;
    nm:unit "mcg" ;
    nm:normalizedUnit "ug" ;
    prov:wasDerivedFrom <https://w3id.org/nutrikg/doc/000_example> .
"""


def conforms(data: Graph, shapes: Graph) -> bool:
    result, _, _ = validate(data, shacl_graph=shapes)
    return bool(result)


def test_valid_example_conforms(shapes: Graph) -> None:
    assert conforms(Graph().parse(data=VALID_EXAMPLE, format="turtle"), shapes)


def test_claim_without_sentence_does_not_conform(shapes: Graph) -> None:
    data = Graph().parse(data=VALID_EXAMPLE, format="turtle")
    data.remove((None, NM.sentence, None))
    assert not conforms(data, shapes)


@pytest.mark.parametrize(
    ("prop", "bad_value"),
    [
        (NM.confidence, Literal(1.5)),
        (NM.sign, NM.vitamin_k2),
        (NM.predicate, NM.mentions),
        (NM.sourceKind, Literal("newspaper")),
        (NM.hedged, Literal("no")),
    ],
)
def test_bad_values_do_not_conform(shapes: Graph, prop: URIRef, bad_value: Node) -> None:
    data = Graph().parse(data=VALID_EXAMPLE, format="turtle")
    subject = next(data.subjects(prop, None))
    data.set((subject, prop, bad_value))
    assert not conforms(data, shapes)


def test_claim_predicate_pattern_lists_every_relation_property(onto: Graph, shapes: Graph) -> None:
    (shape,) = shapes.subjects(SH.path, NM.predicate)
    pattern = re.compile(str(shapes.value(shape, SH.pattern)))
    for prop in relation_properties(onto):
        assert pattern.search(str(prop)), prop
    assert not pattern.search(str(NM.mentions))


def test_ontology_itself_conforms(onto: Graph, shapes: Graph) -> None:
    assert conforms(onto, shapes)
