"""Benchmarks of nutrikg against plain rdflib, rdflib-endpoint and in-process pyoxigraph."""
