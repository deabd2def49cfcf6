"""Debounced story check: one report for a burst of articles, stored only when it changed.

Every finished (or failed) extraction records a check request (``stories.check_requested_at``
= now) and, once no article of the story is still pending, enqueues ``check_story`` with a
countdown of ``CHECK_DEBOUNCE_SECONDS`` (``extraction.request_story_check``: one task per burst).
When a task wakes up it builds the report only if

1. no newer request arrived meanwhile (that request's own task comes later), and
2. no article of the story is still queued or processing (the last one to finish requests
   the check again); stuck articles do not count, so nothing blocks a report forever.

Then it takes the request with a compare-and-set (one worker per request) for a lease of
``CHECK_LEASE_SECONDS`` that a heartbeat renews while it works (``lease``), builds the report
from every done article (failed ones are listed in ``failed_articles``), and stores it as the
next version only if its content differs from the latest (``save_report``). A new version of a
story with a webhook gets a delivery row, and its first attempt is enqueued right away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from worker import records
from worker.gc_pause import gc_paused
from worker.jobs.enqueue import Enqueuer
from worker.jobs.lease import Lease, heartbeat
from worker.settings import Settings, get_settings
from worker.storage import articles as article_repo
from worker.storage import check_jobs
from worker.storage import deliveries as delivery_repo
from worker.storage import reports as report_repo
from worker.storage import stories as story_repo
from worker.storage.db import session_scope
from worker.storage.types import utcnow
from worker.webhooks.payload import encoded_size

# (articles, primary sources) -> report JSON
ReportBuilder = Callable[
    [Sequence[records.ExtractedArticle], Sequence[records.PrimarySource]], dict[str, Any]
]

# Replaced in tests that run a real worker process without the checker.
BUILDER: ReportBuilder | None = None

# A task may wake up a little before its ETA by another clock; accept that much earliness.
CLOCK_TOLERANCE_SECONDS = 0.25
# Top-level report fields that change on every build without the content changing.
VOLATILE_FIELDS = ("generated_at", "created_at", "checked_at", "timestamp")
FAILED_FIELD = "failed_articles"

CheckStatus = Literal["missing", "not-requested", "superseded", "waiting", "unchanged", "created"]


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What one ``run_story_check`` call came to (the caller knows which story it passed)."""

    status: CheckStatus
    version: int | None = None
    delivery_id: str | None = None
    pending: int = 0


def default_builder(
    articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource]
) -> dict[str, Any]:
    if BUILDER is not None:
        return BUILDER(articles, primaries)
    from worker.checker import build_report

    with gc_paused():
        report: dict[str, Any] = build_report(articles, primaries=primaries).to_dict()
    return report


def report_fingerprint(body: dict[str, Any]) -> str:
    stable = {k: v for k, v in body.items() if k not in VOLATILE_FIELDS}
    return report_repo.body_hash(stable)


def build_report_body(
    articles: Sequence[records.ExtractedArticle],
    failures: Sequence[tuple[str, str, str | None]],
    builder: ReportBuilder | None = None,
    primaries: Sequence[records.PrimarySource] = (),
) -> dict[str, Any]:
    """The checker's report plus the extra ``failed_articles`` field (always present)."""
    body = dict((builder or default_builder)(articles, primaries))
    body[FAILED_FIELD] = [
        {"article_id": article_id, "source": source, "error": error}
        for article_id, source, error in failures
    ]
    return body


def within_quote_cap(
    articles: Sequence[records.ExtractedArticle], cap: int
) -> tuple[list[records.ExtractedArticle], list[tuple[str, str, str | None]]]:
    """The articles whose quotes fit in ``MAX_STORY_QUOTES`` (in the order stored, so earlier
    articles keep their place), and a failure entry for each one left out."""
    kept: list[records.ExtractedArticle] = []
    left_out: list[tuple[str, str, str | None]] = []
    total = 0
    for extracted in articles:
        if total + len(extracted.quotes) > cap:
            reason = (
                f"not checked: the story's report holds at most {cap} quotes "
                f"(MAX_STORY_QUOTES); this article adds {len(extracted.quotes)} to {total}"
            )
            left_out.append((extracted.article.id, extracted.article.source, reason))
            continue
        total += len(extracted.quotes)
        kept.append(extracted)
    return kept, left_out


def _over_report_cap(
    articles: Sequence[records.ExtractedArticle], cap: int
) -> list[tuple[str, str, str | None]]:
    reason = (
        f"not checked: the story's report would exceed {cap} bytes (MAX_REPORT_BYTES) "
        "with this article"
    )
    return [(a.article.id, a.article.source, reason) for a in articles]


def build_capped_report(
    articles: Sequence[records.ExtractedArticle],
    failures: Sequence[tuple[str, str, str | None]],
    builder: ReportBuilder | None,
    max_bytes: int,
    primaries: Sequence[records.PrimarySource] = (),
) -> dict[str, Any]:
    """The report of as many articles (in stored order) as fit in ``max_bytes`` of JSON.

    The usual case is one build. A report over the cap is rebuilt from a prefix of the
    articles found by bisection (a few more builds, only for a story that outgrew the cap);
    the articles left out are listed in ``failed_articles`` with the reason. The primary
    sources are always kept: they add no quotes, only the reference text.
    """
    body = build_report_body(articles, failures, builder, primaries)
    if encoded_size(body) <= max_bytes:
        return body
    everything_left_out = [*failures, *_over_report_cap(articles, max_bytes)]
    fits = build_report_body([], everything_left_out, builder, primaries)
    low, high = 0, len(articles) - 1
    while low < high:  # the largest prefix length in [low, high] whose report fits
        middle = (low + high + 1) // 2
        kept, left = articles[:middle], articles[middle:]
        candidate = build_report_body(
            kept, [*failures, *_over_report_cap(left, max_bytes)], builder, primaries
        )
        if encoded_size(candidate) <= max_bytes:
            fits, low = candidate, middle
        else:
            high = middle - 1
    return fits


def run_story_check(
    story_id: str,
    enqueue: Enqueuer,
    *,
    settings: Settings | None = None,
    builder: ReportBuilder | None = None,
    now: datetime | None = None,
    redelivered: bool = False,
) -> CheckOutcome:
    """Run a debounced check of the story (see the module docstring).

    ``redelivered``: this message ran before and was never acknowledged (its worker process
    died). If it died holding the claim, the marker is a lease in the future; the redelivered
    message takes it over instead of waiting for the lease to run out.
    """
    settings = settings or get_settings()
    database_url = settings.database_url
    now = now or utcnow()
    debounce = timedelta(seconds=settings.check_debounce_seconds)
    stale_after = timedelta(seconds=settings.reconcile_after_seconds)

    with session_scope(database_url) as session:
        story = story_repo.get_story(session, story_id)
        if story is None:
            return CheckOutcome("missing")
        requested_at = story.check_requested_at
        if requested_at is None:
            return CheckOutcome("not-requested")
        held_lease = redelivered and requested_at > now
        if not held_lease and (
            now + timedelta(seconds=CLOCK_TOLERANCE_SECONDS) < requested_at + debounce
        ):
            return CheckOutcome("superseded")
        pending = check_jobs.fresh_pending_count(session, story_id, stale_after, now=now)
        if pending:
            return CheckOutcome("waiting", pending=pending)
        lease_seconds = settings.check_lease_seconds
        lease_until = now + timedelta(seconds=lease_seconds)
        if not check_jobs.claim_check(session, story_id, requested_at, lease_until):
            return CheckOutcome("superseded")

    # Claimed (committed). Read the articles in a fresh transaction and build outside of any,
    # renewing the lease meanwhile.
    lease = Lease(lease_until)
    try:
        with heartbeat(database_url, story_id, lease, lease_seconds):
            with session_scope(database_url) as session:
                extracted = article_repo.story_extracted_articles(session, story_id)
                primaries = article_repo.story_primaries(session, story_id)
                failures = story_repo.story_progress(session, story_id).failures
            extracted, over_cap = within_quote_cap(extracted, settings.max_story_quotes)
            body = build_capped_report(
                extracted, [*failures, *over_cap], builder, settings.max_report_bytes, primaries
            )
            fingerprint = report_fingerprint(body)
    except BaseException:
        # Hand the request back so a retry (or the reconciler) can take it at once.
        with session_scope(database_url) as session:
            check_jobs.release_check(session, story_id, lease.until, requested_at)
        raise
    lease_until = lease.until

    with session_scope(database_url) as session:
        # First statement writes: still ours? (A newer request overwrote the lease otherwise;
        # its own check will store a report that includes the newer work.)
        if not story_repo.clear_check_request(session, story_id, lease_until):
            return CheckOutcome("superseded")
        saved = report_repo.save_report(session, story_id, body, fingerprint=fingerprint)
        version = saved.report.version
        if not saved.created:
            return CheckOutcome("unchanged", version=version)
        delivery = delivery_repo.create_delivery(session, story_id, version, now=utcnow())
        delivery_id = delivery.id if delivery is not None else None
        deliver_now = delivery is not None and delivery.status == "pending"

    if deliver_now and delivery_id is not None:
        enqueue.deliver_webhook(delivery_id)
    return CheckOutcome("created", version=version, delivery_id=delivery_id)
