"""Stories, progress counts, keys and the debounced check request."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.storage.storage_helpers import add_article, make_story
from worker.storage import articles, keys, stories
from worker.storage.idempotency import (
    get_idempotent_response,
    request_hash,
    save_idempotent_response,
)


def test_story_has_standard_webhooks_secret(db_session: Session) -> None:
    story = make_story(db_session, webhook_url="https://example.org/hook")
    assert story.webhook_secret.startswith("whsec_")
    assert story.report_version == 0 and story.webhook_disabled is False


def test_progress_counts_and_failures(db_session: Session) -> None:
    story = make_story(db_session)
    a = add_article(db_session, story.id, "One", source="a")
    b = add_article(db_session, story.id, "Two", source="b")
    add_article(db_session, story.id, "Three", source="c")
    assert not stories.story_articles_done(db_session, story.id)
    articles.claim_article(db_session, a.id)
    articles.store_quotes(db_session, a.id, [])
    articles.mark_failed(db_session, b.id, "boom")
    db_session.commit()
    progress = stories.story_progress(db_session, story.id)
    assert progress.counts == {"queued": 1, "processing": 0, "done": 1, "failed": 1}
    assert progress.failures == [(b.id, "b", "boom")]
    assert progress.pending == 1


def test_articles_done_when_nothing_pending(db_session: Session) -> None:
    story = make_story(db_session)
    assert stories.story_articles_done(db_session, story.id)  # vacuous
    a = add_article(db_session, story.id, "One")
    articles.mark_failed(db_session, a.id, "bad")
    db_session.commit()
    assert stories.story_articles_done(db_session, story.id)


def test_check_request_is_compare_and_clear(db_session: Session) -> None:
    story = make_story(db_session)
    first = stories.request_check(db_session, story.id)
    db_session.commit()
    second = stories.request_check(db_session, story.id)
    db_session.commit()
    assert not stories.clear_check_request(db_session, story.id, first)  # newer one pending
    assert stories.clear_check_request(db_session, story.id, second)
    db_session.commit()
    db_session.expire_all()
    refreshed = stories.get_story(db_session, story.id)
    assert refreshed is not None and refreshed.check_requested_at is None
    assert second >= first


def test_keys_are_hashed_and_revocable(db_session: Session) -> None:
    row, key = keys.create_api_key(db_session, "acme")
    db_session.commit()
    assert key.startswith(f"ql_{row.prefix}_")
    assert row.key_hash == keys.hash_key(key) and key not in row.key_hash
    tenant_id = keys.authenticate(db_session, key)
    assert tenant_id is not None and tenant_id == row.tenant_id
    assert keys.authenticate(db_session, key + "x") is None
    assert keys.revoke_api_key(db_session, row.id)
    db_session.commit()
    assert keys.authenticate(db_session, key) is None
    _, second = keys.create_api_key(db_session, "acme")  # same tenant, new key
    db_session.commit()
    assert keys.authenticate(db_session, second) == tenant_id


def test_tenant_scoped_story_lookup(db_session: Session) -> None:
    story = make_story(db_session, tenant="acme")
    other = make_story(db_session, tenant="globex")
    assert stories.get_story_for_tenant(db_session, story.tenant_id, story.id) is not None
    assert stories.get_story_for_tenant(db_session, other.tenant_id, story.id) is None
    assert [s.id for s in stories.list_stories(db_session, story.tenant_id)] == [story.id]


def test_idempotency_rows(db_session: Session) -> None:
    story = make_story(db_session)
    h = request_hash("post", "/v1/x", {"a": 1, "b": [1, 2]})
    assert h == request_hash("POST", "/v1/x", {"b": [1, 2], "a": 1})
    assert h != request_hash("POST", "/v1/x", {"a": 2, "b": [1, 2]})
    save_idempotent_response(db_session, story.tenant_id, "k1", h, {"ok": True}, 202)
    db_session.commit()
    row = get_idempotent_response(db_session, story.tenant_id, "k1")
    assert row is not None and row.response == {"ok": True} and row.status_code == 202
    assert get_idempotent_response(db_session, story.tenant_id + 1, "k1") is None
