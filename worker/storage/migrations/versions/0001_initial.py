"""Initial schema: tenants, keys, stories, articles, reports, deliveries, idempotency keys.

Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"),
        ondelete="CASCADE",
    )


def _create_table(
    name: str, id_type: sa.types.TypeEngine[Any], *elements: sa.schema.SchemaItem
) -> None:
    """Every table is keyed by an ``id`` column, its first."""
    op.create_table(
        name,
        sa.Column("id", id_type, nullable=False),
        *elements,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )


def _status_in(table: str, enum_name: str, *statuses: str) -> sa.CheckConstraint:
    """The models' CHECK on a ``status`` column, named as their naming convention names it."""
    allowed = ", ".join(f"'{status}'" for status in statuses)
    return sa.CheckConstraint(f"status IN ({allowed})", name=op.f(f"ck_{table}_{enum_name}_status"))


def upgrade() -> None:
    _create_table(
        "tenants",
        sa.Integer(),
        sa.Column("name", sa.String(length=200), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("name", name=op.f("uq_tenants_name")),
    )
    _create_table(
        "api_keys",
        sa.Integer(),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        _ts("created_at"),
        _ts("revoked_at", nullable=True),
        _fk("tenant_id", "api_keys", "tenants.id"),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_index(op.f("ix_api_keys_tenant_id"), "api_keys", ["tenant_id"])

    _create_table(
        "idempotency_keys",
        sa.Integer(),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        _ts("created_at"),
        _fk("tenant_id", "idempotency_keys", "tenants.id"),
        sa.UniqueConstraint("tenant_id", "key", name=op.f("uq_idempotency_keys_tenant_id_key")),
    )

    _create_table(
        "stories",
        sa.String(length=36),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("webhook_url", sa.Text(), nullable=True),
        sa.Column("webhook_secret", sa.String(length=128), nullable=False),
        sa.Column("webhook_disabled", sa.Boolean(), nullable=False),
        sa.Column("report_version", sa.Integer(), nullable=False),
        _ts("check_requested_at", nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        _fk("tenant_id", "stories", "tenants.id"),
    )
    op.create_index(op.f("ix_stories_tenant_id"), "stories", ["tenant_id"])

    _create_table(
        "articles",
        sa.String(length=36),
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        _ts("published_at", nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("speaker", sa.String(length=300), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("quotes", sa.JSON(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        _ts("processed_at", nullable=True),
        _status_in("articles", "article", "queued", "processing", "done", "failed"),
        _fk("story_id", "articles", "stories.id"),
        sa.UniqueConstraint(
            "story_id", "content_hash", name=op.f("uq_articles_story_id_content_hash")
        ),
    )
    op.create_index("ix_articles_status_updated_at", "articles", ["status", "updated_at"])
    op.create_index(op.f("ix_articles_story_id"), "articles", ["story_id"])

    _create_table(
        "reports",
        sa.Integer(),
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        _ts("created_at"),
        _fk("story_id", "reports", "stories.id"),
        sa.UniqueConstraint("story_id", "version", name=op.f("uq_reports_story_id_version")),
    )
    op.create_index(op.f("ix_reports_story_id"), "reports", ["story_id"])

    _create_table(
        "deliveries",
        sa.String(length=36),
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("report_version", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _ts("next_attempt_at", nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        _status_in("deliveries", "delivery", "pending", "succeeded", "failed", "disabled"),
        _fk("story_id", "deliveries", "stories.id"),
        sa.UniqueConstraint(
            "story_id", "report_version", name=op.f("uq_deliveries_story_id_report_version")
        ),
        sa.UniqueConstraint("webhook_id", name=op.f("uq_deliveries_webhook_id")),
    )
    op.create_index(
        "ix_deliveries_status_next_attempt_at", "deliveries", ["status", "next_attempt_at"]
    )
    op.create_index(op.f("ix_deliveries_story_id"), "deliveries", ["story_id"])

    _create_table(
        "delivery_attempts",
        sa.Integer(),
        sa.Column("delivery_id", sa.String(length=36), nullable=False),
        _ts("attempted_at"),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        _fk("delivery_id", "delivery_attempts", "deliveries.id"),
    )
    op.create_index(op.f("ix_delivery_attempts_delivery_id"), "delivery_attempts", ["delivery_id"])


def downgrade() -> None:
    for table in (
        "delivery_attempts",
        "deliveries",
        "reports",
        "articles",
        "stories",
        "idempotency_keys",
        "api_keys",
        "tenants",
    ):
        op.drop_table(table)
