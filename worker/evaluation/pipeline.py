"""The real pipeline, run on gold stories: the articles as the service gets them, then scored.

The pipeline is the one users get: ``worker.nlp.extract_articles`` on all articles of a story at
once, then ``worker.checker.build_report``. Both are imported when needed, not at module import, so
the scorer itself (and its tests) work while a stage is missing or broken; a story whose pipeline
run raises is reported with the error and scored as if nothing had been reported.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from typing import Any, cast

from worker.evaluation.gold import GoldStory
from worker.evaluation.report import ReportView, build_view
from worker.evaluation.score import StoryScore, score_story
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


def failed_score(story: GoldStory) -> StoryScore:
    """The score of a story whose pipeline run just raised (call it in the ``except`` block).

    The story is scored as if nothing had been reported, and carries the traceback.
    """
    score = score_story(story, ReportView())
    score.pipeline_error = traceback.format_exc()
    return score


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
        return failed_score(story)
    return score_story(story, view)
