"""Hand-written ontology of nutrient mechanisms, loaded as package data."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).parent
ONTOLOGY_FILES = ("nutrikg.ttl", "entities.ttl")
SHAPES_FILE = "shapes.ttl"
# Standard terms derived from the public ontologies by ontology/derive/ (see derived/README.md)
DERIVED_VOCABULARY = "derived/vocabulary.tsv.gz"
