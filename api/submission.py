"""Accepting a batch of articles: store, commit, enqueue, answer, in one thread-pool call.

This is the API's hot path (clients post articles far more often than anything else), so the
route validates on the event loop and then makes exactly one hop to a request thread, where one
session does all the database work: the ownership check, the idempotency replay, the insert and
the commit. Each extra hop or ORM load was a measurable share of a request's CPU.

The articles are committed before anything is enqueued, so a broker outage never loses a
submission: they stay ``queued`` (the reconciler re-enqueues them) and the client gets a 503
that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from api import idempotency
from api.errors import unavailable
from api.queue import BrokerUnavailable, TaskQueue
from api.schemas.articles import ArticleAccepted, ArticlesAccepted
from worker.jobs.task_labels import article_label
from worker.storage.articles import NewArticle, story_article_count, submit_articles
from worker.storage.models import StoryRow
from worker.storage.stories import owns_story
from worker.task_names import TASK_EXTRACT_ARTICLE

BROKER_DOWN = (
    "The articles were stored but could not be queued because the message broker is "
    "unavailable. They will be processed automatically once it recovers; retrying this "
    "request is safe and creates no duplicates."
)


def status_path(story_id: str) -> str:
    return f"/v1/stories/{story_id}"


@dataclass(frozen=True, slots=True)
class Submission:
    """One validated request: whose, to which story, what, and its idempotency key and hash."""

    tenant_id: int
    story_id: str
    items: list[NewArticle]
    key: str | None = None
    request_hash: str | None = None
    max_story_articles: int | None = None  # MAX_STORY_ARTICLES; None: no cap


def _check_story_capacity(session: Session, submission: Submission) -> None:
    """409 when the story would hold more than ``MAX_STORY_ARTICLES`` articles.

    Counted before the insert, duplicates included, so a request near the cap may be refused
    although some of its texts are already stored; concurrent requests may pass it by a batch.
    """
    cap = submission.max_story_articles
    if cap is None:
        return
    held = story_article_count(session, submission.story_id)
    adding = len(submission.items)
    if held + adding > cap:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"Story {submission.story_id} holds {held} articles and this request adds up to "
            f"{adding}; a story holds at most {cap} (MAX_STORY_ARTICLES). Start a new story.",
        )


def _insert(session: Session, story_id: str, items: list[NewArticle]) -> list[ArticleAccepted]:
    """Insert and commit. Duplicates settle in the insert itself; what can still fail is the
    story's foreign key, when the story was deleted after the ownership check: that is a 404."""
    try:
        results = submit_articles(session, story_id, items)
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Story {story_id} not found") from exc
    return [
        ArticleAccepted(id=r.id, source=r.source, status=r.status, duplicate=r.duplicate)
        for r in results
    ]


def _labels(
    session: Session, story_id: str, accepted: list[ArticleAccepted], ids: list[str]
) -> list[str]:
    """Flower's label of each extraction message: story name, outlet, article id."""
    name = session.scalar(select(StoryRow.name).where(StoryRow.id == story_id)) or story_id
    source = {a.id: a.source for a in accepted}
    return [article_label(name, source[article_id], article_id) for article_id in ids]


def accept(factory: sessionmaker[Session], queue: TaskQueue, submission: Submission) -> Any:
    """The response to a submission: 202, a replay, 404 or 503 (stored, not queued)."""
    with factory() as session:
        if not owns_story(session, submission.tenant_id, submission.story_id):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"Story {submission.story_id} not found")
        key, req_hash = submission.key, submission.request_hash
        if key is not None and req_hash is not None:
            stored = idempotency.replay(session, submission.tenant_id, key, req_hash)
            if stored is not None:
                return stored
        _check_story_capacity(session, submission)
        accepted = _insert(session, submission.story_id, submission.items)
        body = ArticlesAccepted(
            articles=accepted, status_url=status_path(submission.story_id)
        ).model_dump(mode="json")
        # New articles, and duplicates still waiting (their first enqueue may have failed).
        to_send = list(dict.fromkeys(a.id for a in accepted if a.status == "queued"))
        labels = _labels(session, submission.story_id, accepted, to_send)
        try:
            queue.send(TASK_EXTRACT_ARTICLE, ([article_id] for article_id in to_send), labels)
        except BrokerUnavailable:
            return unavailable({"detail": BROKER_DOWN, **body})
        if key is not None and req_hash is not None:
            stored = idempotency.remember(session, submission.tenant_id, key, req_hash, body, 202)
            if stored is not None:
                return stored
    return JSONResponse(body, status_code=202, headers={"Location": body["status_url"]})
