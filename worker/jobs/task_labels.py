"""What a task is about, in words, for Flower: its ``argsrepr``.

Flower lists tasks by their arguments, which are bare UUIDs. Each message therefore carries an
``argsrepr`` (Celery shows it instead of the raw arguments) naming the story and outlet, with
the id kept at the end so a search by id still finds the task. The label is only for people:
the task still receives the id alone, and a label that cannot be made (database busy) falls
back to the id rather than delaying or failing the enqueue.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from worker.storage.db import session_scope
from worker.storage.models import ArticleRow, Delivery, StoryRow

log = logging.getLogger(__name__)
MAX_NAME = 60
T = TypeVar("T")


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_NAME else flat[: MAX_NAME - 1] + "…"


def article_label(story_name: str, source: str, article_id: str) -> str:
    return f"story {_short(story_name)!r} · outlet {_short(source)!r} · article {article_id}"


def story_label(story_name: str, story_id: str) -> str:
    return f"story {_short(story_name)!r} · {story_id}"


def delivery_label(story_name: str, version: int, delivery_id: str) -> str:
    return f"story {_short(story_name)!r} · report v{version} · delivery {delivery_id}"


def _safely(make: Callable[[], str | None], fallback: str) -> str:
    try:
        return make() or fallback
    except Exception as exc:  # a label is a nicety; never let it stop the enqueue
        log.debug("no task label for %s: %s", fallback, exc)
        return fallback


def _label_with_story(
    table: type[ArticleRow] | type[Delivery],
    column: InstrumentedAttribute[T],
    row_id: str,
    label: Callable[[str, T, str], str],
) -> str:
    """The label of a row that belongs to a story: the story's name and one of its columns."""

    def make() -> str | None:
        with session_scope() as session:
            row = session.execute(
                select(StoryRow.name, column)
                .join(table, table.story_id == StoryRow.id)
                .where(table.id == row_id)
            ).first()
        return None if row is None else label(row[0], row[1], row_id)

    return _safely(make, row_id)


def label_article(article_id: str) -> str:
    return _label_with_story(ArticleRow, ArticleRow.source, article_id, article_label)


def label_story(story_id: str) -> str:
    def make() -> str | None:
        with session_scope() as session:
            name = session.scalar(select(StoryRow.name).where(StoryRow.id == story_id))
        return None if name is None else story_label(name, story_id)

    return _safely(make, story_id)


def label_delivery(delivery_id: str) -> str:
    return _label_with_story(Delivery, Delivery.report_version, delivery_id, delivery_label)
