"""The conditional UPDATE that the repository modules' state changes are made of.

Claims, leases, retries and state moves are each one UPDATE whose WHERE says when the change
applies; the number of rows it changed tells the caller whether it did ("did I get the
article?"). They run with ``synchronize_session=False``: the session is not searched for the
objects changed (a caller that needs one reloads it with ``populate_existing``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session


def update_rows(
    session: Session, model: type[Any], *where: ColumnElement[bool], **values: Any
) -> int:
    """``UPDATE model SET values WHERE where``; how many rows it changed."""
    result = session.execute(
        update(model).where(*where).values(**values).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
