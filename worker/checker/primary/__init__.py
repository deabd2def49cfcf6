"""Primary sources: each quote checked against the statement or transcript it came from.

``passages`` reads a primary source into one passage per speaker, ``match`` finds a quote's
words in a passage, and ``checks`` grades every quote (verified, contradicted, not found,
misattributed) and sums up a cluster.
"""
