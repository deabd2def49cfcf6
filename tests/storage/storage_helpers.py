"""Small builders for storage tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from worker.storage import stories
from worker.storage.articles import NewArticle, submit_articles
from worker.storage.keys import get_or_create_tenant
from worker.storage.models import ArticleRow, StoryRow


def make_story(session: Session, tenant: str = "acme", webhook_url: str | None = None) -> StoryRow:
    t = get_or_create_tenant(session, tenant)
    story = stories.create_story(session, t.id, "Summit", webhook_url=webhook_url)
    session.commit()
    return story


def add_article(session: Session, story_id: str, text: str, source: str = "wire") -> ArticleRow:
    [result] = submit_articles(session, story_id, [NewArticle(source=source, text=text)])
    session.commit()
    row = session.get(ArticleRow, result.id)
    assert row is not None
    return row
