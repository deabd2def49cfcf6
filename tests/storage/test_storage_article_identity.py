"""Migration 0004 and wire copies: an article's identity includes its source."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.records_helpers import quote_record
from tests.storage.storage_helpers import make_story
from worker.checker import build_report
from worker.storage import articles
from worker.storage.articles import NewArticle, submit_articles
from worker.storage.db import make_engine
from worker.storage.migrate import downgrade, upgrade

BEFORE = "0003_encrypted_webhook_secrets"
COLUMNS = (
    "id, story_id, source, is_primary, text, content_hash, status, attempts, quotes, "
    "created_at, updated_at, submitted_as"
)
VALUES = (
    ":id, 's', :source, false, 'Wire text.', 'h', 'done', 1, '[]', '2026-01-01', '2026-01-01', "
    "'text'"
)
BEFORE_ROW = text(f"INSERT INTO articles ({COLUMNS}) VALUES ({VALUES})")
AFTER_ROW = text(f"INSERT INTO articles ({COLUMNS}, source_key) VALUES ({VALUES}, :key)")


def _unique_sets(url: str) -> list[list[str]]:
    engine = make_engine(url)
    try:
        found = inspect(engine).get_unique_constraints("articles")
    finally:
        engine.dispose()
    return sorted(list(c["column_names"]) for c in found)


def _story(conn: Connection) -> None:
    conn.execute(text("INSERT INTO tenants (id, name, created_at) VALUES (1, 't', '2026-01-01')"))
    conn.execute(
        text(
            "INSERT INTO stories (id, tenant_id, name, webhook_secret, webhook_disabled, "
            "report_version, created_at, updated_at) VALUES ('s', 1, 'n', 'x', false, 0, "
            "'2026-01-01', '2026-01-01')"
        )
    )


def test_existing_articles_get_their_source_key_and_copies_become_possible(
    empty_url: str,
) -> None:
    upgrade(empty_url, BEFORE)
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            _story(conn)
            conn.execute(BEFORE_ROW, {"id": "a", "source": "  Harbor  Herald "})
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.execute(BEFORE_ROW, {"id": "b", "source": "coast-daily"})
        upgrade(empty_url)
        assert ["story_id", "source_key", "content_hash"] in _unique_sets(empty_url)
        with engine.begin() as conn:
            key = conn.execute(text("SELECT source_key FROM articles WHERE id = 'a'")).scalar()
            assert key == "harbor herald"
            # The same text from another source is now a second article ...
            conn.execute(AFTER_ROW, {"id": "b", "source": "coast-daily", "key": "coast-daily"})
            # ... but not from the same source.
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.execute(AFTER_ROW, {"id": "c", "source": "Harbor Herald", "key": key})
            conn.execute(text("DELETE FROM articles WHERE id = 'b'"))
        downgrade(empty_url, BEFORE)
        assert _unique_sets(empty_url) == [["story_id", "content_hash"]]
        assert "source_key" not in {c["name"] for c in inspect(engine).get_columns("articles")}
        with engine.connect() as conn:
            source = conn.execute(text("SELECT source FROM articles")).scalar_one()
        assert source == "  Harbor  Herald "
    finally:
        engine.dispose()


def test_a_stored_wire_copy_reaches_the_report_as_two_marked_articles(db_session: Session) -> None:
    """What the story check job builds from storage: both mastheads, marked as copies."""
    story = make_story(db_session)
    wire = '"We will rebuild the sea wall, and this time it will hold," Mayor Ana Ortega said.'
    said = "We will rebuild the sea wall, and this time it will hold,"
    results = submit_articles(
        db_session,
        story.id,
        [NewArticle(source=name, text=wire) for name in ("harbor-herald", "coast-daily")],
    )
    for result in results:
        articles.claim_article(db_session, result.id)
        quote = quote_record(f"{result.id}-q1", said, "Ana Ortega", start=1, mention="Ortega")
        articles.store_quotes(db_session, result.id, [quote])
    db_session.commit()
    report = build_report(articles.story_extracted_articles(db_session, story.id))
    # Submitted in one batch, the two may share a timestamp: the report's order is storage's.
    first, second = report.articles
    assert {first.id, second.id} == {r.id for r in results}
    assert {first.source, second.source} == {"harbor-herald", "coast-daily"}
    assert (first.copy_of, first.copies) == (None, [second.id])
    assert (second.copy_of, second.copies) == (first.id, [first.id])
    assert [c.verdict for c in report.clusters] == ["consistent"]
