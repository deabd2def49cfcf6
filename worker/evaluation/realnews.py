"""The real-news development set (``../shared/realnews``): load, run in-process, tabulate.

The set is PolNeAR train converted to the gold format: 84 gold files of 10 unrelated articles
each, with the optional fields of FORMAT.md and no pairs. It is read where it lies, never copied
into the repository (its README forbids that), so the folder is a setting: ``--realnews DIR``,
else ``QUOTELENS_REALNEWS``, else ``../shared/realnews/polnear-train`` beside the repository, as
CI has it.

All 840 articles are extracted with one batched ``extract_articles`` call (one spaCy pipe over
everything is what makes the whole set take under a minute), then each gold file's articles go
through ``build_report`` together, as ``quotelens check`` would run on them, and the report is
scored as ``../shared/eval/score.py`` scores it: quotes and speakers as the report gives them.
The checker adds a few seconds; with ``checker=False`` the extraction records are scored.

Figures are pooled over all files (counts summed, then divided), overall and per outlet (the
article file names start with the outlet: ``nyt_2016-…``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from worker.evaluation import pipeline
from worker.evaluation.errors import error_records, format_error
from worker.evaluation.gold import GoldStory, load_folder
from worker.evaluation.report import ReportView, build_view, quotes_from_report
from worker.evaluation.score import Counts, StoryScore, article_counts, score_story, total
from worker.evaluation.table import QUOTE_COLUMNS, quote_cells, text_table

ENV = "QUOTELENS_REALNEWS"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Path("..") / "shared" / "realnews" / "polnear-train"
ERROR_KINDS = ("wrong_speaker", "missed", "spurious", "pipeline_error")


def default_folder() -> Path:
    """``QUOTELENS_REALNEWS`` if set, else ``../shared/realnews/polnear-train`` by the repo."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured)
    return (REPO_ROOT / DEFAULT).resolve()


def load(folder: Path, limit: int | None = None) -> list[GoldStory]:
    """The gold files below ``folder`` (the first ``limit`` in file-name order, if given)."""
    stories = load_folder(folder)
    return stories[:limit] if limit is not None else stories


def outlet(article_path: Path) -> str:
    """The outlet of a real-news article: its file name up to the first underscore."""
    return article_path.name.split("_", 1)[0]


def run(stories: Sequence[GoldStory], nlp: Any = None, *, checker: bool = True) -> list[StoryScore]:
    """Extract every article of every story in one batch, report per story, and score.

    A pipeline error while reporting one story is recorded on that story (scored as if nothing
    was reported); an extraction error affects all stories and is raised.
    """
    extract, build = pipeline.pipeline_functions()
    per_story = [pipeline.story_articles(story) for story in stories]
    articles = [article for own_articles in per_story for article in own_articles]
    extracted = extract(articles, nlp=nlp) if nlp is not None else extract(articles)
    scores: list[StoryScore] = []
    at = 0
    for story, own_articles in zip(stories, per_story, strict=True):
        own = extracted[at : at + len(own_articles)]
        at += len(own_articles)
        if not checker:
            scores.append(score_story(story, build_view({}, own)))
            continue
        try:
            report = pipeline.report_dict(build(own, primaries=pipeline.story_primaries(story)))
        except Exception:
            scores.append(pipeline.failed_score(story))
            continue
        scores.append(score_story(story, ReportView(quotes_from_report(report))))
    return scores


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the real-news table."""

    name: str
    articles: int
    counts: Counts


def rows(stories: Sequence[GoldStory], scores: Sequence[StoryScore]) -> list[Row]:
    """The overall row, then one per outlet in name order."""
    by_outlet: dict[str, Counts] = {}
    articles: dict[str, int] = {}
    for story, score in zip(stories, scores, strict=True):
        paths = {article.source: article.path for article in story.articles}
        for extraction in score.articles:
            name = outlet(paths[extraction.source])
            by_outlet.setdefault(name, Counts()).add(article_counts(extraction))
            articles[name] = articles.get(name, 0) + 1
    overall = Row("overall", sum(articles.values()), total(scores))
    return [overall, *(Row(name, articles[name], by_outlet[name]) for name in sorted(by_outlet))]


# An outlet whose gold lists fewer quotes than this per article lost its quotes in the set's
# conversion (the NYT archive marks quotes with doubled apostrophes, which the converter did
# not read): every quote the project finds there counts as spurious. The table shows its row
# and a second overall line without such outlets, so neither figure hides the other.
SPARSE_GOLD_PER_ARTICLE = 0.1


def sparse(row: Row) -> bool:
    return row.counts.gold_quotes < SPARSE_GOLD_PER_ARTICLE * row.articles


def dense_overall(table: Sequence[Row]) -> Row | None:
    """The overall figures over the outlets whose gold is not sparse (None if none is)."""
    kept = [row for row in table[1:] if not sparse(row)]
    if len(kept) == len(table) - 1:
        return None
    counts = Counts()
    for row in kept:
        counts.add(row.counts)
    return Row("overall*", sum(row.articles for row in kept), counts)


_COLUMNS = (
    ("set", 12),
    ("arts", 5),
    *QUOTE_COLUMNS,
    ("scored", 6),
    ("spk_ok", 6),
    ("spk", 6),
    ("spk_all", 7),
)


def _cells(row: Row) -> list[str]:
    c = row.counts
    return [
        row.name,
        str(row.articles),
        *quote_cells(c),
        str(c.speaker_scored),
        str(c.speaker_right),
        f"{c.speaker_accuracy:.3f}",
        f"{c.speaker_accuracy_all:.3f}",
    ]


def render_table(table: Sequence[Row]) -> str:
    """The overall row, a rule, then the per-outlet rows."""
    return text_table(_COLUMNS, [[_cells(table[0])], [_cells(row) for row in table[1:]]])


def print_text(
    folder: Path, stories: Sequence[GoldStory], scores: Sequence[StoryScore], out: TextIO
) -> None:
    """The real-news table with a legend and the headline figures."""
    table = rows(stories, scores)
    print(
        f"\nreal news: {len(stories)} gold files, {table[0].articles} articles ({folder})", file=out
    )
    dense = dense_overall(table)
    print(render_table([*table[:1], *([dense] if dense else []), *table[1:]]), file=out)
    for row in (table[0], dense):
        if row is None:
            continue
        c = row.counts
        print(
            f"\nreal news {row.name}: P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
            f"speaker_accuracy {c.speaker_accuracy:.3f} ({c.speaker_right}/{c.speaker_scored} "
            f"found quotes with a scored speaker)  speaker_accuracy_all "
            f"{c.speaker_accuracy_all:.3f} ({c.speaker_right}/{c.gold_scored})",
            file=out,
        )
    if dense is not None:
        left_out = ", ".join(row.name for row in table[1:] if sparse(row))
        print(
            f"* without {left_out}: fewer than {SPARSE_GOLD_PER_ARTICLE} gold quotes per article "
            "(quotes the set's conversion did not keep), so what the project finds there counts "
            "as spurious",
            file=out,
        )
    failed = [score.story for score in scores if score.pipeline_error]
    if failed:
        print(f"pipeline errors in {len(failed)} files: {', '.join(failed)}", file=out)
    warnings = sum(len(score.warnings) for score in scores)
    if warnings:
        print(f"gold warnings: {warnings} (listed with --errors)", file=out)


def results_json(stories: Sequence[GoldStory], scores: Sequence[StoryScore]) -> dict[str, Any]:
    """Pooled counts and metrics, overall and per outlet."""
    table = rows(stories, scores)
    return {
        "files": len(stories),
        "overall": {
            "articles": table[0].articles,
            "counts": table[0].counts.to_dict(),
            "metrics": _metrics(table[0].counts),
        },
        "outlets": {
            row.name: {
                "articles": row.articles,
                "counts": row.counts.to_dict(),
                "metrics": _metrics(row.counts),
            }
            for row in table[1:]
        },
    }


def _metrics(counts: Counts) -> dict[str, float]:
    keys = ("precision", "recall", "f1", "speaker_accuracy", "speaker_accuracy_all")
    metrics = counts.metrics()
    return {key: metrics[key] for key in keys}


def write_errors(
    stories: Sequence[GoldStory], scores: Sequence[StoryScore], out: TextIO
) -> dict[str, int]:
    """Every wrong speaker, miss and spurious quote (grouped by kind), then the gold warnings.

    Wrong speakers show the gold aliases and PolNeAR's own Source text, the material for error
    analysis. Returns how many records of each kind were written.
    """
    by_kind: dict[str, list[str]] = {kind: [] for kind in ERROR_KINDS}
    for story, score in zip(stories, scores, strict=True):
        for record in error_records(score, story):
            if record["kind"] in by_kind:
                by_kind[record["kind"]].append(format_error(score.story, record))
    for kind in ERROR_KINDS:
        if by_kind[kind]:
            print(f"{kind} ({len(by_kind[kind])}):", file=out)
            for line in by_kind[kind]:
                print(f"  {line}", file=out)
            print(file=out)
    warnings = [warning for score in scores for warning in score.warnings]
    if warnings:
        print(f"gold warnings ({len(warnings)}):", file=out)
        for warning in warnings:
            print(f"  {warning}", file=out)
    return {kind: len(lines) for kind, lines in by_kind.items()}


def missing_message(folder: Path) -> str:
    """Why the real-news table is absent, and how to point at the set."""
    return (
        f"real-news set not found at {folder}: pass --realnews DIR or set {ENV} "
        f"(the set lives in ../shared/realnews beside the repository)"
    )
