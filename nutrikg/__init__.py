"""nutrikg: a knowledge graph of nutrient mechanisms, with the sentence behind every claim.

The small public API (see the README's "As a library"); everything else is importable from the
sub-packages `nutrikg.graph`, `nutrikg.ontology`, `nutrikg.viz` and `nutrikg.api`, which are the
repository's `graph/`, `ontology/`, `viz/` and `api/` folders (no generic names in site-packages).
Imports happen inside the functions, so `import nutrikg` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nutrikg.graph.assemble.build import BuildReport
    from nutrikg.graph.read.kg import KnowledgeGraph
    from nutrikg.graph.read.network import Pathway
    from nutrikg.graph.read.records import ClaimRecord
    from nutrikg.graph.settings import Settings

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__", "build", "claims", "open_graph", "paths", "query"]


def _settings(corpus: Path | None = None, data_dir: Path | None = None) -> Settings:
    from nutrikg.graph.settings import Settings

    given = {"corpus_dir": corpus, "data_dir": data_dir}
    return Settings(**{key: value for key, value in given.items() if value is not None})  # type: ignore[arg-type]


def build(corpus: Path | str | None = None, data_dir: Path | str | None = None) -> BuildReport:
    """Build the graph from a folder of documents (default: the shipped corpus) into `data_dir`
    (default: NUTRIKG_DATA_DIR, else ./data beside the package); returns the build report.
    Raises CorpusError when the folder is missing."""
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.assemble.persist import save_build

    settings = _settings(Path(corpus) if corpus else None, Path(data_dir) if data_dir else None)
    result = build_graph(settings.corpus_dir)
    save_build(result, settings)
    return result.report


def open_graph(data_dir: Path | str | None = None) -> KnowledgeGraph:
    """The built graph, read in place from its store; raises StoreError when none is built."""
    from nutrikg.graph.read.kg import KnowledgeGraph

    return KnowledgeGraph.open(_settings(data_dir=Path(data_dir) if data_dir else None))


def query(kg: KnowledgeGraph, sparql: str) -> list[tuple[str | None, ...]]:
    """The rows of a SPARQL SELECT over the graph (the common prefixes, nm: among them, are
    predeclared), each value as text; raises InvalidQuery for a query that does not parse."""
    from nutrikg.graph.errors import InvalidQuery
    from nutrikg.graph.prefixes import PREFIXES

    try:
        rows = kg.rdf.query(sparql, initNs=dict(PREFIXES))
    except Exception as err:  # rdflib raises its parser's own exception types
        raise InvalidQuery(f"the query does not parse: {err}") from err
    return [tuple(None if value is None else str(value) for value in row) for row in rows]  # type: ignore[union-attr]


def paths(kg: KnowledgeGraph, source: str, target: str, max_hops: int = 4, limit: int = 5) -> list[Pathway]:
    """Causal pathways between two entities (by label, synonym, CURIE or IRI), each hop with its
    evidence and the path's composed sign; raises UnknownEntity for a name that is no entity."""
    from nutrikg.graph.read.network import find_paths

    return find_paths(kg.view, kg.resolve(source), kg.resolve(target), max_hops, True, limit)


def claims(
    kg: KnowledgeGraph, subject: str | None = None, predicate: str | None = None, object: str | None = None
) -> list[ClaimRecord]:
    """The claims about the given entities and relation (any when None), each with its sentence,
    document, sign, hedge and negation; raises UnknownEntity or InvalidQuery for unknown names."""
    from nutrikg.graph.read.queries import RelationFilter, list_relations, resolve_entity, resolve_predicate

    wanted = RelationFilter(
        subject=resolve_entity(kg, subject) if subject else None,
        predicate=resolve_predicate(kg, predicate) if predicate else None,
        object=resolve_entity(kg, object) if object else None,
    )
    return list_relations(kg, wanted)


def __getattr__(name: str) -> object:
    """`nutrikg.KnowledgeGraph`, imported when first asked for."""
    if name == "KnowledgeGraph":
        from nutrikg.graph.read.kg import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(name)
