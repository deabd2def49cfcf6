"""``quotelens keys create --tenant NAME``: create an API key from the command line.

The operator's way to bootstrap access without the admin token. The key is printed once to
stdout (only its hash is stored); everything else goes to stderr so the key can be piped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError


def add_keys_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``keys`` and its ``create`` subcommand (handler: ``args.handler(args)``)."""
    parser = subparsers.add_parser("keys", help="manage API keys", description=__doc__)
    actions = parser.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="create an API key for a tenant (created if new)",
        description="Create an API key and print it once; only its SHA-256 is stored.",
    )
    create.add_argument("--tenant", required=True, help="tenant name")
    create.add_argument(
        "--database-url", default=None, help="database to use (default: DATABASE_URL)"
    )
    create.set_defaults(handler=run_keys_create)


def database_problem(database_url: str) -> str | None:
    """Why keys cannot be written to ``database_url`` (missing SQLite file, schema not
    migrated), or None. Checked before any connection: connecting to SQLite would create an
    empty file in the current directory, which is how "no such table" used to happen."""
    from worker.storage.db import get_engine, is_sqlite
    from worker.storage.migrate import current_revision, head_revision

    url = make_url(database_url)
    shown = url.render_as_string(hide_password=True)
    hint = "set DATABASE_URL (or --database-url, or a .env here) to the service's database"
    if is_sqlite(database_url) and url.database not in (None, "", ":memory:"):
        path = Path(url.database or "").expanduser()
        if not path.exists():
            return f"database {shown} does not exist ({path.resolve()}); {hint}"
    try:
        current = current_revision(get_engine(database_url))
    except OperationalError as exc:
        return f"cannot open database {shown} ({exc.orig}); {hint}"
    head = head_revision()
    if current != head:
        state = "is not migrated" if current is None else f"is at revision {current}, not {head}"
        return f"database {shown} {state}: run python -m worker.storage.migrate"
    return None


def run_keys_create(args: argparse.Namespace) -> int:
    from worker.settings import get_settings
    from worker.storage.db import session_scope
    from worker.storage.keys import create_api_key

    tenant = str(args.tenant).strip()
    if not tenant:
        print("quotelens: --tenant must not be empty", file=sys.stderr)
        return 2
    database_url = args.database_url or get_settings().database_url
    problem = database_problem(database_url)
    if problem is not None:
        print(f"quotelens: {problem}", file=sys.stderr)
        return 1
    try:
        with session_scope(database_url) as session:
            row, key = create_api_key(session, tenant)
            prefix = row.prefix
    except OperationalError as exc:
        print(
            f"quotelens: cannot write to the database ({exc.orig}); "
            "is it running and migrated (python -m worker.storage.migrate)?",
            file=sys.stderr,
        )
        return 1
    print(key)
    print(
        f"Created API key {prefix} for tenant {tenant!r}. It is shown only this once.",
        file=sys.stderr,
    )
    return 0
