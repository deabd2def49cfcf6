"""Text forms: a quote as comparable words.

``normalise`` turns a quote into words and omission pieces (one typography, folded keys);
``spelling`` and ``real_words`` tell a misspelling from a changed word; ``vocabulary`` holds the
closed word classes (function words, numbers, negations) that grade a change.
"""
