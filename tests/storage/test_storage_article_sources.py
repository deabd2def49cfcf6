"""Migration 0002 and the storage of articles submitted as a page or a URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from worker.storage.articles import NewArticle, store_page_text, submission_hash, submit_articles
from worker.storage.db import make_engine
from worker.storage.keys import get_or_create_tenant
from worker.storage.migrate import downgrade, upgrade
from worker.storage.models import ArticleRow
from worker.storage.stories import create_story


def test_existing_articles_become_text_submissions_and_the_downgrade_keeps_them(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'upgrade.db'}"
    upgrade(url, "0001_initial")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO tenants (id, name, created_at) VALUES (1, 't', '2026-01-01')")
            )
            conn.execute(
                text(
                    "INSERT INTO stories (id, tenant_id, name, webhook_secret, webhook_disabled, "
                    "report_version, created_at, updated_at) VALUES ('s', 1, 'n', 'x', 0, 0, "
                    "'2026-01-01', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO articles (id, story_id, source, is_primary, text, content_hash, "
                    "status, attempts, quotes, created_at, updated_at) "
                    "VALUES ('a', 's', 'wire', 0, "
                    "'Some text.', 'h', 'done', 1, '[]', '2026-01-01', '2026-01-01')"
                )
            )
        upgrade(url, "0002_article_sources")
        with engine.connect() as conn:
            row = conn.execute(text("SELECT submitted_as, html, author FROM articles")).one()
        assert tuple(row) == ("text", None, None)
        downgrade(url, "0001_initial")
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert not {"submitted_as", "html", "author"} & columns
        with engine.connect() as conn:
            assert conn.execute(text("SELECT text FROM articles")).scalar_one() == "Some text."
    finally:
        engine.dispose()


def _story(session: Session) -> str:
    tenant = get_or_create_tenant(session, "acme")
    return create_story(session, tenant.id, "story").id


def test_only_known_submission_kinds_are_stored(db_session: Session) -> None:
    story_id = _story(db_session)
    (row,) = submit_articles(db_session, story_id, [NewArticle(source="a", text="t")])
    db_session.commit()
    with pytest.raises(IntegrityError):
        db_session.execute(
            text("UPDATE articles SET submitted_as = 'pdf' WHERE id = :id"), {"id": row.id}
        )
        db_session.flush()


def test_pages_and_urls_are_deduplicated_by_what_was_submitted(db_session: Session) -> None:
    story_id = _story(db_session)
    items = [
        NewArticle(source="a", text="", submitted_as="url", url="https://example.org/1"),
        NewArticle(source="b", text="", submitted_as="url", url="https://example.org/2"),
        NewArticle(source="c", text="", submitted_as="html", html="<p>One page</p>"),
        NewArticle(source="a", text="", submitted_as="url", url="https://example.org/1"),
    ]
    results = submit_articles(db_session, story_id, items)
    assert [r.duplicate for r in results] == [False, False, False, True]
    assert results[3].id == results[0].id
    assert submission_hash(items[2]) != submission_hash(
        NewArticle(source="c", text="<p>One page</p>")
    )
    page = db_session.get(ArticleRow, results[2].id)
    assert page is not None and page.html == "<p>One page</p>" and page.submitted_as == "html"


def test_page_text_keeps_the_clients_metadata(db_session: Session) -> None:
    from datetime import UTC, datetime

    story_id = _story(db_session)
    (given, bare) = submit_articles(
        db_session,
        story_id,
        [
            NewArticle(source="a", text="", submitted_as="html", html="<p>1</p>", title="Ours"),
            NewArticle(source="b", text="", submitted_as="html", html="<p>2</p>"),
        ],
    )
    db_session.commit()
    published = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    for result in (given, bare):
        store_page_text(
            db_session,
            result.id,
            "Text.",
            title="Page title",
            published_at=published,
            author="Mara",
        )
    db_session.commit()
    db_session.expire_all()
    first, second = (db_session.get(ArticleRow, r.id) for r in (given, bare))
    assert first is not None and second is not None
    assert (first.text, first.title, first.author) == ("Text.", "Ours", "Mara")
    assert (second.title, second.published_at) == ("Page title", published)
