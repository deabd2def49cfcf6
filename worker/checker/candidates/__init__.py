"""Candidates: which pairs of quotes are worth aligning at all.

``blocking`` proposes pairs that share rare word trigrams (the story stays near-linear), and
``prefilter`` drops those that fail a cheap test every link rule implies.
"""
