"""nutrikg: a knowledge graph of nutrient mechanisms, with the sentence behind every claim.

The repository keeps the card's folders (`graph/`, `ontology/`, `viz/`, `api/`) at its top level;
installed, they are the sub-packages `nutrikg.graph`, `nutrikg.ontology`, `nutrikg.viz` and
`nutrikg.api`, so nothing generic is claimed in site-packages.
"""

__version__ = "0.1.0"
