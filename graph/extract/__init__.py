"""Document -> Extraction: reading one document into mentions, claims, doses and statistics.

Knows nothing of stores or RDF: corpus loading, sentences, the vocabulary and entity matching,
coreference, masking, cues and modality, argument finding, the rule table, quantities.
"""
