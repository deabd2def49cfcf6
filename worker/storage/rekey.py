"""``python -m worker.storage.rekey``: make a ``QUOTELENS_SECRET_KEY``, or re-encrypt the stored
webhook secrets under the first configured key after adding a new one (key rotation).

A separate module from ``secretbox`` because the models import that one, and ``python -m`` on
an already imported module runs it twice.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from worker.storage.secretbox import generate_key


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.storage.rekey", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("generate", help="print a new key for QUOTELENS_SECRET_KEY")
    again = sub.add_parser(
        "reencrypt", help="re-encrypt every stored secret under the first key of the list"
    )
    again.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    args = parser.parse_args(argv)
    if args.command == "generate":
        print(generate_key())
        return 0
    from worker.storage.db import session_scope
    from worker.storage.stories import reencrypt_secrets

    with session_scope(args.database_url) as session:
        count = reencrypt_secrets(session)
    print(f"re-encrypted the webhook secrets of {count} stories", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
