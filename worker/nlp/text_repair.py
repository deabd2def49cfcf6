"""Repair text as printed, keeping every offset tied to the text as submitted.

Extraction reads a *view* of the article: mojibake repaired (`â€œ` back to `“`) and quote marks
made uniform (see ``quote_marks.printed_view``). Quotes are found and attributed on the view, but
the report must point into the article the user sent, so a view is the original text plus a list
of edits, and ``to_original`` maps any view offset back. Edits are local (one mojibake sequence,
one mark), never a whole-text rewrite, so the map stays exact everywhere outside the edited
characters.

Mojibake (UTF-8 read as Windows-1252 or Latin-1, often twice) is repaired with ftfy, one suspect
run of characters at a time: ftfy decides whether a run really decodes, which keeps legitimate
accented text (`José`, `café’s`) untouched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ftfy import fix_encoding

# Bytes 0x80-0xBF as Windows-1252 or Latin-1 show them: the continuation bytes of UTF-8.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Lead bytes 0xC2-0xF4 as Latin-1 letters (`Ã`, `â`, ...).
_SUSPECT_RUN = re.compile(f"(?:[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}})+")
# `”` is E2 80 9D; 0x9D has no Windows-1252 character, so it is often dropped and the closing
# mark is printed as a bare `â€`, which no decoder can restore (ftfy reads `â€ ` as `†`).
_LOST_CLOSER = "â€"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class TextView:
    """A repaired text and the map from its offsets back to the original's."""

    original: str
    text: str
    # One entry per edit: (view start, view end, original start, original end), in order.
    spans: tuple[tuple[int, int, int, int], ...] = ()
    # The view this one was made from, when edits were applied in stages.
    base: TextView | None = None

    @property
    def changed(self) -> bool:
        return bool(self.spans)

    def to_original(self, offset: int) -> int:
        """The original offset of a view boundary. A boundary inside an edit's replacement goes to
        the start of the edited original characters, its end to their end."""
        local = self._to_base(offset)
        return self.base.to_original(local) if self.base is not None else local

    def _to_base(self, offset: int) -> int:
        if not self.spans:
            return offset
        k = bisect.bisect_right(self.spans, (offset, 1 << 62)) - 1
        if k < 0:
            return offset
        _, v_end, o_start, o_end = self.spans[k]
        if offset >= v_end:
            return o_end + (offset - v_end)
        return o_start

    def then(self, edits: Iterable[Edit]) -> TextView:
        """This view with ``edits`` (offsets into ``self.text``) applied on top."""
        later = apply_edits(self.text, edits)
        if not later.changed:
            return self
        return TextView(self.original, later.text, later.spans, self if self.changed else None)


def apply_edits(text: str, edits: Iterable[Edit]) -> TextView:
    """``text`` with non-overlapping ``edits`` applied (overlapping later ones are dropped)."""
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    position, length = 0, 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position or edit.replacement == text[edit.start : edit.end]:
            continue
        parts.append(text[position : edit.start])
        length += edit.start - position
        parts.append(edit.replacement)
        spans.append((length, length + len(edit.replacement), edit.start, edit.end))
        length += len(edit.replacement)
        position = edit.end
    if not spans:
        return TextView(text, text)
    parts.append(text[position:])
    return TextView(text, "".join(parts), tuple(spans))


def mojibake_edits(text: str) -> list[Edit]:
    """Edits for each run of characters that ftfy decodes back to what was meant, one per
    repaired character where the run splits cleanly (so offsets map exactly)."""
    edits: list[Edit] = []
    for match in _SUSPECT_RUN.finditer(text):
        start, run = match.start(), match.group()
        closer = run.endswith(_LOST_CLOSER) and _closing_position(text, match.end())
        head = run[: -len(_LOST_CLOSER)] if closer else run
        fixed = fix_encoding(head) if head else ""
        if fixed != head:
            edits.extend(_per_character(start, head, fixed))
        if closer:
            edits.append(Edit(start + len(head), match.end(), "”"))
    return edits


def _per_character(start: int, run: str, fixed: str) -> list[Edit]:
    """One edit per repaired character when each stands for its UTF-8 bytes in ``run`` (one
    layer of mojibake); otherwise one edit for the whole run."""
    sizes = [len(ch.encode("utf-8")) for ch in fixed]
    if sum(sizes) != len(run):
        return [Edit(start, start + len(run), fixed)]
    edits, at = [], start
    for ch, size in zip(fixed, sizes, strict=True):
        edits.append(Edit(at, at + size, ch))
        at += size
    return edits


def _closing_position(text: str, at: int) -> bool:
    """A closing mark is followed by a space, punctuation or the end, never by a letter."""
    return at >= len(text) or not text[at].isalnum()


def repair(text: str) -> TextView:
    """``text`` with its mojibake repaired, as a view onto the original."""
    return apply_edits(text, mojibake_edits(text))
