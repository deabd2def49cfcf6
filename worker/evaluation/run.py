"""``make eval``: run the real pipeline on the gold stories and print how it scores.

Usage: ``python -m worker.evaluation tests/data/gold [--json] [--story NAME ...]
[--realnews [DIR]] [--realnews-only] [--errors FILE]``.

With ``--realnews`` the real-news development set is scored too and printed as a second table
(``realnews.py``: one batched extraction over all its articles, pooled figures per outlet).

Each story goes through the real pipeline (``pipeline.py``); what it got wrong is listed from
``errors.py``.

Exit status: 0 once the stories were scored (the figures are information; the thresholds live in
``tests/evaluation/test_gold_thresholds.py``), 2 for unreadable gold, a missing pipeline or a
real-news folder that was asked for and is not there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from worker.evaluation import realnews
from worker.evaluation.errors import error_records, format_error
from worker.evaluation.gold import GoldError, GoldStory, load_folder
from worker.evaluation.pipeline import PipelineUnavailable, run_story
from worker.evaluation.score import Counts, StoryScore, total
from worker.evaluation.table import QUOTE_COLUMNS, quote_cells, text_table

_COLUMNS = (
    ("story", 22),
    *QUOTE_COLUMNS,
    ("spk", 6),
    ("pairs", 5),
    ("link", 5),
    ("full", 5),
    ("sev", 5),
    ("false", 5),
)


def _row(name: str, counts: Counts) -> list[str]:
    sev = f"{counts.severity_right}/{counts.variant_pairs}" if counts.variant_pairs else "-"
    return [
        name,
        *quote_cells(counts),
        f"{counts.speaker_accuracy:.3f}",
        str(counts.pairs),
        str(counts.linked),
        str(counts.fully_right),
        sev,
        str(counts.false_links),
    ]


def render_table(scores: Sequence[StoryScore], overall: Counts) -> str:
    """Per-story table plus the overall row."""
    rows = [
        _row(score.story + (" !" if score.pipeline_error else ""), score.counts) for score in scores
    ]
    return text_table(_COLUMNS, [rows, [_row("overall", overall)]])


def results_json(stories: Sequence[GoldStory], scores: Sequence[StoryScore]) -> dict[str, Any]:
    """Machine-readable results: counts, metrics and errors per story, plus overall figures."""
    overall = total(scores)
    by_name = {story.story: story for story in stories}
    return {
        "stories": [
            {
                "story": score.story,
                "counts": score.counts.to_dict(),
                "metrics": score.counts.metrics(),
                "errors": error_records(score, by_name[score.story]),
                "warnings": score.warnings,
            }
            for score in scores
        ],
        "overall": {"counts": overall.to_dict(), "metrics": overall.metrics()},
    }


def print_text(stories: Sequence[GoldStory], scores: Sequence[StoryScore], out: TextIO) -> None:
    """The human report: table, overall figures, then every error for debugging."""
    overall = total(scores)
    print(render_table(scores, overall), file=out)
    m = overall.metrics()
    print(
        f"\noverall: P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
        f"speaker {m['speaker_accuracy']:.3f}  | pairs {overall.pairs}: linked "
        f"{m['pairs_linked']:.3f}  wording {m['pairs_wording_right']:.3f}  severity "
        f"{overall.severity_right}/{overall.variant_pairs}  same_speaker "
        f"{m['pairs_same_speaker_right']:.3f}  fully right {m['pairs_fully_right']:.3f}  "
        f"false links {overall.false_links}",
        file=out,
    )
    by_name = {story.story: story for story in stories}
    lines = [
        format_error(score.story, record)
        for score in scores
        for record in error_records(score, by_name[score.story])
    ]
    warnings = [warning for score in scores for warning in score.warnings]
    if warnings:
        print(f"\ngold warnings ({len(warnings)}):", file=out)
        for warning in warnings:
            print(f"  {warning}", file=out)
    print(f"\nerrors ({len(lines)}):" if lines else "\nerrors: none", file=out)
    for text in lines:
        print(f"  {text}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (``python -m worker.evaluation``)."""
    parser = argparse.ArgumentParser(
        prog="python -m worker.evaluation",
        description="Score the extraction + checking pipeline against gold annotations.",
    )
    parser.add_argument(
        "gold",
        nargs="?",
        default="tests/data/gold",
        type=Path,
        help="folder searched recursively for gold *.json (or one file)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--story", action="append", metavar="NAME", help="only this story (repeatable)"
    )
    parser.add_argument(
        "--no-checker",
        action="store_true",
        help="score extraction only (pairs then count as unlinked)",
    )
    parser.add_argument(
        "--realnews",
        nargs="?",
        const="",
        metavar="DIR",
        help="also score the real-news development set in DIR (default "
        f"${realnews.ENV}, else {realnews.DEFAULT} beside the repository)",
    )
    parser.add_argument(
        "--realnews-only", action="store_true", help="only the real-news table (implies --realnews)"
    )
    parser.add_argument(
        "--realnews-limit",
        type=int,
        metavar="N",
        help="only the first N real-news gold files (a quick look)",
    )
    parser.add_argument(
        "--errors",
        type=Path,
        metavar="FILE",
        help="write the real-news errors (wrong speakers with the gold aliases "
        "and PolNeAR's source text, misses, spurious quotes) to FILE; implies "
        "--realnews",
    )
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    if not args.realnews_only:
        status = _gold(args, results)
        if status:
            return status
    if args.realnews is not None or args.realnews_only or args.errors is not None:
        status = _realnews(args, results)
        if status:
            return status
    if args.json:
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        print()
    return 0


def _gold(args: argparse.Namespace, results: dict[str, Any]) -> int:
    """The gold table (printed, or added to ``results`` for ``--json``); an exit status."""
    try:
        stories = load_folder(args.gold, args.story)
    except GoldError as exc:
        print(f"gold error: {exc}", file=sys.stderr)
        return 2
    if not stories:
        print(
            f"no gold stories found under {args.gold}"
            + (f" named {args.story}" if args.story else ""),
            file=sys.stderr,
        )
        return 2
    try:
        nlp = configured_model()
        scores = [run_story(story, nlp, checker=not args.no_checker) for story in stories]
    except PipelineUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.json:
        results.update(results_json(stories, scores))
        return 0
    if args.no_checker:
        print("extraction only (--no-checker): pair figures are not meaningful\n")
    print_text(stories, scores, sys.stdout)
    return 0


def configured_model() -> Any:
    """The spaCy model the settings name (``QUOTELENS_SPACY_MODEL``), as the service and the CLI
    load it, so ``make eval`` measures the model users get."""
    from worker.pipeline import configured_model as load

    return load()


def _realnews(args: argparse.Namespace, results: dict[str, Any]) -> int:
    """The real-news table (see ``realnews``); an exit status."""
    folder = Path(args.realnews) if args.realnews else realnews.default_folder()
    if not folder.is_dir():
        print(realnews.missing_message(folder), file=sys.stderr)
        return 2
    try:
        stories = realnews.load(folder, args.realnews_limit)
    except GoldError as exc:
        print(f"real-news gold error: {exc}", file=sys.stderr)
        return 2
    if not stories:
        print(f"no gold files under {folder}", file=sys.stderr)
        return 2
    articles = sum(len(story.articles) for story in stories)
    print(
        f"real news: extracting {articles} articles of {len(stories)} gold files…",
        file=sys.stderr,
        flush=True,
    )
    try:
        scores = realnews.run(stories, configured_model(), checker=not args.no_checker)
    except PipelineUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.errors is not None:
        with args.errors.open("w", encoding="utf-8") as out:
            written = realnews.write_errors(stories, scores, out)
        listed = ", ".join(f"{count} {kind}" for kind, count in written.items() if count)
        print(f"real-news errors written to {args.errors}: {listed or 'none'}", file=sys.stderr)
    if args.json:
        results["realnews"] = realnews.results_json(stories, scores)
    else:
        realnews.print_text(folder, stories, scores, sys.stdout)
    return 0
