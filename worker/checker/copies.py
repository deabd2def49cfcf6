"""Wire copies: the same article text published under two mastheads.

A wire story is often carried word for word by several outlets. Each is an outlet's own
publication (it chose to run the story, under its name), so each stays an article and its
quotes take part in the check like any other: two outlets carrying the same copy are two outlets
agreeing. But a reader weighing that agreement needs to know the words came from one source, so
the report marks the articles as copies of each other.

Copies are texts equal after the light normalisation storage de-duplicates by (Unicode NFC,
runs of whitespace collapsed, ends trimmed); an edited copy (a new headline line, a trimmed last
paragraph) is not marked. Primary sources are reference texts, never copies (they are not
articles, so they never come here); an empty text is no evidence of anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from worker.records import Article

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Copies:
    """Of one article: the first article with its text (``None`` if it is that one) and the
    other articles with the same text, in input order."""

    copy_of: str | None
    copies: tuple[str, ...]


def _text_key(text: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def find_copies(articles: Sequence[Article]) -> dict[str, Copies]:
    """Every article that has a copy in the story, by id; articles without one are left out."""
    groups: dict[str, list[str]] = {}
    for article in articles:
        key = _text_key(article.text)
        if key:
            groups.setdefault(key, []).append(article.id)
    found: dict[str, Copies] = {}
    for ids in groups.values():
        if len(ids) < 2:
            continue
        for article_id in ids:
            others = tuple(other for other in ids if other != article_id)
            found[article_id] = Copies(None if article_id == ids[0] else ids[0], others)
    return found
