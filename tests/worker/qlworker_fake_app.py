"""Celery app for worker-process tests: the real app, tasks and jobs, with NLP and checker
replaced by the fakes of ``qlfakes`` (start with ``celery -A qlworker_fake_app:app worker``).

``QLTEST_EXTRACT_DELAY`` (seconds) slows the fake extraction down, so several workers get
a share of a burst. With ``QLTEST_KILL_DIR`` set, an article containing ``KILL-ONCE`` kills
its pool process on the first try (a marker file remembers it) and ``KILL-ALWAYS`` on every
try, like an out-of-memory kill would. With ``QLTEST_TRACE_DIR`` set, every extraction
that starts leaves a file ``<article id>.<pid>`` there, so a fault test can tell which process
is extracting what (and kill it mid-way) and which process finished it.
``QLTEST_CHECK_DELAY`` slows every report build down by that many seconds, and with
``QLTEST_CHECK_TRACE_DIR`` set each build that starts leaves a file ``check.<pid>.<n>`` there.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.worker import qlfakes
from worker import records
from worker.celery_app import app
from worker.jobs import extraction, story_check

_DELAY = float(os.environ.get("QLTEST_EXTRACT_DELAY", "0"))
_KILL_DIR = os.environ.get("QLTEST_KILL_DIR")
_TRACE_DIR = os.environ.get("QLTEST_TRACE_DIR")
_CHECK_DELAY = float(os.environ.get("QLTEST_CHECK_DELAY", "0"))
_CHECK_TRACE_DIR = os.environ.get("QLTEST_CHECK_TRACE_DIR")


def _maybe_die(article: records.Article) -> None:
    if not _KILL_DIR:
        return
    marker = Path(_KILL_DIR) / article.id
    if "KILL-ALWAYS" in article.text or ("KILL-ONCE" in article.text and not marker.exists()):
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)


def _extract(article: records.Article) -> records.ExtractedArticle:
    if _TRACE_DIR:
        (Path(_TRACE_DIR) / f"{article.id}.{os.getpid()}").touch()
    _maybe_die(article)
    if _DELAY:
        time.sleep(_DELAY)
    return qlfakes.fake_extract(article)


def _build(
    articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource]
) -> dict[str, Any]:
    if _CHECK_TRACE_DIR:
        (Path(_CHECK_TRACE_DIR) / f"check.{os.getpid()}.{time.monotonic_ns()}").touch()
    if _CHECK_DELAY:
        time.sleep(_CHECK_DELAY)
    return qlfakes.fake_build(articles, primaries)


extraction.EXTRACTOR = _extract
story_check.BUILDER = _build

__all__ = ["app"]
