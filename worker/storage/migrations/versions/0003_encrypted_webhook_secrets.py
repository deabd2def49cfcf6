"""Webhook secrets encrypted at rest, and the columns of secret rotation.

``stories.webhook_secret`` held the plain ``whsec_...`` secret; from here on it holds a Fernet
token (``worker.storage.secretbox``, key ``QUOTELENS_SECRET_KEY``). Existing plain values are
encrypted in place, and so is the copy of the secret inside stored idempotent responses of
story creation. The column becomes TEXT because a token is longer than 128 characters; SQLite
cannot change a column's type in place and rebuilding ``stories`` would cascade-delete its
articles, so there the column is added anew, filled, and swapped in by DROP/RENAME COLUMN.

``webhook_secret_previous`` / ``webhook_secret_rotated_at`` keep the secret a rotation
replaced, so deliveries can carry both signatures for a while.

The key is needed only when there are rows to convert. Downgrade decrypts them again.

Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from worker.storage import secretbox

revision: str = "0003_encrypted_webhook_secrets"
down_revision: str | None = "0002_article_sources"

SECRET_FIELD = "webhook_secret"


def _convert_stories(convert: Callable[[str], str], column: str = "webhook_secret") -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {column} FROM stories")).all()
    for story_id, value in rows:
        bind.execute(
            sa.text(f"UPDATE stories SET {column} = :value WHERE id = :id"),
            {"value": convert(str(value)), "id": story_id},
        )


def _convert_idempotent_responses(convert: Callable[[str], str]) -> None:
    """Story creation responses replayed for an ``Idempotency-Key`` contain the secret."""
    bind = op.get_bind()
    table = sa.table(
        "idempotency_keys", sa.column("id", sa.Integer), sa.column("response", sa.JSON)
    )
    for row_id, response in bind.execute(sa.select(table.c.id, table.c.response)).all():
        if not isinstance(response, dict) or not isinstance(response.get(SECRET_FIELD), str):
            continue
        changed: dict[str, Any] = {**response, SECRET_FIELD: convert(response[SECRET_FIELD])}
        if changed != response:
            bind.execute(table.update().where(table.c.id == row_id).values(response=changed))


def _encrypt_plain(value: str) -> str:
    return value if secretbox.is_token(value) else secretbox.encrypt(value)


def _decrypt_token(value: str) -> str:
    return secretbox.decrypt(value) if secretbox.is_token(value) else value


def upgrade() -> None:
    op.add_column("stories", sa.Column("webhook_secret_previous", sa.Text(), nullable=True))
    op.add_column(
        "stories", sa.Column("webhook_secret_rotated_at", sa.DateTime(timezone=True), nullable=True)
    )
    if op.get_bind().dialect.name == "sqlite":
        op.add_column(
            "stories",
            sa.Column("webhook_secret_token", sa.Text(), nullable=False, server_default=""),
        )
        op.execute("UPDATE stories SET webhook_secret_token = webhook_secret")
        op.execute("ALTER TABLE stories DROP COLUMN webhook_secret")
        op.execute("ALTER TABLE stories RENAME COLUMN webhook_secret_token TO webhook_secret")
    else:
        op.alter_column(
            "stories",
            "webhook_secret",
            type_=sa.Text(),
            existing_type=sa.String(length=128),
            existing_nullable=False,
        )
    _convert_stories(_encrypt_plain)
    _convert_idempotent_responses(_encrypt_plain)


def downgrade() -> None:
    _convert_stories(_decrypt_token)
    _convert_idempotent_responses(_decrypt_token)
    if op.get_bind().dialect.name == "sqlite":
        op.add_column(
            "stories",
            sa.Column("webhook_secret_plain", sa.String(128), nullable=False, server_default=""),
        )
        op.execute("UPDATE stories SET webhook_secret_plain = webhook_secret")
        op.execute("ALTER TABLE stories DROP COLUMN webhook_secret")
        op.execute("ALTER TABLE stories RENAME COLUMN webhook_secret_plain TO webhook_secret")
        op.execute("ALTER TABLE stories DROP COLUMN webhook_secret_rotated_at")
        op.execute("ALTER TABLE stories DROP COLUMN webhook_secret_previous")
        return
    op.alter_column(
        "stories",
        "webhook_secret",
        type_=sa.String(length=128),
        existing_type=sa.Text(),
        existing_nullable=False,
    )
    op.drop_column("stories", "webhook_secret_rotated_at")
    op.drop_column("stories", "webhook_secret_previous")
