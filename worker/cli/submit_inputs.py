"""Files to the API's article JSON, for ``quotelens submit``.

- a ``.txt`` (or any other text) file: ``{"source": stem, "text": ...}``;
- a ``.json`` file: its ``source``/``title``/``text`` (as ``quotelens check`` reads it);
- a ``.html``/``.htm`` page: sent as ``html``, so the service extracts the text (the same
  reader as the CLI, but in the worker);
- a URL list (``.urls``, or a text file whose every non-blank line is an http(s) URL, ``#``
  comments allowed): one ``{"url": ...}`` per line, fetched by the worker;
- an http(s) URL given directly: ``{"url": ...}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from worker.cli.inputs import InputError, is_url, read_article, url_source
from worker.records import PrimarySource

_HTML = frozenset({".html", ".htm"})


def _url_article(url: str) -> dict[str, Any]:
    return {"source": url_source(url), "url": url}


def url_list(path: Path) -> list[str] | None:
    """The URLs of a URL-list file, or None when the file is not one."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    entries = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if path.suffix.lower() == ".urls" or (entries and all(is_url(e) for e in entries)):
        bad = [e for e in entries if not is_url(e)]
        if bad:
            raise InputError(f"{path}: not an http(s) URL: {bad[0]!r}")
        return entries
    return None


def _decode_page(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # the worker's reader copes with the page as it is


def file_articles(item: str) -> list[dict[str, Any]]:
    """The article JSON objects one command-line item stands for."""
    if is_url(item):
        return [_url_article(item)]
    path = Path(item)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in _HTML:
        page = _decode_page(path.read_bytes())
        if not page.strip():
            raise InputError(f"{path}: the page is empty")
        return [{"source": path.stem, "html": page}]
    urls = url_list(path)
    if urls is not None:
        if not urls:
            raise InputError(f"{path}: the URL list is empty")
        return [_url_article(url) for url in urls]
    article = read_article(path, path.stem)
    body: dict[str, Any] = {"source": article.source, "text": article.text}
    if article.title:
        body["title"] = article.title
    return [body]


def primary_payload(source: PrimarySource) -> dict[str, Any]:
    body: dict[str, Any] = {"source": source.source, "text": source.text, "primary": True}
    if source.speaker:
        body["speaker"] = source.speaker
    return body


def collect(items: Sequence[str]) -> list[dict[str, Any]]:
    """Every article of every item, or an InputError naming each bad one."""
    articles: list[dict[str, Any]] = []
    problems = []
    for item in items:
        try:
            articles.extend(file_articles(item))
        except InputError as error:
            problems.append(str(error))
    if problems:
        raise InputError("\n".join(problems))
    return articles


__all__ = ["collect", "primary_payload", "url_list"]
