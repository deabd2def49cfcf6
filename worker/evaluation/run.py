"""``make eval``: run the real pipeline on the gold stories and print how it scores.

Usage: ``python -m worker.evaluation tests/data/gold [--json] [--story NAME ...]
[--realnews [DIR]] [--realnews-only] [--errors FILE]``.

With ``--realnews`` the real-news development set is scored too and printed as a second table
(``realnews.py``: one batched extraction over all its articles, pooled figures per outlet).

The pipeline is the one users get: ``worker.nlp.extract_articles`` on all articles of a story at
once, then ``worker.checker.build_report``. Both are imported when needed, not at module import, so
the scorer itself (and its tests) work while a stage is missing or broken; a story whose pipeline
run raises is reported with the error and scored as if nothing had been reported.

Exit status: 0 once the stories were scored (the figures are information; the thresholds live in
``tests/evaluation/test_gold_thresholds.py``), 2 for unreadable gold, a missing pipeline or a
real-news folder that was asked for and is not there.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from worker.evaluation import realnews
from worker.evaluation.gold import GoldError, GoldStory, load_folder
from worker.evaluation.report import ReportView, build_view
from worker.evaluation.score import Counts, StoryScore, score_story, total
from worker.records import Article, ExtractedArticle, PrimarySource

ExtractFn = Callable[..., list[ExtractedArticle]]
BuildReportFn = Callable[..., Any]  # (extracted, *, primaries=...) -> Report or dict


class PipelineUnavailable(RuntimeError):
    """A pipeline stage cannot be imported (it is still being written, or broken)."""


def pipeline_functions() -> tuple[ExtractFn, BuildReportFn]:
    """``extract_articles`` and ``build_report``, imported on demand (see the module doc)."""
    try:
        nlp_module = importlib.import_module("worker.nlp")
        checker_module = importlib.import_module("worker.checker")
        extract = nlp_module.extract_articles
        build = checker_module.build_report
    except (ImportError, AttributeError) as exc:
        raise PipelineUnavailable(f"pipeline not available: {exc!r}") from exc
    return cast(ExtractFn, extract), cast(BuildReportFn, build)


def extraction_only() -> tuple[ExtractFn, BuildReportFn]:
    """Extraction without the checker (``--no-checker``): every pair scores as unlinked."""
    try:
        extract = importlib.import_module("worker.nlp").extract_articles
    except (ImportError, AttributeError) as exc:
        raise PipelineUnavailable(f"extraction not available: {exc!r}") from exc
    return cast(ExtractFn, extract), lambda extracted, **_: {}


def story_articles(story: GoldStory) -> list[Article]:
    """The gold story's articles (not its primary sources) as the service receives them (id and
    source = file stem)."""
    return [
        Article(id=a.source, source=a.source, text=a.text) for a in story.articles if not a.primary
    ]


def story_primaries(story: GoldStory) -> list[PrimarySource]:
    """The gold story's primary sources, with whose words a statement is."""
    return [
        PrimarySource(id=a.source, source=a.source, text=a.text, speaker=a.speaker)
        for a in story.articles
        if a.primary
    ]


def report_dict(report: Any) -> dict[str, Any]:
    """The report as JSON data, whether ``build_report`` returned a ``Report`` or a dict."""
    if isinstance(report, dict):
        return report
    return cast(dict[str, Any], report.to_dict())


def run_story(story: GoldStory, nlp: Any = None, *, checker: bool = True) -> StoryScore:
    """Run the pipeline on one gold story and score it; pipeline errors are recorded, not raised.

    ``nlp`` is a loaded spaCy ``Language`` to reuse (tests load it once per session); ``None``
    lets ``extract_articles`` use its own cached model. ``checker=False`` scores extraction only.
    """
    extract, build = pipeline_functions() if checker else extraction_only()
    try:
        articles = story_articles(story)
        extracted = extract(articles, nlp=nlp) if nlp is not None else extract(articles)
        report = build(extracted, primaries=story_primaries(story))
        view = build_view(report_dict(report), extracted)
    except Exception:
        score = score_story(story, ReportView())
        score.pipeline_error = traceback.format_exc()
        return score
    return score_story(story, view)


# ---------------------------------------------------------------------------------- rendering


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_records(score: StoryScore, gold: GoldStory) -> list[dict[str, Any]]:
    """Every miss of one story as structured records (for JSON and for the text listing)."""
    records: list[dict[str, Any]] = []
    if score.pipeline_error:
        records.append({"kind": "pipeline_error", "error": score.pipeline_error.strip()})
    for article in score.articles:
        for match in article.gold:
            quote = match.gold
            if not match.found:
                records.append(
                    {
                        "kind": "missed",
                        "gold": quote.id,
                        "article": quote.article,
                        "text": quote.text,
                        "covered": match.covered,
                        "words": len(quote.words),
                        "nearest": match.best.id if match.best else None,
                        "nearest_text": match.best.text if match.best else None,
                    }
                )
            elif match.speaker_right is False:  # None: the gold speaker is unscored
                records.append(
                    {
                        "kind": "wrong_speaker",
                        "gold": quote.id,
                        "article": quote.article,
                        "text": quote.text,
                        "want": quote.speaker,
                        "aliases": list(gold.speakers[quote.speaker]),
                        "not_name": match.not_name,
                        "source_text": gold.speaker_sources.get(quote.speaker),
                        "reported": match.best.speaker if match.best else None,
                        "reported_quote": match.best.id if match.best else None,
                    }
                )
        for reported in article.reported:
            if reported.counted and not reported.correct:
                records.append(
                    {
                        "kind": "spurious",
                        "reported": reported.quote.id,
                        "article": reported.quote.article,
                        "text": reported.quote.text,
                        "speaker": reported.quote.speaker,
                        "covered": reported.covered,
                        "words": len(reported.quote.words),
                    }
                )
    for pair in score.pairs:
        if pair.fully_right and pair.severity_right is not False:
            continue
        gold_pair = pair.pair
        record: dict[str, Any] = {
            "kind": "pair",
            "a": gold_pair.a,
            "b": gold_pair.b,
            "relation": gold_pair.relation,
            "severity": gold_pair.severity,
            "same_speaker": gold_pair.same_speaker,
            "best_a": pair.best_a,
            "best_b": pair.best_b,
            "problems": [],
        }
        problems: list[str] = record["problems"]
        if pair.best_a is None or pair.best_b is None:
            missing = [
                g for g, b in ((gold_pair.a, pair.best_a), (gold_pair.b, pair.best_b)) if b is None
            ]
            problems.append("not found: " + ", ".join(missing))
        elif pair.comparison is None:
            problems.append(f"not linked ({pair.best_a} ~ {pair.best_b})")
        else:
            c = pair.comparison
            if not pair.wording_right:
                problems.append(f"wording {c.wording} (want {gold_pair.relation})")
            if pair.severity_right is False and pair.wording_right:
                problems.append(f"severity {c.severity} (want {gold_pair.severity})")
            if not pair.same_speaker_right:
                problems.append(f"same_speaker {c.same_speaker} (want {gold_pair.same_speaker})")
        records.append(record)
    for link in score.false_links:
        c = link.comparison
        records.append(
            {
                "kind": "false_link",
                "a": c.a,
                "b": c.b,
                "wording": c.wording,
                "severity": c.severity,
                "gold_a": list(link.gold_a),
                "gold_b": list(link.gold_b),
            }
        )
    return records


def format_error(story: str, record: dict[str, Any]) -> str:
    """One human-readable line (or block) per error record."""
    kind = record["kind"]
    head = f"[{story}]"
    if kind == "pipeline_error":
        return f"{head} pipeline error:\n{record['error']}"
    if kind == "missed":
        nearest = (
            f"; nearest {record['nearest']}: “{_short(record['nearest_text'], 60)}”"
            if record["nearest"]
            else "; nothing near"
        )
        return (
            f"{head} missed {record['gold']} ({record['article']}, "
            f"{record['covered']}/{record['words']} words): “{_short(record['text'])}”"
            f"{nearest}"
        )
    if kind == "wrong_speaker":
        source = f" (source {record['source_text']!r})" if record.get("source_text") else ""
        names = f", names {record['not_name']!r}" if record.get("not_name") else ""
        return (
            f"{head} speaker {record['gold']}: want {record['want']} "
            f"{record['aliases']}{source}, reported {record['reported']!r}{names} on "
            f"{record['reported_quote']}: “{_short(record['text'], 60)}”"
        )
    if kind == "spurious":
        return (
            f"{head} spurious {record['reported']} ({record['speaker']!r}, "
            f"{record['covered']}/{record['words']} words in gold): "
            f"“{_short(record['text'])}”"
        )
    if kind == "pair":
        return (
            f"{head} pair {record['a']}~{record['b']} ({record['relation']}"
            f"{'/' + record['severity'] if record['severity'] else ''}): "
            + "; ".join(record["problems"])
        )
    if kind == "false_link":
        return (
            f"{head} false link {record['a']} ~ {record['b']} ({record['wording']}"
            f"{'/' + record['severity'] if record['severity'] else ''}) standing for "
            f"{'/'.join(record['gold_a'])} ~ {'/'.join(record['gold_b'])}"
        )
    return f"{head} {record}"


_COLUMNS = (
    ("story", 22),
    ("gold", 5),
    ("found", 5),
    ("rep", 5),
    ("corr", 5),
    ("P", 6),
    ("R", 6),
    ("F1", 6),
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
        str(counts.gold_quotes),
        str(counts.found),
        str(counts.reported),
        str(counts.correct),
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
        f"{counts.speaker_accuracy:.3f}",
        str(counts.pairs),
        str(counts.linked),
        str(counts.fully_right),
        sev,
        str(counts.false_links),
    ]


def render_table(scores: Sequence[StoryScore], overall: Counts) -> str:
    """Per-story table plus the overall row."""
    lines = []

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, (_, width)) in enumerate(zip(cells, _COLUMNS, strict=True))
        ).rstrip()

    lines.append(line([name for name, _ in _COLUMNS]))
    lines.append(line(["-" * width for _, width in _COLUMNS]))
    for score in scores:
        lines.append(line(_row(score.story + (" !" if score.pipeline_error else ""), score.counts)))
    lines.append(line(["-" * width for _, width in _COLUMNS]))
    lines.append(line(_row("overall", overall)))
    return "\n".join(lines)


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
        scores = [run_story(story, checker=not args.no_checker) for story in stories]
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
        scores = realnews.run(stories, checker=not args.no_checker)
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
