"""Reading the CLI's articles (text, JSON or HTML files, and http(s) URLs), with errors that
name the file or URL instead of a traceback.

A saved web page and a URL go through the same page reader as the service (``worker.ingest``),
so ``quotelens check page.html`` sees the article text the API would see, without the page's
navigation and share buttons. A URL is fetched under the service's address policy: loopback is
refused unless ``--allow-loopback`` (or ``FETCH_ALLOW_LOOPBACK``) says otherwise.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from worker.ingest import FetchPolicy, IngestError, page_from_html, page_from_url
from worker.records import Article

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_URL = re.compile(r"^https?://", re.IGNORECASE)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")

Input = str | Path


class InputError(Exception):
    """A file that cannot become an article; the message names the file and the reason."""


def is_url(item: Input) -> bool:
    return isinstance(item, str) and bool(_URL.match(item))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    if b"\x00" in data:
        raise InputError(f"{path}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid UTF-8 (byte {error.start})") from None


def _from_json(path: Path, raw: str) -> tuple[str, str | None, str]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: invalid JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(f'{path}: JSON must be an object with a "text" string')
    source = data.get("source") if isinstance(data.get("source"), str) else path.stem
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return str(source), title, str(data["text"])


def _from_html(path: Path) -> tuple[str | None, str]:
    """Title and article text of a saved page (bytes: the page's own charset is honoured)."""
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(f"{path}: the article text is empty")
    try:
        page = page_from_html(data)
    except IngestError as error:
        raise InputError(f"{path}: {error}") from None
    return page.title, page.text


def read_article(path: Path, article_id: str) -> Article:
    """A text, JSON or HTML file as an article (source: file stem, or the JSON's source)."""
    suffix = path.suffix.lower()
    title: str | None = None
    if suffix in _HTML_SUFFIXES:
        source = path.stem
        title, text = _from_html(path)
    elif suffix == ".json":
        source, title, text = _from_json(path, _read_text(path))
    else:
        source, text = path.stem, _read_text(path)
    if not text.strip():
        raise InputError(f"{path}: the article text is empty")
    return Article(id=article_id, source=source, title=title, text=text)


def url_source(url: str) -> str:
    """A URL's outlet name: its host, plus the page's stem when the path names one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    stem = PurePosixPath(parts.path).stem
    return f"{host}/{stem}" if stem else host


def read_url(url: str, article_id: str, policy: FetchPolicy) -> Article:
    """Fetch and read a web page; fetch and extraction problems name the URL."""
    try:
        page = page_from_url(url, policy)
    except IngestError as error:
        raise InputError(f"{url}: {error}") from None
    return Article(id=article_id, source=url_source(url), title=page.title, text=page.text, url=url)


def _stem(item: Input) -> str:
    if is_url(item):
        return _ID_UNSAFE.sub("-", url_source(str(item))).strip("-")
    return Path(item).stem


def unique_ids(items: Sequence[Input]) -> list[str]:
    """File stems (URLs: host and stem) as article ids, suffixed where two share a stem."""
    seen: dict[str, int] = {}
    ids = []
    for item in items:
        stem = _stem(item) or "article"
        seen[stem] = seen.get(stem, 0) + 1
        ids.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return ids


def fetch_policy(allow_loopback: bool = False) -> FetchPolicy:
    """The service's fetch settings; ``allow_loopback`` (the CLI flag) can only widen them."""
    from worker.settings import get_settings

    policy = FetchPolicy.from_settings(get_settings())
    return dataclasses.replace(policy, allow_loopback=True) if allow_loopback else policy


def read_articles(items: Sequence[Input], *, allow_loopback: bool = False) -> list[Article]:
    """All articles, or an InputError listing every bad file or URL at once."""
    policy = fetch_policy(allow_loopback) if any(is_url(item) for item in items) else None
    articles, problems = [], []
    for item, article_id in zip(items, unique_ids(items), strict=True):
        try:
            if policy is not None and is_url(item):
                articles.append(read_url(str(item), article_id, policy))
            else:
                articles.append(read_article(Path(item), article_id))
        except InputError as error:
            problems.append(str(error))
    if problems:
        raise InputError("\n".join(problems))
    return articles
