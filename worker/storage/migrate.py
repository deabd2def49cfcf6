"""Run the Alembic migrations of ``worker/storage/migrations`` without an ``alembic.ini``.

The configuration is built in code so that the migrations ship inside the package and work
from any current directory: ``python -m worker.storage.migrate`` (upgrade to head),
``... current``, ``... downgrade REV`` or ``... revision -m MESSAGE [--autogenerate]``.
The database URL comes from ``--database-url`` or ``DATABASE_URL`` (``Settings``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations and ``database_url``."""
    if database_url is None:
        from worker.settings import get_settings

        database_url = get_settings().database_url
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Passed as an attribute, not an ini option: URLs may contain '%' (configparser syntax).
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str | None = None, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (default: the latest)."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str | None, revision: str) -> None:
    """Take the schema back to ``revision`` (``base`` drops everything)."""
    command.downgrade(alembic_config(database_url), revision)


def head_revision() -> str | None:
    """The newest revision shipped with the code."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.storage.migrate", description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    sub = parser.add_subparsers(dest="command")
    up = sub.add_parser("upgrade", help="upgrade to a revision (default head)")
    up.add_argument("revision", nargs="?", default="head")
    down = sub.add_parser("downgrade", help="downgrade to a revision")
    down.add_argument("revision")
    sub.add_parser("current", help="print the current revision")
    rev = sub.add_parser("revision", help="create a new revision file")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true")
    args = parser.parse_args(argv)

    config = alembic_config(args.database_url)
    if args.command in (None, "upgrade"):
        command.upgrade(config, getattr(args, "revision", "head"))
    elif args.command == "downgrade":
        command.downgrade(config, args.revision)
    elif args.command == "current":
        command.current(config, verbose=False)
    elif args.command == "revision":
        command.revision(config, message=args.message, autogenerate=args.autogenerate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
