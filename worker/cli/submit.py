"""``quotelens submit``: send files to a running quotelens service and write its report.

Creates a story (or adds to ``--story-id``), posts the articles in batches, waits for the
service to process them with a progress bar on stderr, then writes the latest report (json,
text, html or csv) and applies ``--fail-on``. It waits until the stored report covers every
article it sent (done or failed), not just for the first version, since a report may be built
while later batches are still arriving.

Exit status: 0 done, 1 ``--fail-on`` findings, 2 bad input, 4 the service refused or could not
be reached, 5 timed out waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from worker.cli.client import ApiClient, ServiceError
from worker.cli.fail_on import FINDINGS_EXIT, add_fail_on_option, findings
from worker.cli.inputs import InputError
from worker.cli.primary_inputs import add_primary_arguments, read_primaries
from worker.cli.progress import Progress
from worker.cli.submit_inputs import collect, primary_payload

SERVICE_EXIT = 4
TIMEOUT_EXIT = 5
BATCH = 100  # the service's default MAX_BATCH


def add_submit_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "submit",
        help="send articles to a quotelens service and write its report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="text/JSON files, saved pages (.html), URL lists (.urls or one URL a line), URLs",
    )
    parser.add_argument(
        "--api",
        default=os.environ.get("QUOTELENS_API", "http://127.0.0.1:8000"),
        help="the service's base URL (default: $QUOTELENS_API or http://127.0.0.1:8000)",
    )
    parser.add_argument(
        "--key",
        default=os.environ.get("QUOTELENS_API_KEY"),
        help="API key (default: $QUOTELENS_API_KEY); prefer the variable, a flag shows in ps",
    )
    story = parser.add_mutually_exclusive_group(required=True)
    story.add_argument("--story", metavar="NAME", help="create a story with this name")
    story.add_argument("--story-id", metavar="ID", help="add the articles to this story")
    add_primary_arguments(parser)
    parser.add_argument("--format", choices=("json", "text", "html", "csv"), default="text")
    parser.add_argument("-o", "--output", type=Path, help="write the report here, not stdout")
    parser.add_argument(
        "--comparisons", type=Path, metavar="CSV", help="also write the compared pairs as CSV"
    )
    parser.add_argument(
        "--share",
        type=float,
        metavar="HOURS",
        default=None,
        help="also make a share link valid this many hours; printed on stderr",
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds to wait for the report (default 600)"
    )
    parser.add_argument("--poll", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    add_fail_on_option(parser)
    parser.set_defaults(handler=run_submit)


def _covered(report: dict[str, Any], ids: set[str]) -> bool:
    listed = {a.get("id") for a in report.get("articles", [])}
    listed |= {f.get("article_id") for f in report.get("failed_articles", [])}
    return ids <= listed


def wait_for_report(
    client: ApiClient, story_id: str, ids: set[str], timeout: float, poll: float
) -> dict[str, Any] | None:
    """The first report that covers ``ids``, or None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    progress: Progress | None = None
    try:
        while True:
            status = client.status(story_id)
            counts = status["articles"]
            total = sum(int(n) for n in counts.values())
            if progress is None:
                progress = Progress(total, "processing", minimum=1)
            progress.total = total
            progress.advance(int(counts["done"]) + int(counts["failed"]) - progress.done)
            pending = int(counts["queued"]) + int(counts["processing"])
            if not pending and status["report_version"] > 0:
                report = client.report(story_id)
                if _covered(report, ids):
                    return report
            if time.monotonic() > deadline:
                return None
            time.sleep(poll)
    finally:
        if progress is not None:
            progress.close()


def _send(
    client: ApiClient, args: argparse.Namespace, articles: list[dict[str, Any]]
) -> tuple[str, set[str]]:
    """The story's id and the ids the service gave the articles sent."""
    story_id = str(args.story_id or client.create_story(args.story)["id"])
    print(f"quotelens: story {story_id}: sending {len(articles)} articles", file=sys.stderr)
    ids: set[str] = set()
    for start in range(0, len(articles), BATCH):
        accepted = client.submit(story_id, articles[start : start + BATCH])
        ids.update(str(a["id"]) for a in accepted["articles"])
    return story_id, ids


def _render(
    client: ApiClient, story_id: str, args: argparse.Namespace, body: dict[str, Any]
) -> str:
    if args.format == "json":
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if args.format == "html":
        return client.report_as(story_id, "html")
    if args.format == "csv":
        return client.report_as(story_id, "csv")
    from worker.checker.report import Report
    from worker.cli.check import _use_color
    from worker.render import render_text

    color = _use_color(args.color, args.output is None and sys.stdout.isatty())
    return render_text(Report.from_dict(body), color=color)


def run_submit(args: argparse.Namespace) -> int:
    from worker.checker.report import Report
    from worker.cli.check import write_output

    if not args.key:
        print("quotelens: error: give --key or set QUOTELENS_API_KEY", file=sys.stderr)
        return 2
    try:
        articles = collect(args.files)
        primaries = read_primaries(args.primary, args.primary_speaker, set())
    except InputError as error:
        for line in str(error).splitlines():
            print(f"quotelens: error: {line}", file=sys.stderr)
        return 2
    articles += [primary_payload(p) for p in primaries]
    try:
        with ApiClient(args.api, args.key) as client:
            story_id, ids = _send(client, args, articles)
            body = wait_for_report(client, story_id, ids, args.timeout, args.poll)
            if body is None:
                print(
                    f"quotelens: error: no complete report for story {story_id} after "
                    f"{args.timeout:g} s (see GET /v1/stories/{story_id})",
                    file=sys.stderr,
                )
                return TIMEOUT_EXIT
            for failed in body.get("failed_articles", []):
                print(
                    f"quotelens: warning: {failed.get('source')}: {failed.get('error')}",
                    file=sys.stderr,
                )
            status = write_output(args.output, _render(client, story_id, args, body))
            if status == 0 and args.comparisons is not None:
                table = client.report_as(story_id, "csv", {"table": "comparisons"})
                status = write_output(args.comparisons, table)
            if args.share is not None:
                link = client.share(story_id, args.share)
                print(
                    f"quotelens: share link (until {link['expires_at']}): {link['url']}",
                    file=sys.stderr,
                )
    except ServiceError as error:
        print(f"quotelens: error: {error}", file=sys.stderr)
        return SERVICE_EXIT
    if status:
        return status
    found = findings(Report.from_dict(body), args.fail_on)
    if found is not None:
        print(f"quotelens: --fail-on {args.fail_on}: {found}", file=sys.stderr)
        return FINDINGS_EXIT
    return 0
