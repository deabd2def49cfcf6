"""Reading article files for the CLI, with errors that name the file instead of a traceback."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from worker.records import Article


class InputError(Exception):
    """A file that cannot become an article; the message names the file and the reason."""


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
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


def read_article(path: Path, article_id: str) -> Article:
    raw = _read_text(path)
    if path.suffix.lower() == ".json":
        source, title, text = _from_json(path, raw)
    else:
        source, title, text = path.stem, None, raw
    if not text.strip():
        raise InputError(f"{path}: the article text is empty")
    return Article(id=article_id, source=source, title=title, text=text)


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """File stems as article ids, suffixed where two files share a stem."""
    seen: dict[str, int] = {}
    ids = []
    for path in paths:
        stem = path.stem or "article"
        seen[stem] = seen.get(stem, 0) + 1
        ids.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return ids


def read_articles(paths: Sequence[Path]) -> list[Article]:
    """All articles, or an InputError listing every bad file at once."""
    articles, problems = [], []
    for path, article_id in zip(paths, unique_ids(paths), strict=True):
        try:
            articles.append(read_article(path, article_id))
        except InputError as error:
            problems.append(str(error))
    if problems:
        raise InputError("\n".join(problems))
    return articles
