"""Hand-made extraction records for tests that need a quote without running spaCy."""

from __future__ import annotations

from typing import Any

from worker.records import Quote, SpeakerType


def quote_record(
    qid: str,
    text: str,
    speaker: str | None,
    *,
    start: int = 0,
    end: int | None = None,
    mention: str | None = None,
    cue: str | None = "said",
    speaker_type: SpeakerType | None = None,
    **more: Any,
) -> Quote:
    """A quote of ``text`` printed at ``start`` that ``speaker`` said: the mention defaults to
    the speaker's name and the quote ends where ``text`` does (``end`` for one that does not,
    as a quote split around its attribution)."""
    return Quote(
        id=qid,
        text=text,
        start=start,
        end=start + len(text) if end is None else end,
        speaker=speaker,
        speaker_type=speaker_type,
        speaker_mention=speaker if mention is None else mention,
        cue=cue,
        **more,
    )
