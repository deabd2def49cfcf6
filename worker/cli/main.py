"""Entry point of the ``quotelens`` console script."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quotelens import __version__
from worker.cli.check import add_check_parser
from worker.cli.keys import add_keys_parser
from worker.cli.submit import add_submit_parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotelens", description="Quote-attribution verification across news articles."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_check_parser(subparsers)
    add_submit_parser(subparsers)
    add_keys_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("quotelens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
