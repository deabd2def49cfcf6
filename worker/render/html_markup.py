"""The report page's template environment, and the element ids its parts agree on.

Every string on the page comes from articles written by others, so the templates are rendered
with autoescape on: a value is escaped unless it is the output of another template macro or one
of the page's own package files (style and script). Element ids are derived from report ids,
which may contain any character, so they are reduced to a safe alphabet in one place and links
and targets always agree. The word diff is marked up with ``<del>``/``<ins>`` (and ``<mark>``
around a replacement) in ``templates/markup.html.j2``, which keeps its meaning without colour.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import jinja2

from worker.render.common import segments

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")


def dom_id(prefix: str, *parts: str) -> str:
    """An element id from report ids (ids may not contain spaces or markup characters)."""
    return "-".join([prefix, *(_ID_UNSAFE.sub("-", part) for part in parts)])


def quote_anchor(quote_id: str) -> str:
    """The element id of a quote in its article's text."""
    return dom_id("quote", quote_id)


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` may be a link on the page (http/https only; a link is navigation, not a
    resource, so the page still loads nothing from elsewhere)."""
    return bool(url) and urlsplit(url or "").scheme.lower() in ("http", "https")


def package_text(name: str) -> str:
    """A text file shipped in this package (``report.css``, ``report.js``), stripped."""
    return (files("worker.render") / name).read_text(encoding="utf-8").strip()


@cache
def environment() -> jinja2.Environment:
    """The templates under ``worker/render/templates``, autoescaped, strict about names."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("worker.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        dom_id=dom_id, quote_anchor=quote_anchor, is_web_url=is_web_url, segments=segments
    )
    return env


def macro(template: str, name: str, *args: Any) -> str:
    """Call one macro of a template from Python (the article-text marking is tested alone)."""
    module = environment().get_template(template).module
    return str(getattr(module, name)(*args))
