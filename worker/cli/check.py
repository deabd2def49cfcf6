"""`quotelens check`: extract, compare and report on a set of article files."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from worker.checker import build_report
from worker.cli.inputs import InputError, read_articles
from worker.cli.primary_inputs import read_primaries
from worker.cli.progress import Progress
from worker.nlp import extract_articles
from worker.nlp.model import ModelNotFoundError, load_model
from worker.records import Article, ExtractedArticle
from worker.render import render_html, render_text

BATCH = 16


def add_check_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check quotes across article files",
        description="Extract the attributed quotes of each article and report whether the "
        "outlets agree. A FILE is plain text (source = file name without extension), JSON "
        '{"source", "title", "text"} or a saved web page (.html/.htm); an http(s) URL is '
        "fetched (source = host and page name).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")  # str: a URL is not a Path
    parser.add_argument(
        "--allow-loopback",
        action="store_true",
        help="fetch URLs on this machine (127.0.0.1, localhost); refused by default",
    )
    parser.add_argument(
        "--primary",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a primary source to check the quotes against (repeatable): a statement or a "
        'transcript with speaker labels (NAME:, Q:/A:), as text or JSON {"source", "text", '
        '"speaker"}',
    )
    parser.add_argument(
        "--primary-speaker",
        action="append",
        default=[],
        metavar="NAME",
        help="whose words a --primary statement is (once for all, or once per --primary)",
    )
    parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    parser.add_argument("-o", "--output", type=Path, help="write the report here, not stdout")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour text output"
    )
    parser.set_defaults(handler=run_check)


def _extract(articles: list[Article]) -> list[ExtractedArticle]:
    nlp = load_model()
    progress = Progress(len(articles), "extracting")
    extracted: list[ExtractedArticle] = []
    for start in range(0, len(articles), BATCH):
        batch = articles[start : start + BATCH]
        extracted.extend(extract_articles(batch, nlp))
        progress.advance(len(batch))
    progress.close()
    return extracted


def _use_color(choice: str, to_terminal: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    return to_terminal and "NO_COLOR" not in os.environ


def run_check(args: argparse.Namespace) -> int:
    try:
        articles = read_articles(args.files, allow_loopback=args.allow_loopback)
        primaries = read_primaries(
            args.primary, args.primary_speaker, {article.id for article in articles}
        )
    except InputError as error:
        for line in str(error).splitlines():
            print(f"quotelens: error: {line}", file=sys.stderr)
        return 2
    try:
        extracted = _extract(articles)
    except ModelNotFoundError as error:
        print(f"quotelens: error: {error}", file=sys.stderr)
        return 3
    report = build_report([*extracted, *(ExtractedArticle(p) for p in primaries)])
    to_terminal = args.output is None and sys.stdout.isatty()
    if args.format == "json":
        rendered = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        rendered = render_html(report, {a.id: a.text for a in [*articles, *primaries]})
    else:
        rendered = render_text(report, color=_use_color(args.color, to_terminal))
    if args.output is None:
        sys.stdout.write(rendered)
        return 0
    try:
        args.output.write_text(rendered, encoding="utf-8")
    except OSError as error:
        print(f"quotelens: error: {args.output}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    return 0
