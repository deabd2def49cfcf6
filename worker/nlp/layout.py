"""Layout that names a speaker without a reporting verb: a signature after the quote.

Fact-checks, roundups and pull quotes print a quotation and sign it on the same or the next
line (`“...” ― Bernie Sanders`, `"..."` then `- Sen. Ann Voss, on Tuesday.`). No parse finds
that speaker: the dash and the line break are the cue.
"""

from __future__ import annotations

import re

_NAME_WORD = r"[A-Z][\w.’'-]*"
_SIGNATURE = re.compile(
    r"[ \t]*(?:\n[ \t]*)*[-―—–]{1,2}[ \t]*"
    rf"((?:{_NAME_WORD}[ \t]+){{0,4}}{_NAME_WORD})"
    r"(?=[ \t]*(?:[,.]|\n|$))"
)
_LOOKAHEAD = 160


def signature_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of the name signing the quote that closes at ``end``, if one does."""
    match = _SIGNATURE.match(text[end : end + _LOOKAHEAD])
    if match is None:
        return None
    name = match.group(1).rstrip(".")
    return end + match.start(1), end + match.start(1) + len(name)
