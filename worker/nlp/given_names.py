"""Given names and the gender they suggest, from gender-guesser's table.

Its own module because both the mentions (`Billie Jean King`: a title word after a given name is
a surname) and the name index (pronoun agreement) ask it.
"""

from __future__ import annotations

import functools

# Only names borne almost always by one gender count; `mostly_*` names (Lindsey, Bernie) are
# too often the other gender's in the news to overrule a nearer antecedent.
_GUESSES = {"male": "male", "female": "female"}


@functools.cache
def _name_detector() -> object:
    """gender-guesser's given-name table (about 40,000 names, shipped with the package); loaded
    on first use because reading it takes most of a second."""
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


@functools.lru_cache(maxsize=8192)
def given_name_gender(word: str) -> str | None:
    """`male`/`female` when ``word`` is a given name mostly borne by one gender, else None."""
    if len(word) < 2 or not word[:1].isupper() or not word.isalpha():
        return None
    guess = _name_detector().get_gender(word)  # type: ignore[attr-defined]
    return _GUESSES.get(str(guess))
