"""Test doubles for the worker tests: a regex extractor, a tiny report builder, factories.

They keep the job tests independent of spaCy and the checker (those are tested on their
own and end to end in tests/e2e).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from worker import records
from worker.storage import stories
from worker.storage.articles import NewArticle, get_article, submit_articles
from worker.storage.keys import get_or_create_tenant
from worker.storage.models import ArticleRow, StoryRow

QUOTE = re.compile(r'"([^"]+)"')
FAIL_MARKER = "FAIL-EXTRACTION"


def fake_extract(article: records.Article) -> records.ExtractedArticle:
    if FAIL_MARKER in article.text:
        raise RuntimeError("poison article")
    quotes = tuple(
        records.Quote(
            id=f"{article.id}-q{n}",
            text=match.group(1),
            start=match.start(1),
            end=match.end(1),
            speaker="Speaker",
            speaker_mention="Speaker",
            cue="said",
            speaker_type="person",
            spans=((match.start(1), match.end(1)),),
        )
        for n, match in enumerate(QUOTE.finditer(article.text), start=1)
    )
    return records.ExtractedArticle(article=article, quotes=quotes)


def fake_build(
    articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource] = ()
) -> dict[str, Any]:
    return {
        "schema": "fake.report/1",
        "articles": [a.article.id for a in articles] + [p.id for p in primaries],
        "quotes": sorted(q.text for a in articles for q in a.quotes),
    }


def make_story(session: Session, webhook_url: str | None = None, tenant: str = "t1") -> StoryRow:
    owner = get_or_create_tenant(session, tenant)
    story = stories.create_story(session, owner.id, "story", webhook_url=webhook_url)
    session.commit()
    return story


def add_articles(session: Session, story_id: str, texts: Sequence[str]) -> list[ArticleRow]:
    results = submit_articles(
        session, story_id, [NewArticle(source=f"src{i}", text=t) for i, t in enumerate(texts)]
    )
    session.commit()
    return [get_article(session, r.id) for r in results]


@dataclass
class RecordingEnqueuer:
    """An ``Enqueuer`` that collects requests instead of sending them."""

    extracted: list[str] = field(default_factory=list)
    checks: list[tuple[str, float]] = field(default_factory=list)
    deliveries: list[str] = field(default_factory=list)

    def extract_article(self, article_id: str) -> None:
        self.extracted.append(article_id)

    def check_story(self, story_id: str, countdown: float = 0.0) -> None:
        self.checks.append((story_id, countdown))

    def deliver_webhook(self, delivery_id: str) -> None:
        self.deliveries.append(delivery_id)
