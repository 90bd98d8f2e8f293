"""Extraction -> RDF (the master copy) -> disk: the RDF writer, builds, incremental adds,
persistence into the store, loading other RDF, SHACL validation."""
