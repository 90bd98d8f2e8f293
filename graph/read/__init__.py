"""Everything the API and the explorer may import: the opened graph, its tables and claims,
entities, the network and its paths, exports, and the pattern-query compiler."""
