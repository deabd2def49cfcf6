"""Celery app for worker-process tests: the real app, tasks and jobs, with NLP and checker
replaced by the fakes of ``qlfakes`` (start with ``celery -A qlworker_fake_app:app worker``).

``QLTEST_EXTRACT_DELAY`` (seconds) slows the fake extraction down, so several workers get
a share of a burst. With ``QLTEST_KILL_DIR`` set, an article containing ``KILL-ONCE`` kills
its pool process on the first try (a marker file remembers it) and ``KILL-ALWAYS`` on every
try, like an out-of-memory kill would. With ``QLTEST_TRACE_DIR`` set, every extraction
that starts leaves a file ``<article id>.<pid>`` there, so a fault test can tell which process
is extracting what (and kill it mid-way) and which process finished it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import qlfakes

from worker import records
from worker.celery_app import app
from worker.jobs import extraction, story_check

_DELAY = float(os.environ.get("QLTEST_EXTRACT_DELAY", "0"))
_KILL_DIR = os.environ.get("QLTEST_KILL_DIR")
_TRACE_DIR = os.environ.get("QLTEST_TRACE_DIR")


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


extraction.EXTRACTOR = _extract
story_check.BUILDER = qlfakes.fake_build

__all__ = ["app"]
