"""The one error type of ingestion, worded for the person who submitted the article.

Its message ends up in the story's progress (``articles.error``) and in CLI error lines, so it
says what happened in plain words ("fetch refused: address 10.0.0.5 is a private address").
``permanent`` tells the extraction job whether another attempt could succeed: a refused
address or a PDF will not change, a timeout or a 503 might.
"""

from __future__ import annotations


class IngestError(Exception):
    """A page that could not be turned into article text."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
