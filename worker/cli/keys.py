"""``quotelens keys create|list|revoke``: manage API keys from the command line.

The operator's way to manage access without the admin token. ``create`` prints the key once to
stdout (only its hash is stored); everything else goes to stderr so the key can be piped.
``list`` shows ids, tenants and prefixes (never a key); ``revoke ID`` stops a key (API
processes notice within ``QUOTELENS_KEY_CACHE_SECONDS``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError


def add_keys_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``keys`` and its subcommands (handler: ``args.handler(args)``)."""
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

    listing = actions.add_parser(
        "list", help="list API keys (no secrets)", description="List keys: id, tenant, prefix."
    )
    listing.add_argument("--tenant", default=None, help="only this tenant's keys")
    listing.add_argument("--active", action="store_true", help="leave out revoked keys")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--database-url", default=None, help="database (default: DATABASE_URL)")
    listing.set_defaults(handler=run_keys_list)

    revoke = actions.add_parser(
        "revoke", help="revoke an API key by id", description="Revoke a key (see keys list)."
    )
    revoke.add_argument("key_id", type=int, help="the key's id")
    revoke.add_argument("--database-url", default=None, help="database (default: DATABASE_URL)")
    revoke.set_defaults(handler=run_keys_revoke)


def _database_error(exc: OperationalError) -> int:
    print(
        f"quotelens: cannot use the database ({exc.orig}); "
        "is it running and migrated (python -m worker.storage.migrate)?",
        file=sys.stderr,
    )
    return 1


def run_keys_list(args: argparse.Namespace) -> int:
    from worker.storage.db import session_scope
    from worker.storage.keys import list_api_keys

    try:
        with session_scope(args.database_url) as session:
            keys = list_api_keys(session, tenant=args.tenant, include_revoked=not args.active)
    except OperationalError as exc:
        return _database_error(exc)
    for key in keys:
        revoked = key.revoked_at.isoformat() if key.revoked_at else None
        if args.json:
            print(json.dumps({
                "id": key.id, "tenant": key.tenant, "prefix": key.prefix,
                "created_at": key.created_at.isoformat(), "revoked_at": revoked,
            }))  # fmt: skip
        else:
            state = f"revoked {revoked}" if revoked else "active"
            print(f"{key.id}\t{key.tenant}\t{key.prefix}\t{key.created_at.isoformat()}\t{state}")
    return 0


def run_keys_revoke(args: argparse.Namespace) -> int:
    from worker.storage.db import session_scope
    from worker.storage.keys import get_key_info, revoke_api_key

    try:
        with session_scope(args.database_url) as session:
            info = get_key_info(session, args.key_id)
            if info is None:
                print(f"quotelens: no API key with id {args.key_id}", file=sys.stderr)
                return 1
            revoked = revoke_api_key(session, args.key_id)
    except OperationalError as exc:
        return _database_error(exc)
    what = "Revoked" if revoked else "Already revoked:"
    print(f"{what} API key {info.id} ({info.prefix}) of tenant {info.tenant!r}.", file=sys.stderr)
    return 0


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
