"""Articles submitted as an HTML page or a URL: ``submitted_as``, ``html`` and ``author``.

Existing rows were all submitted as text, which the server default records. The page itself
is kept (``html``) so a retried extraction converts the same markup again; ``author`` is the
byline found on the page.

Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_article_sources"
down_revision: str | None = "0001_initial"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("submitted_as", sa.String(length=8), server_default="text", nullable=False)
        )
        batch.add_column(sa.Column("html", sa.Text(), nullable=True))
        batch.add_column(sa.Column("author", sa.Text(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_articles_article_submitted_as"), "submitted_as IN ('text', 'html', 'url')"
        )


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_constraint(op.f("ck_articles_article_submitted_as"), type_="check")
        batch.drop_column("author")
        batch.drop_column("html")
        batch.drop_column("submitted_as")
