"""Matching and diffs: is a candidate pair the same quotation, and what changed.

``align`` lines up two quotes' words, ``changes`` names each difference, ``wording`` holds the
link rules (identical, excerpt, variant), ``linker`` judges each distinct pair once and makes the
``Link``, ``cluster`` joins links into quotations, ``diffs`` shows the word diff, and
``renderings`` chooses which pairs of a large cluster are compared.
"""
