"""Looking up one row by an id a client sent, within what that client may see.

The API's lookups of stories, articles and deliveries are all the same query: the row with that
id, if it also belongs to the tenant (or story) asking. One function makes it, so that each of
them refuses a malformed id in the same way before it reaches the database.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from worker.storage.models import ArticleRow, Delivery, StoryRow, is_public_id

# The tables whose ids appear in URLs.
PublicRow = TypeVar("PublicRow", ArticleRow, Delivery, StoryRow)


def get_scoped(
    session: Session, model: type[PublicRow], row_id: str, *scope: ColumnElement[bool]
) -> PublicRow | None:
    """The ``model`` row with id ``row_id`` if it also meets every condition of ``scope``
    (whose owner it must be); None otherwise, and at once for an id ``new_id`` cannot have
    made (see ``is_public_id``)."""
    if not is_public_id(row_id):
        return None
    return session.scalars(select(model).where(model.id == row_id, *scope)).one_or_none()
