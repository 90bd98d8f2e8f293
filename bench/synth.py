"""Mechanism-shaped triples, generated to look like what the extractor writes (see graph/rdf.py).

Entities get a class, a skos:prefLabel and a few skos:altLabel; vitamers and mineral salts hang
off nm:formOf chains. Claims come in documents: each claim is a direct triple (unless negated)
plus a claim node with its sentence, offsets, hedged/negated flags and prov:wasDerivedFrom.
Subjects and objects follow a heavy-tailed (Zipf) popularity with the ontology's own entities
as the hubs, and respect each property's rdfs:domain and rdfs:range.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from bench.sentences import dose_sentence, sentence
from bench.vocab import NM, NamedEntity, OntologyVocab, Relation

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ZIPF_EXPONENT = 1.05
HUBS = ("vitamin_d", "calcium", "vitamin_k2", "vitamin_k", "bone", "osteocalcin", "vitamin_d3",
        "magnesium", "artery", "bone_health", "matrix_gla_protein", "osteoporosis")  # fmt: skip
AGENT_CLASSES = frozenset(
    {"Nutrient", "Vitamin", "Vitamer", "Mineral", "ChemicalEntity", "Protein", "Enzyme",
     "ProteinGroup", "Cell", "Food", "Exposure"}
)  # fmt: skip
# How often each predicate appears in claims (the corpus leans on these).
PREDICATE_WEIGHTS = {"increases": 10, "requiredFor": 7, "decreases": 6, "prevents": 6,
                     "associatedWith": 5, "activates": 5, "sourceOf": 5, "increasesAbsorptionOf": 3,
                     "directsTo": 2, "inhibitsDepositionIn": 2, "increasesRiskOf": 3}  # fmt: skip
NAMING = {"Vitamer": "analog", "Mineral": "chelate", "Protein": "isoform", "Enzyme": "paralog",
          "Food": "variety", "Condition": "subtype", "BiologicalProcess": "pathway",
          "AnatomicalSite": "region", "Cell": "subset", "Biomarker": "assay"}  # fmt: skip
SOURCE_KINDS = ("retailer", "forum", "blog", "vendor", "unknown")


def iri(local: str) -> str:
    return f"<{NM}{local}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal (escapes backslash, quote and line breaks)."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{body}"@{lang}'
    return f'"{body}"^^<{XSD}{datatype}>' if datatype else f'"{body}"'


def boolean(value: bool) -> str:
    return literal("true" if value else "false", "boolean")


def integer(value: int) -> str:
    return literal(str(value), "integer")


@dataclass
class Pools:
    """Entities by class with cumulative Zipf weights, for weighted draws."""

    entities: list[NamedEntity]
    _cache: dict[frozenset[str], tuple[list[NamedEntity], list[float]]] = field(default_factory=dict)

    def draw(self, rng: random.Random, classes: frozenset[str]) -> NamedEntity:
        """One entity of `classes` (any class when empty), popular ones far more often."""
        pool, cum = self._pool(classes)
        return pool[bisect(cum, rng.random() * cum[-1])]

    def _pool(self, classes: frozenset[str]) -> tuple[list[NamedEntity], list[float]]:
        if classes not in self._cache:
            ranked = [(r, e) for r, e in enumerate(self.entities) if not classes or e.cls in classes]
            weights = [1.0 / (rank + 2) ** ZIPF_EXPONENT for rank, _ in ranked]
            self._cache[classes] = ([e for _, e in ranked], list(accumulate(weights)))
        return self._cache[classes]


class Synthesizer:
    """Writes generated N-Triples lines, never repeating a line of `known`."""

    def __init__(self, vocab: OntologyVocab, seed: int, known: set[str]) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocab
        self.known = known
        self.relations = [r for r in vocab.relations if r.name != "hasRecommendedDose"]
        self.rel_weights = list(accumulate(PREDICATE_WEIGHTS.get(r.name, 1) for r in self.relations))
        self.entities: list[NamedEntity] = []
        self.pools = Pools(self.entities)
        self.offset = 0

    # ---- entities ------------------------------------------------------------------------

    def entity_lines(self, count: int) -> Iterator[str]:
        """`count` new entities, then the Zipf ranking of all entities (ontology hubs first)."""
        real = sorted(self.vocab.entities, key=lambda e: (e.name not in HUBS, e.name))
        by_class: dict[str, list[NamedEntity]] = {}
        for entity in real:
            by_class.setdefault(entity.cls, []).append(entity)
        classes = [e.cls for e in real]
        made: list[NamedEntity] = []
        for number in range(count):
            cls = self.rng.choice(classes)
            entity = self._new_entity(number, cls, self.rng.choice(by_class[cls]))
            yield from self._describe(entity, by_class, made)
            made.append(entity)
        self.rng.shuffle(made)
        hubs = [e for e in real if e.name in HUBS]
        hubs.sort(key=lambda e: HUBS.index(e.name))
        self.entities[:] = hubs + [e for e in real if e.name not in HUBS] + made

    def _new_entity(self, number: int, cls: str, base: NamedEntity) -> NamedEntity:
        label = f"{base.label} {NAMING.get(cls, 'variant')} {number}"
        initials = "".join(w[0] for w in base.label.split() if w[:1].isalnum()).upper()
        alts = (f"{initials}-{number}", f"{base.label}-{number}")[: self.rng.randint(0, 2)]
        name = "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")
        return NamedEntity(f"{name}_x{number}", cls, label, alts)

    def _describe(
        self, entity: NamedEntity, by_class: dict[str, list[NamedEntity]], made: list[NamedEntity]
    ) -> Iterator[str]:
        node = iri(entity.name)
        yield f"{node} {RDF_TYPE} {iri(entity.cls)} .\n"
        yield f"{node} <{SKOS}prefLabel> {literal(entity.label, lang='en')} .\n"
        for alt in entity.alt_labels:
            yield f"{node} <{SKOS}altLabel> {literal(alt, lang='en')} .\n"
        parent = self._form_parent(entity, by_class, made)
        if parent is not None:
            yield f"{node} {iri('formOf')} {iri(parent.name)} .\n"

    def _form_parent(
        self, entity: NamedEntity, by_class: dict[str, list[NamedEntity]], made: list[NamedEntity]
    ) -> NamedEntity | None:
        """Vitamers and salts are forms of a vitamin or mineral, or of an earlier form (chains)."""
        if entity.cls not in ("Vitamer", "Mineral"):
            return None
        earlier = [e for e in made[-50:] if e.cls == entity.cls]
        if earlier and self.rng.random() < 0.4:
            return self.rng.choice(earlier)
        roots = by_class.get("Vitamin" if entity.cls == "Vitamer" else "Mineral", [])
        return self.rng.choice(roots) if roots else None

    # ---- documents and claims ------------------------------------------------------------

    def document_lines(self, number: int) -> Iterator[str]:
        """One document: its node, 10 to 40 claims, sometimes a dose, and its mentions."""
        doc_id = f"syn_{number:07d}"
        doc = f"<{NM}doc/{doc_id}>"
        kind = self.rng.choice(SOURCE_KINDS)
        self.offset = 0
        mentioned: set[str] = set()
        for _ in range(self.rng.randint(10, 40)):
            yield from self._claim(doc, kind, mentioned)
        if self.rng.random() < 0.3:
            yield from self._dose(doc, mentioned)
        yield from self._document(doc, doc_id, kind, mentioned)

    def _document(self, doc: str, doc_id: str, kind: str, mentioned: set[str]) -> Iterator[str]:
        title = f"Notes on {len(mentioned)} nutrients and bone, part {doc_id[4:]}"
        sha = hashlib.sha256(doc_id.encode()).hexdigest()
        yield f"{doc} {RDF_TYPE} {iri('Document')} .\n"
        yield f"{doc} {RDF_TYPE} <{PROV}Entity> .\n"
        yield f"{doc} <{DCT}title> {literal(title)} .\n"
        yield f"{doc} <{DCT}identifier> {literal(doc_id + '.txt')} .\n"
        yield f"{doc} {iri('publisher')} {literal(f'Publisher {self.rng.randint(1, 400)}')} .\n"
        yield f"{doc} {iri('sourceKind')} {literal(kind)} .\n"
        yield f"{doc} {iri('promotesProducts')} {boolean(kind in ('retailer', 'vendor'))} .\n"
        yield f"{doc} {iri('sha256')} {literal(sha)} .\n"
        for name in sorted(mentioned):
            yield f"{doc} {iri('mentions')} {iri(name)} .\n"

    def _relation(self) -> Relation:
        return self.relations[bisect(self.rel_weights, self.rng.random() * self.rel_weights[-1])]

    def _claim(self, doc: str, kind: str, mentioned: set[str]) -> Iterator[str]:
        rel = self._relation()
        subject = self.pools.draw(self.rng, rel.domain or AGENT_CLASSES)
        obj = self.pools.draw(self.rng, rel.range)
        if obj.name == subject.name:
            return
        mentioned.update((subject.name, obj.name))
        hedged = rel.name == "associatedWith" or self.rng.random() < 0.3
        negated = self.rng.random() < 0.04
        text = sentence(self.rng, subject.label, rel.name, obj.label, hedged, negated)
        s, p, o = iri(subject.name), iri(rel.name), iri(obj.name)
        if not negated:
            yield from self._once(f"{s} {p} {o} .\n")
        node = f"<{NM}claim/{self.rng.getrandbits(64):016x}>"
        for prop, value in (
            (RDF_TYPE, iri("Claim")), (iri("subject"), s), (iri("predicate"), p),
            (iri("object"), o), (iri("sign"), iri(rel.sign)), (iri("hedged"), boolean(hedged)),
            (iri("negated"), boolean(negated)),
            (iri("confidence"), literal(f"{self.rng.uniform(0.5, 0.99):.3f}", "decimal")),
            (f"<{PROV}wasDerivedFrom>", doc), (iri("sentence"), literal(text)),
            *self._span(len(text)), (iri("rule"), literal(f"{rel.name}/pattern")),
            (iri("sourceKind"), literal(kind)),
        ):  # fmt: skip
            yield f"{node} {prop} {value} .\n"

    def _span(self, length: int) -> tuple[tuple[str, str], tuple[str, str]]:
        start, self.offset = self.offset, self.offset + length + 1
        return (iri("startOffset"), integer(start)), (iri("endOffset"), integer(start + length))

    def _once(self, line: str) -> Iterator[str]:
        if line not in self.known:
            self.known.add(line)
            yield line

    def _dose(self, doc: str, mentioned: set[str]) -> Iterator[str]:
        nutrient = self.pools.draw(self.rng, frozenset({"Vitamin", "Vitamer", "Mineral"}))
        mentioned.add(nutrient.name)
        low = self.rng.choice((10, 25, 50, 100, 200, 400))
        high, unit = low * self.rng.choice((2, 4)), self.rng.choice(("mcg", "mg"))
        text = dose_sentence(self.rng, nutrient.label, low, high, unit)
        unit_name = "microgram" if unit == "mcg" else "milligram"
        node = f"<{NM}dose/{self.rng.getrandbits(64):016x}>"
        yield f"{iri(nutrient.name)} {iri('hasRecommendedDose')} {node} .\n"
        for prop, value in (
            (RDF_TYPE, iri("DoseRecommendation")), (iri("nutrient"), iri(nutrient.name)),
            (iri("doseLow"), literal(str(low), "decimal")),
            (iri("doseHigh"), literal(str(high), "decimal")), (iri("unit"), literal(unit)),
            (iri("normalizedLow"), literal(str(low), "decimal")),
            (iri("normalizedHigh"), literal(str(high), "decimal")),
            (iri("normalizedUnit"), literal(unit_name)), (iri("doseKind"), literal("daily")),
            (iri("quantityText"), literal(f"{low} to {high} {unit}")),
            (iri("hedged"), boolean(False)), (f"<{PROV}wasDerivedFrom>", doc),
            (iri("sentence"), literal(text)), *self._span(len(text)),
        ):  # fmt: skip
            yield f"{node} {prop} {value} .\n"
