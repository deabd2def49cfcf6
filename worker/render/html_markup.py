"""Markup pieces every part of the HTML report uses: escaping, element ids, the word diff.

Every string on the page comes from articles written by others, so nothing is interpolated
without ``esc``. Element ids are derived from report ids, which may contain any character, so
they are reduced to a safe alphabet in one place and links and targets always agree. The word
diff is marked up with ``<del>``/``<ins>`` (and ``<mark>`` around a replacement), which keeps
its meaning without colour, as strike-through and underline, for readers who cannot tell the
colours apart; the change kind is the element's ``title``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from urllib.parse import urlsplit

from worker.checker.report import DiffOp
from worker.render.common import Segment, segments

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")


def esc(text: str | None) -> str:
    """Text and attribute-safe HTML for ``text`` (None is empty)."""
    return escape(text or "", quote=True)


def dom_id(prefix: str, *parts: str) -> str:
    """An element id from report ids (ids may not contain spaces or markup characters)."""
    return "-".join([prefix, *(_ID_UNSAFE.sub("-", part) for part in parts)])


def quote_anchor(quote_id: str) -> str:
    """The element id of a quote in its article's text."""
    return dom_id("quote", quote_id)


def _segment_html(segment: Segment) -> str:
    old, new = esc(" ".join(segment.old)), esc(" ".join(segment.new))
    title = f' title="{esc(segment.change)}"' if segment.change else ""
    if segment.kind == "same":
        return new
    if segment.kind == "gap":
        return '<span class="gap" title="not in both quotes">…</span>'
    if segment.kind == "editorial":
        return f'<span class="gap" title="editorial insertion">[{new or old}]</span>'
    if segment.kind == "inserted":
        return f"<ins{title}>{new}</ins>"
    if segment.kind == "deleted":
        return f"<del{title}>{old}</del>"
    return f"<mark{title}><del>{old}</del> <ins>{new}</ins></mark>"


def diff_html(diff: Sequence[DiffOp]) -> str:
    """The second text's words with the first's differing words struck through in place."""
    return " ".join(_segment_html(segment) for segment in segments(diff))


def external_link(url: str | None, label: str) -> str:
    """A link to where an article was published (http/https only), else the label alone.

    A link is navigation, not a resource: the page still loads nothing from elsewhere.
    """
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return esc(label)
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(label)}</a>'
