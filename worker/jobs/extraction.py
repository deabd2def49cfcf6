"""Extraction job: claim an article, extract its quotes, store them, request a story check.

Idempotent and at-least-once safe:
- the claim is a conditional UPDATE (``queued -> processing``), so a duplicate message for a
  done/failed article, or one another worker holds, is a no-op;
- the quotes are stored by replacing the article's whole quote list, never appended;
- each claim counts an attempt in the database, so an article that keeps killing its worker
  process (requeued by ``task_reject_on_worker_lost``) is marked failed after the bound instead
  of looping forever.
A failed article is listed in the story's report; it never blocks it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Literal

from worker import records
from worker.ingest import IngestError
from worker.jobs.enqueue import Enqueuer
from worker.jobs.ingest import prepare_article
from worker.nlp.language import not_analysed_reason
from worker.nlp.transcripts import read_primary, unattributed_statement_message
from worker.settings import Settings, get_settings
from worker.storage import articles as article_repo
from worker.storage import check_jobs
from worker.storage import stories as story_repo
from worker.storage.db import session_scope

log = logging.getLogger(__name__)

Extractor = Callable[[records.Article], records.ExtractedArticle]

# Replaced in tests that need a failing or slow extractor inside a real worker process.
EXTRACTOR: Extractor | None = None

RETRY_BASE_SECONDS = 2.0
RETRY_MAX_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class ExtractionOutcome:
    status: Literal["done", "skipped", "retry", "failed"]
    article_id: str
    story_id: str | None = None
    quotes: int = 0
    retry_in: float | None = None
    error: str | None = None


def default_extractor() -> Extractor:
    if EXTRACTOR is not None:
        return EXTRACTOR
    from worker.nlp import extract_article
    from worker.pipeline import configured_model

    return lambda article: extract_article(article, configured_model())


def retry_delay(attempt: int, rng: random.Random | None = None) -> float:
    """Backoff before extraction attempt ``attempt + 1``: exponential, capped, jittered."""
    base = min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** max(0, min(attempt - 1, 16)))
    factor = rng.uniform(0.8, 1.2) if rng is not None else random.uniform(0.8, 1.2)
    return float(base * factor)


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, IngestError):
        return text  # already worded for the client ("fetch refused: ...")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def unattributed_primary_reason(source: records.PrimarySource) -> str | None:
    """Why a primary source cannot be checked: nobody is named as its speaker.

    Without a ``speaker`` and without transcript labels, the checker has nobody to compare
    the outlets' attributions with, and the article would be silently never checked. It is
    refused with the CLI's message, which lists the label forms that are read.
    """
    if source.speaker or read_primary(source.text).labelled:
        return None
    return unattributed_statement_message('the article\'s "speaker"')


def request_story_check(story_id: str, enqueue: Enqueuer, settings: Settings) -> None:
    """Enqueue the story's debounced check if none of its articles is still pending.

    The extraction has already recorded its check request in the transaction that stored its
    result, and that transaction is committed before this count: of articles finishing
    together, the last one to commit sees none pending. So a burst of articles enqueues one
    check task instead of one per article, each of which would only wake up to stand down.
    Stuck articles do not count (as in the check itself); a lost message is the reconciler's.
    """
    stale_after = timedelta(seconds=settings.reconcile_after_seconds)
    with session_scope(settings.database_url) as session:
        pending = check_jobs.fresh_pending_count(session, story_id, stale_after)
    if not pending:
        enqueue.check_story(story_id, countdown=settings.check_debounce_seconds)


def run_extraction(
    article_id: str,
    enqueue: Enqueuer,
    *,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    redelivered: bool = False,
) -> ExtractionOutcome:
    """Extract one article.

    ``redelivered``: the broker handed this message out before and it was never acknowledged
    (the worker process running it died; ``task_reject_on_worker_lost`` requeued it). Then an
    article left in ``processing`` is taken over at once instead of after the stale period.
    """
    settings = settings or get_settings()
    database_url = settings.database_url
    max_attempts = settings.task_max_retries + 1
    stale_after = (
        timedelta(0) if redelivered else timedelta(seconds=settings.reconcile_after_seconds)
    )

    with session_scope(database_url) as session:
        article = article_repo.claim_article(session, article_id, stale_after=stale_after)
        if article is None:
            return ExtractionOutcome("skipped", article_id)
        story_id = article.story_id
        attempts = article.attempts
        record = article_repo.to_record(article)
        primary = article_repo.to_primary(article) if article.is_primary else None
        if attempts > max_attempts:
            # Earlier attempts never finished (worker process killed, hard time limit).
            article_repo.mark_failed(
                session,
                article_id,
                f"gave up after {attempts - 1} attempts that did not finish "
                "(worker process lost or time limit exceeded)",
            )
            story_repo.request_check(session, story_id)
            exhausted = True
        else:
            exhausted = False
    if exhausted:
        request_story_check(story_id, enqueue, settings)
        return ExtractionOutcome("failed", article_id, story_id, error="attempts exhausted")

    try:
        record = prepare_article(record, settings)  # html/url pages
        # Not English, or a primary source with no speaker: nothing to extract; the report
        # lists the article with the reason.
        skipped = not_analysed_reason(record.text) or (
            unattributed_primary_reason(replace(primary, text=record.text)) if primary else None
        )
        if skipped is None:
            extracted = (extractor or default_extractor())(record)
    except Exception as exc:  # any failure of the extraction counts against the retry budget
        error = describe_error(exc)
        # A refused address or a PDF stays so: fail at once, with the reason as worded.
        permanent = isinstance(exc, IngestError) and exc.permanent
        if attempts < max_attempts and not permanent:
            log.warning("extraction of %s failed (attempt %d): %s", article_id, attempts, error)
            with session_scope(database_url) as session:
                article_repo.release_article(session, article_id, error)
            return ExtractionOutcome(
                "retry", article_id, story_id, retry_in=retry_delay(attempts), error=error
            )
        log.error(
            "extraction of %s failed for good after %d attempts: %s", article_id, attempts, error
        )
        reason = error if permanent else f"{error} (after {attempts} attempts)"
        with session_scope(database_url) as session:
            article_repo.mark_failed(session, article_id, reason)
            story_repo.request_check(session, story_id)
        request_story_check(story_id, enqueue, settings)
        return ExtractionOutcome("failed", article_id, story_id, error=error)

    if skipped is not None:
        with session_scope(database_url) as session:
            article_repo.mark_failed(session, article_id, skipped)
            story_repo.request_check(session, story_id)
        request_story_check(story_id, enqueue, settings)
        return ExtractionOutcome("failed", article_id, story_id, error=skipped)

    with session_scope(database_url) as session:
        article_repo.store_quotes(session, article_id, extracted.quotes)
        story_repo.request_check(session, story_id)
    request_story_check(story_id, enqueue, settings)
    return ExtractionOutcome("done", article_id, story_id, quotes=len(extracted.quotes))
