"""Is a word a real English word? Asked of a frequency list, not of edit distance.

``price`` and ``prize`` are one letter apart, as are ``goverment`` and ``government``; only the
second pair is a misspelling. Edit distance cannot tell them apart, a word list can: both
``price`` and ``prize`` are common words, ``goverment`` is not. The list is wordfreq's English
data (shipped inside the package, read offline). A word counts as real at a Zipf frequency of
3.0 or more (about once per million words): typos of common words, even frequent ones such as
``untill`` or ``seperate``, stay below it, while the words an outlet could put in place of
another (``dessert``, ``statute``, ``expand``) are above it.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

REAL_WORD_ZIPF = 3.0


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    """A word common enough in English that writing it is a choice, not a slip."""
    return zipf_frequency(word, "en") >= REAL_WORD_ZIPF
