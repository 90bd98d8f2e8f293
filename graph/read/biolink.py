"""The graph in the Biolink Model's terms: one node per entity, one edge per claim, made once per
loaded graph. KGX files (read/kgx.py) and TRAPI answers (read/trapi.py) are both written from it.

Our relations are finer than Biolink's predicates, so most become `biolink:affects` with the
qualifiers Biolink 4 uses for direction and aspect (the table below follows the comments on each
property in ontology/nutrikg.ttl and /work/shared/XREFS.md). The Biolink hierarchy and inverses are
copied for just the predicates and categories we emit; a test checks them against biolink-model's
YAML, so nothing of Biolink is needed at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import SKOS

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.namespaces import NM_BASE, document_iri
from nutrikg.graph.read.entities import category
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.records import ClaimRecord, DocumentRecord
from nutrikg.graph.read.tables import pairs
from nutrikg.ontology.terms import NM

INFORES = "infores:nutrikg"  # our knowledge source, as Translator's information resource registry names it
BIOLINK = "https://w3id.org/biolink/vocab/"
# Prefixes of Biolink's prefix map that our cross-references use: a node is named by its standard
# identifier only when Biolink knows the prefix (else by its nm: CURIE).
STANDARD_PREFIXES = frozenset(
    [
        "CHEBI",
        "UniProtKB",
        "HGNC",
        "NCBIGene",
        "CL",
        "UBERON",
        "GO",
        "MONDO",
        "HP",
        "FOODON",
        "NCIT",
        "NCBITaxon",
        "PR",
        "DOID",
        "MESH",
    ]
)

# nm: class -> the most specific Biolink category that fits every member (an entity's own
# nm:biolinkCategory, when it has one, is more specific and wins).
CATEGORY_OF_CLASS = {
    "Nutrient": "ChemicalEntity", "Vitamin": "ChemicalEntity", "Vitamer": "SmallMolecule",
    "Mineral": "ChemicalEntity", "ChemicalEntity": "ChemicalEntity", "Protein": "Protein",
    "Enzyme": "Protein", "ProteinGroup": "ProteinFamily", "Cell": "Cell",
    "AnatomicalSite": "AnatomicalEntity", "BiologicalProcess": "BiologicalProcess",
    "Condition": "DiseaseOrPhenotypicFeature", "NutrientState": "PhenotypicFeature",
    "HealthOutcome": "PhenotypicFeature",
    "Biomarker": "ClinicalAttribute", "Food": "Food", "Exposure": "EnvironmentalExposure",
}  # fmt: skip
# Biolink category -> its ancestors (is_a only, Entity left out), for TRAPI's category matching.
CATEGORY_ANCESTORS: dict[str, tuple[str, ...]] = {
    "SmallMolecule": ("MolecularEntity", "ChemicalEntity", "NamedThing"),
    "ChemicalEntity": ("NamedThing",),
    "MolecularEntity": ("ChemicalEntity", "NamedThing"),
    "Food": ("ChemicalMixture", "ChemicalEntity", "NamedThing"),
    "Protein": ("Polypeptide", "BiologicalEntity", "NamedThing"),
    "ProteinFamily": ("BiologicalEntity", "NamedThing"),
    "Cell": ("AnatomicalEntity", "OrganismalEntity", "BiologicalEntity", "NamedThing"),
    "AnatomicalEntity": ("OrganismalEntity", "BiologicalEntity", "NamedThing"),
    "GrossAnatomicalStructure": ("AnatomicalEntity", "OrganismalEntity", "BiologicalEntity", "NamedThing"),
    "BiologicalProcess": ("BiologicalProcessOrActivity", "BiologicalEntity", "NamedThing"),
    "Disease": ("DiseaseOrPhenotypicFeature", "BiologicalEntity", "NamedThing"),
    "PhenotypicFeature": ("DiseaseOrPhenotypicFeature", "BiologicalEntity", "NamedThing"),
    "DiseaseOrPhenotypicFeature": ("BiologicalEntity", "NamedThing"),
    "ClinicalAttribute": ("Attribute", "NamedThing"),
    "EnvironmentalExposure": ("ExposureEvent", "NamedThing"),
    "NamedThing": (),
}


@dataclass(frozen=True)
class Mapping:
    """How one of our relations is said in Biolink: a predicate, and for the causal ones the
    aspect of the object that changes and the direction of the change."""

    predicate: str  # snake_case, without the biolink: prefix
    aspect: str | None = None
    direction: str | None = None
    level: str = "knowledge_assertion"
    via_cargo: bool = False  # the claim's cargo is the Biolink object; our object is its site


def _affects(aspect: str | None, direction: str, via_cargo: bool = False) -> Mapping:
    return Mapping("affects", aspect, direction, via_cargo=via_cargo)


PREDICATES = {
    "activates": _affects("activity", "increased"),
    "carboxylates": _affects("carboxylation", "increased"),
    "upregulatesExpressionOf": _affects("abundance", "increased"),
    "convertsToActiveForm": _affects("activity", "increased"),
    "increasesAbsorptionOf": _affects("absorption", "increased"),
    "increases": _affects("activity_or_abundance", "increased"),
    "decreases": _affects("activity_or_abundance", "decreased"),
    "builds": _affects(None, "increased"),
    "breaksDown": _affects(None, "decreased"),
    "directsTo": _affects("localization", "increased", via_cargo=True),
    "inhibitsDepositionIn": _affects("localization", "decreased", via_cargo=True),
    "requiredFor": Mapping("contributes_to"),
    "depositsIn": Mapping("located_in"),
    "binds": Mapping("directly_physically_interacts_with"),  # biolink:binds is deprecated
    "prevents": Mapping("preventative_for_condition"),
    "increasesRiskOf": Mapping("contributes_to"),  # risk, cause or contribution
    "associatedWith": Mapping("correlated_with", level="statistical_association"),
    "biomarkerFor": Mapping("biomarker_for", level="statistical_association"),
    "sourceOf": Mapping("has_nutrient"),
    "formOf": Mapping("subclass_of"),
    "synergizesWith": Mapping("related_to"),  # Biolink has no synergy predicate
}
_INSTANCE = ("related_to_at_instance_level", "related_to")
# Biolink predicate -> its ancestors (is_a), for the predicates above and their ancestors.
PREDICATE_ANCESTORS: dict[str, tuple[str, ...]] = {
    "affects": _INSTANCE,
    "contributes_to": _INSTANCE,
    "located_in": _INSTANCE,
    "directly_physically_interacts_with": ("physically_interacts_with", "interacts_with", *_INSTANCE),
    "preventative_for_condition": ("affects_likelihood_of", *_INSTANCE),
    "affects_likelihood_of": _INSTANCE,
    "correlated_with": ("associated_with", *_INSTANCE),
    "biomarker_for": ("correlated_with", "associated_with", *_INSTANCE),
    "has_nutrient": ("has_food_component", "has_part", "overlaps", *_INSTANCE),
    "subclass_of": ("related_to_at_concept_level", "related_to"),
    "related_to": (),
}
INVERSES = {
    "affected_by": "affects", "contribution_from": "contributes_to", "location_of": "located_in",
    "has_preventative_intervention": "preventative_for_condition",
    "likelihood_affected_by": "affects_likelihood_of", "has_biomarker": "biomarker_for",
    "nutrient_of": "has_nutrient", "food_component_of": "has_food_component", "part_of": "has_part",
    "superclass_of": "subclass_of",
}  # fmt: skip
SYMMETRIC = frozenset(
    {"related_to", "related_to_at_instance_level", "related_to_at_concept_level", "associated_with",
     "correlated_with", "interacts_with", "physically_interacts_with",
     "directly_physically_interacts_with", "overlaps"}
)  # fmt: skip


@dataclass(frozen=True)
class BiolinkNode:
    id: str  # a CURIE: the standard identifier when there is one, else nm:
    category: str  # without the biolink: prefix
    name: str
    iri: str  # the node in our graph
    xref: tuple[str, ...] = ()  # our own CURIE and the other identifiers matched to it


@dataclass(frozen=True)
class BiolinkEdge:
    """One claim: one sentence of one document, as a Biolink association."""

    id: str  # the claim's CURIE
    subject: str
    predicate: str  # without the biolink: prefix
    object: str
    original_predicate: str  # our relation's CURIE (nm:activates)
    qualifiers: dict[str, str]  # Biolink qualifier slot -> value (CURIEs for anatomical context)
    negated: bool
    hedged: bool
    knowledge_level: str
    confidence: float
    belief: float  # of what the claim says (graph/read/belief.py)
    review: str  # the review in force: accept or correct ("" for none; rejected claims are left out)
    publication: str  # the document's CURIE
    supporting_text: str
    source_kind: str
    claim: ClaimRecord = field(repr=False, compare=False)


@dataclass(frozen=True)
class BiolinkGraph:
    nodes: dict[str, BiolinkNode]  # by CURIE, sorted
    edges: tuple[BiolinkEdge, ...]  # in claim order (document, offset)
    publications: dict[str, DocumentRecord]  # by document CURIE


def biolink_graph(kg: KnowledgeGraph) -> BiolinkGraph:
    """The Biolink form of `kg`, made once per loaded graph."""
    return per_graph(kg, "biolink", _build)


def _build(kg: KnowledgeGraph) -> BiolinkGraph:
    index = claim_index(kg)
    namer = _Namer(kg)
    # A rejected claim is never asserted (graph.reviews): the claim tables list it, not Biolink.
    edges = tuple(
        edge for claim in index.claims if not claim.rejected and (edge := _edge(claim, namer)) is not None
    )
    publications = {to_curie(document_iri(d.id)): d for d in index.documents.values()}
    return BiolinkGraph(dict(sorted(namer.nodes.items())), edges, publications)


class _Namer:
    """Names each entity once with its Biolink node (standard CURIE and category)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.nodes: dict[str, BiolinkNode] = {}
        self._ids: dict[str, str] = {}
        self._categories = {s: o for s, o in pairs(kg.rdf, NM.biolinkCategory) if o.startswith(BIOLINK)}
        exact: dict[str, list[str]] = {}
        for entity, standard in pairs(kg.rdf, SKOS.exactMatch):
            exact.setdefault(entity, []).append(standard)
        self._exact = exact
        shared: dict[str, int] = {}
        for standards in exact.values():
            for standard in standards:
                shared[standard] = shared.get(standard, 0) + 1
        self._shared = shared

    def node_id(self, iri: str) -> str:
        found = self._ids.get(iri)
        if found is None:
            node = self._node(iri)
            self.nodes[node.id] = node
            found = self._ids[iri] = node.id
        return found

    def _node(self, iri: str) -> BiolinkNode:
        own = to_curie(iri)
        standard = self._standard_curie(iri)
        others = sorted(to_curie(s) for s in self._exact.get(iri, ()) if to_curie(s) != standard)
        xref = tuple(x for x in (own if standard else None, *others) if x)
        return BiolinkNode(standard or own, self._category(iri), self.kg.label(iri), iri, xref)

    def _standard_curie(self, iri: str) -> str | None:
        """The entity's one exact match with a prefix Biolink knows, when no other entity shares
        it (two entities named by one identifier would merge into one node)."""
        usable = [
            curie
            for standard in self._exact.get(iri, ())
            if self._shared[standard] == 1
            and (curie := to_curie(standard)).split(":")[0] in STANDARD_PREFIXES
        ]
        return usable[0] if len(usable) == 1 else None

    def _category(self, iri: str) -> str:
        own = self._categories.get(iri, "")[len(BIOLINK) :]
        if own in CATEGORY_ANCESTORS:
            return own
        return CATEGORY_OF_CLASS.get(category(self.kg, iri), "NamedThing")


def _edge(claim: ClaimRecord, namer: _Namer) -> BiolinkEdge | None:
    """The claim as a Biolink edge; None for a relation Biolink cannot say (a dose link)."""
    mapping = PREDICATES.get(claim.predicate.iri.removeprefix(NM_BASE))
    if mapping is None:
        return None
    target, qualifiers = claim.object.iri, _qualifiers(mapping)
    cargo = next((q.value.iri for q in claim.qualifiers if q.name == "cargo"), None)
    if mapping.via_cargo and cargo is not None:
        qualifiers["anatomical_context_qualifier"] = namer.node_id(target)
        target = cargo
    return BiolinkEdge(
        id=to_curie(claim.iri),
        subject=namer.node_id(claim.subject.iri),
        predicate=mapping.predicate,
        object=namer.node_id(target),
        original_predicate=claim.predicate.curie,
        qualifiers=qualifiers,
        negated=claim.negated,
        hedged=claim.hedged,
        knowledge_level=mapping.level,
        confidence=claim.confidence,
        belief=claim.belief,
        review="" if claim.review is None else claim.review.verdict,
        publication=to_curie(document_iri(claim.evidence.document)),
        supporting_text=claim.evidence.sentence,
        source_kind=claim.evidence.source_kind,
        claim=claim,
    )


def _qualifiers(mapping: Mapping) -> dict[str, str]:
    """Biolink 4 says direction with qualifiers on `affects`, the change being caused."""
    found: dict[str, str] = {}
    if mapping.predicate == "affects":
        found["qualified_predicate"] = "biolink:causes"
    if mapping.aspect:
        found["object_aspect_qualifier"] = mapping.aspect
    if mapping.direction:
        found["object_direction_qualifier"] = mapping.direction
    return found
