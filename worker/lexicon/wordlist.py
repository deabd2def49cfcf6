"""How the lexicon writes a word list: as running text, for readability."""

from __future__ import annotations


def words_of(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (a list written as running text)."""
    return frozenset(text.split())
