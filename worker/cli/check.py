"""`quotelens check`: extract, compare and report on a set of article files."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from worker.checker.report import Report
from worker.cli.fail_on import FINDINGS_EXIT, add_fail_on_option, findings
from worker.cli.inputs import InputError, read_articles
from worker.cli.primary_inputs import add_primary_arguments, read_primaries
from worker.cli.progress import Progress
from worker.nlp.model import ModelNotFoundError
from worker.pipeline import check_articles
from worker.render import render_html, render_text
from worker.render.csv_report import render_csv


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
    add_primary_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "html", "csv"),
        default="text",
        help="csv: one row per quote (outlet, speaker, cue, cluster, verdict) for a spreadsheet; "
        "see --comparisons for the second table",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report here, not stdout")
    parser.add_argument(
        "--comparisons",
        type=Path,
        metavar="CSV",
        help="also write the compared pairs of quotes (both outlets, wording, severity, "
        "changes) to this CSV file",
    )
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour text output"
    )
    add_fail_on_option(parser)
    parser.set_defaults(handler=run_check)


def _use_color(choice: str, to_terminal: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    return to_terminal and "NO_COLOR" not in os.environ


def write_output(path: Path | None, rendered: str) -> int:
    """Write to ``path`` (stdout when None); 0, or 2 with a message when it cannot be written."""
    if path is None:
        sys.stdout.write(rendered)
        return 0
    try:
        path.write_text(rendered, encoding="utf-8", newline="")
    except OSError as error:
        print(f"quotelens: error: {path}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    return 0


def render(report: Report, fmt: str, texts: dict[str, str], color: bool) -> str:
    """The report in one of the CLI's formats (``texts``: article texts for the HTML page)."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(report, texts)
    if fmt == "csv":
        return render_csv(report, "quotes")
    return render_text(report, color=color)


def finish(report: Report, args: argparse.Namespace, texts: dict[str, str]) -> int:
    """Write the report (and comparisons CSV), then apply ``--fail-on`` and warn on stderr."""
    for warning in report.warnings:
        print(f"quotelens: warning: {warning.source}: {warning.message}", file=sys.stderr)
    to_terminal = args.output is None and sys.stdout.isatty()
    rendered = render(report, args.format, texts, _use_color(args.color, to_terminal))
    status = write_output(args.output, rendered)
    if status == 0 and args.comparisons is not None:
        status = write_output(args.comparisons, render_csv(report, "comparisons"))
    if status:
        return status
    found = findings(report, args.fail_on)
    if found is not None:
        print(f"quotelens: --fail-on {args.fail_on}: {found}", file=sys.stderr)
        return FINDINGS_EXIT
    return 0


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
    progress = Progress(len(articles), "extracting")
    try:
        report = check_articles(articles, primaries, progress.advance)
    except ModelNotFoundError as error:
        print(f"quotelens: error: {error}", file=sys.stderr)
        return 3
    finally:
        progress.close()
    texts = {a.id: a.text for a in articles} | {p.id: p.text for p in primaries}
    return finish(report, args, texts)
