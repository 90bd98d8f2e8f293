"""The learned reader: a linear model over pairs of grounded mentions in a sentence, beside the
rules. `candidates` makes the pairs and their features, `linear` holds the model and answers
with probabilities, `learned` turns answers into claims and merges them with the rules', and
`training` fits the model on an annotated reader set (`nutrikg train`)."""
