"""An article's identity includes its source: ``(story_id, source_key, content_hash)`` unique.

Until now the same text was one article per story whoever submitted it, so a wire copy carried
by two outlets lost the second outlet. ``source_key`` is the source as de-duplication compares
it (NFC, whitespace collapsed, case folded: ``worker.storage.articles.source_key``, repeated
here so that this revision does not change if that function does); existing rows get it from
their ``source``. Their identities stay unique under the new constraint, since each old
``(story_id, content_hash)`` pair was unique already.

Downgrade restores the old constraint; it fails if the story now holds the same text from two
sources (which of the two articles to drop is not the migration's choice).

Create Date: 2026-12-07
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision: str = "0004_article_source_identity"
down_revision: str | None = "0003_encrypted_webhook_secrets"

_WHITESPACE = re.compile(r"\s+")
_ARTICLES = sa.table(
    "articles",
    sa.column("id", sa.String),
    sa.column("source", sa.String),
    sa.column("source_key", sa.String),
)


def _source_key(source: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", source)).strip().casefold()[:300]


def upgrade() -> None:
    op.add_column("articles", sa.Column("source_key", sa.String(length=300), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(_ARTICLES.c.id, _ARTICLES.c.source)).all()
    for article_id, source in rows:
        bind.execute(
            _ARTICLES.update()
            .where(_ARTICLES.c.id == article_id)
            .values(source_key=_source_key(str(source)))
        )
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("source_key", existing_type=sa.String(length=300), nullable=False)
        batch.drop_constraint(op.f("uq_articles_story_id_content_hash"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_articles_story_id_source_key_content_hash"),
            ["story_id", "source_key", "content_hash"],
        )


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_constraint(op.f("uq_articles_story_id_source_key_content_hash"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_articles_story_id_content_hash"), ["story_id", "content_hash"]
        )
        batch.drop_column("source_key")
