"""Alembic environment for quotelens (configured from ``worker.storage.migrate``).

Runs online against ``config.attributes["connection"]`` when one is supplied, else against a
new engine for ``config.attributes["database_url"]``. On PostgreSQL an advisory lock makes
concurrent upgrades (several processes starting at once) run one after the other. SQLite uses
batch mode so that later ALTERs work there too.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, text

from worker.storage.db import make_engine
from worker.storage.models import Base
from worker.storage.types import UTCDateTime

MIGRATION_LOCK_ID = 7_246_170_019

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render custom column types as their plain SQLAlchemy equivalent in new revisions."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})"))
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = make_engine(config.attributes["database_url"])
    try:
        with engine.connect() as conn:
            run_with(conn)
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.attributes["database_url"],
        target_metadata=target_metadata,
        literal_binds=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
