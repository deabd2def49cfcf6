"""Turn quoted text into words that can be compared across outlets.

Two outlets printing the same sentence rarely produce the same characters: one uses curly
quotes, another straight ones; one writes ``[and]``, the other ``(and)``; one ends on a comma,
the other on a full stop; one capitalises the first word because its quote starts a sentence.
None of that is a misquote, so it is removed here, once, before any comparison. What remains
(the words, their order, and where an ellipsis marks an omission) is what the checker compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
# Spelling variants of the same words, rewritten in this order: an editor's ``[sic]`` goes, ``%``
# and ``&`` become words, white space becomes single spaces.
_REWRITES = (
    (re.compile(r"\s*[\[(]\s*sic\s*[\])]", re.IGNORECASE), ""),
    (re.compile(r"\s*%"), " percent"),
    (re.compile(r"\s+&\s+"), " and "),
    (re.compile(r"\s+"), " "),
)
# Three or more dots (``...``, ``. . .``, ``…`` after NFKC), optionally bracketed ``[...]``.
_ELLIPSIS = re.compile(r"\s*[\[(]?\s*(?:\.\s*){2}\.[\])]?\s*")
_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
# A word, possibly with an editor's case change in front (``[T]he``), internal apostrophes and
# dots (``we're``, ``U.S``, ``12.5``) or thousands separators (``1,000``).
_WORD = re.compile(
    r"(?P<edit>\[[^\W\d_]{1,3}\])?"
    r"(?P<word>\d{1,3}(?:,\d{3})+(?:\.\d+)?|[^\W_]+(?:['.][^\W_]+)*)"
)
_SENTENCE_BREAKS = frozenset('.!?:;"\n')
_NUMERIC = re.compile(r"^[\d.,]+$")


@dataclass(frozen=True, slots=True)
class Word:
    """One quoted word.

    ``key`` is what alignment compares (case, accents and abbreviation dots folded), ``form``
    keeps the case so mid-sentence capitalisation changes can still be seen, and ``initial``
    says the case of the first letter carries no information (sentence start, or an editor's
    ``[T]he``).
    """

    text: str
    key: str
    form: str
    initial: bool
    editorial: bool


@dataclass(frozen=True, slots=True)
class NormalisedQuote:
    """A quote as comparable words.

    ``pieces`` are the runs between omission ellipses; ``boundaries`` are the word positions
    where an omission was marked (never 0 or the end), i.e. where the other quote may hold
    words this one left out without that being a change.
    """

    words: tuple[Word, ...]
    pieces: tuple[tuple[int, int], ...]
    keys: tuple[str, ...]
    boundaries: frozenset[int]

    def __len__(self) -> int:
        return len(self.words)


def unify_typography(text: str) -> str:
    """One spelling of the typography: quotes, apostrophes, dashes, spaces, ``%``, ``[sic]``."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text.strip()


def split_pieces(text: str) -> list[str]:
    """The parts of a quote between ellipses; each is a contiguous run of the speaker's words."""
    pieces = _ELLIPSIS.split(unify_typography(text))
    return [piece.strip() for piece in pieces if any(ch.isalnum() for ch in piece)]


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=262144)
def word_form(text: str) -> str:
    """The word with accents, abbreviation dots and thousands separators removed, case kept."""
    folded = _fold_accents(text)
    return folded.replace(",", "") if _NUMERIC.match(folded) else folded.replace(".", "")


def _piece_words(piece: str) -> list[Word]:
    bracketed = "[" in piece or "(" in piece
    brackets = [match.span() for match in _BRACKETED.finditer(piece)] if bracketed else []
    words: list[Word] = []
    previous_end = 0
    for match in _WORD.finditer(piece):
        core = match.group("word")
        edit = match.group("edit")
        text = (edit[1:-1] + core) if edit else core
        core_start = match.start("word")
        gap = piece[previous_end : match.start()]
        initial = not words or not _SENTENCE_BREAKS.isdisjoint(gap) or edit is not None
        editorial = bracketed and any(start < core_start < end for start, end in brackets)
        form = word_form(text)
        words.append(Word(text, form.lower(), form, initial, editorial))
        previous_end = match.end()
    return words


def normalise_quote(text: str) -> NormalisedQuote:
    """Words and omission pieces of one quote's text."""
    words: list[Word] = []
    pieces: list[tuple[int, int]] = []
    for piece in split_pieces(text):
        piece_words = _piece_words(piece)
        if piece_words:
            pieces.append((len(words), len(words) + len(piece_words)))
            words.extend(piece_words)
    return NormalisedQuote(
        words=tuple(words),
        pieces=tuple(pieces),
        keys=tuple(word.key for word in words),
        boundaries=frozenset(start for start, _ in pieces[1:]),
    )
