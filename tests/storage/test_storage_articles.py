"""Article submission, de-duplication and the extraction state machine."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tests.storage.storage_helpers import add_article, make_story
from worker.records import Quote
from worker.storage import articles
from worker.storage.articles import NewArticle, content_hash, submit_articles
from worker.storage.models import ArticleRow
from worker.storage.types import utcnow

QUOTE = Quote(
    id="a-q1",
    text="We will win",
    start=1,
    end=12,
    speaker="Jane Doe",
    speaker_mention="Doe",
    cue="said",
    speaker_type="person",
    spans=((1, 12),),
)


def test_content_hash_ignores_whitespace_differences() -> None:
    assert content_hash("A  quote\n said  she.") == content_hash(" A quote said she. ")
    assert content_hash("A quote") != content_hash("a quote")


def test_same_text_twice_from_one_source_is_one_article(db_session: Session) -> None:
    story = make_story(db_session)
    first = submit_articles(
        db_session,
        story.id,
        [NewArticle(source="a", text="Same text."), NewArticle(source="a", text="Same  text.")],
    )
    db_session.commit()
    assert first[0].id == first[1].id
    assert [r.duplicate for r in first] == [False, True]
    again = submit_articles(db_session, story.id, [NewArticle(source=" A ", text="Same text.")])
    db_session.commit()
    assert again[0].duplicate and again[0].id == first[0].id
    assert again[0].source == "a"  # the stored article's
    assert db_session.query(ArticleRow).count() == 1


def test_a_wire_copy_under_two_mastheads_is_two_articles(db_session: Session) -> None:
    """Issue 12, item 7: the same text from two outlets is two outlets' articles."""
    story = make_story(db_session)
    wire = "PORT TALBIN (Wire) - The mayor said the sea wall will be rebuilt by spring."
    first = submit_articles(
        db_session,
        story.id,
        [NewArticle(source=name, text=wire) for name in ("harbor-herald", "coast-daily")],
    )
    db_session.commit()
    assert first[0].id != first[1].id
    assert [(r.source, r.duplicate) for r in first] == [
        ("harbor-herald", False),
        ("coast-daily", False),
    ]
    # Each source re-sending its copy (a retried batch) still gets its own article back.
    again = submit_articles(
        db_session,
        story.id,
        [NewArticle(source=name, text=wire) for name in ("coast-daily", "harbor-herald")],
    )
    db_session.commit()
    assert [(r.id, r.duplicate) for r in again] == [(first[1].id, True), (first[0].id, True)]
    assert db_session.query(ArticleRow).count() == 2


def test_same_text_in_two_stories_is_two_articles(db_session: Session) -> None:
    one, two = make_story(db_session), make_story(db_session)
    assert add_article(db_session, one.id, "Text").id != add_article(db_session, two.id, "Text").id


def test_claim_is_exclusive_and_counts_attempts(db_session: Session) -> None:
    story = make_story(db_session)
    article = add_article(db_session, story.id, "Body")
    claimed = articles.claim_article(db_session, article.id)
    db_session.commit()
    assert claimed is not None and claimed.status == "processing" and claimed.attempts == 1
    assert articles.claim_article(db_session, article.id) is None  # duplicate message
    assert articles.claim_article(db_session, "missing") is None


def test_stale_processing_article_can_be_reclaimed(db_session: Session) -> None:
    story = make_story(db_session)
    article = add_article(db_session, story.id, "Body")
    past = utcnow() - timedelta(hours=1)
    assert articles.claim_article(db_session, article.id, now=past) is not None
    db_session.commit()
    assert articles.claim_article(db_session, article.id, stale_after=timedelta(hours=2)) is None
    again = articles.claim_article(db_session, article.id, stale_after=timedelta(minutes=5))
    db_session.commit()
    assert again is not None and again.attempts == 2


def test_store_quotes_replaces_and_marks_done(db_session: Session) -> None:
    story = make_story(db_session)
    article = add_article(db_session, story.id, "Body")
    articles.claim_article(db_session, article.id)
    articles.store_quotes(db_session, article.id, [QUOTE])
    articles.store_quotes(db_session, article.id, [QUOTE])  # re-run: still one quote
    db_session.commit()
    db_session.expire_all()
    stored = articles.get_article(db_session, article.id)
    assert stored is not None
    assert stored.status == "done" and stored.processed_at is not None
    assert stored.quotes == [QUOTE.to_dict()]
    assert articles.claim_article(db_session, article.id) is None
    [extracted] = articles.story_extracted_articles(db_session, story.id)
    assert extracted.quotes == (QUOTE,)
    assert extracted.article.id == article.id and extracted.article.text == "Body"


def test_release_and_fail(db_session: Session) -> None:
    story = make_story(db_session)
    article = add_article(db_session, story.id, "Body")
    articles.claim_article(db_session, article.id)
    articles.release_article(db_session, article.id, "parser crashed")
    db_session.commit()
    db_session.expire_all()
    row = articles.get_article(db_session, article.id)
    assert row is not None and row.status == "queued" and row.error == "parser crashed"
    articles.mark_failed(db_session, article.id, "gave up")
    db_session.commit()
    db_session.expire_all()
    row = articles.get_article(db_session, article.id)
    assert row is not None and row.status == "failed" and row.error == "gave up"


def test_requeue_stale_resets_processing_and_reports_queued(db_session: Session) -> None:
    story = make_story(db_session)
    stuck = add_article(db_session, story.id, "Stuck")
    waiting = add_article(db_session, story.id, "Waiting")
    fresh = add_article(db_session, story.id, "Fresh")
    past = utcnow() - timedelta(hours=1)
    articles.claim_article(db_session, stuck.id, now=past)
    articles.release_article(db_session, waiting.id)  # no-op: not processing
    db_session.execute(
        ArticleRow.__table__.update().where(ArticleRow.id == waiting.id).values(updated_at=past)
    )
    db_session.commit()
    ids = articles.requeue_stale(db_session, timedelta(minutes=5))
    db_session.commit()
    assert set(ids) == {stuck.id, waiting.id}
    assert fresh.id not in ids
    db_session.expire_all()
    row = articles.get_article(db_session, stuck.id)
    assert row is not None and row.status == "queued"
    assert articles.requeue_stale(db_session, timedelta(minutes=5)) == []


def test_tenant_scoped_article_lookup(db_session: Session) -> None:
    story = make_story(db_session, tenant="acme")
    article = add_article(db_session, story.id, "Body")
    other = make_story(db_session, tenant="globex")
    assert articles.get_article_for_tenant(db_session, story.tenant_id, article.id) is not None
    assert articles.get_article_for_tenant(db_session, other.tenant_id, article.id) is None
