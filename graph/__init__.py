"""Nutrient-mechanism knowledge graph: documents -> claims -> RDF -> networkx."""
