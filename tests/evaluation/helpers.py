"""Builders for hand-made gold stories and report dicts used by the scorer tests."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from worker.evaluation.gold import GoldStory, load_story
from worker.records import Article, ExtractedArticle, Quote


def write_story(folder: Path, spec: dict[str, Any], texts: dict[str, str] | None = None) -> Path:
    """Write a gold json plus article files; article text defaults to its quotes in marks."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = texts or {}
    for source, article in spec["articles"].items():
        article.setdefault("file", f"{source}.txt")
        text = texts.get(source)
        if text is None:
            parts = [f"“{q[0]}” someone said." for q in article["quotes"].values()]
            parts += [f"The “{o}” thing." for o in article.get("optional", [])]
            text = "\n".join(parts)
        (folder / article["file"]).write_text(text, encoding="utf-8")
    path = folder / f"{spec['story']}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def make_story(folder: Path, spec: dict[str, Any], **kwargs: Any) -> GoldStory:
    """Write and load a gold story in one step."""
    return load_story(write_story(folder, spec, **kwargs))


def report(
    quotes: dict[str, list[tuple[str, str, str | None]]],
    comparisons: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A report dict: ``quotes`` maps article source to (id, text, speaker) triples."""
    return {
        "schema": "quotelens.report/1",
        "articles": [
            {
                "id": source,
                "source": source,
                "quotes": [{"id": i, "text": t, "speaker": s} for i, t, s in items],
            }
            for source, items in quotes.items()
        ],
        "comparisons": comparisons or [],
    }


def compare(
    a: str, b: str, wording: str, severity: str | None = None, same_speaker: bool = True
) -> dict[str, Any]:
    """One comparison entry of a report dict."""
    return {"a": a, "b": b, "wording": wording, "severity": severity, "same_speaker": same_speaker}


def extracted(
    articles: Sequence[Article], found: Mapping[str, Sequence[tuple[str, str]]], first: int = 0
) -> list[ExtractedArticle]:
    """Articles as if extraction had found ``found[article.id]`` (text, speaker) in each."""
    return [
        ExtractedArticle(
            article,
            tuple(
                Quote(
                    id=f"{article.id}-q{n}",
                    text=text,
                    start=0,
                    end=len(text),
                    speaker=speaker,
                    speaker_mention=speaker,
                    cue="said",
                )
                for n, (text, speaker) in enumerate(found[article.id], start=first)
            ),
        )
        for article in articles
    ]
