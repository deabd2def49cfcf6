"""Webhook retry policy: backoff growth, bounded jitter, Retry-After, 4xx and 410."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pydantic import ValidationError

from worker.jobs.delivery import retry_policy
from worker.settings import Settings
from worker.webhooks.policy import Decision, RetryPolicy, parse_retry_after, plan_next


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=2, factor=3, max_delay=100, jitter=0)
    delays = [policy.backoff(n) for n in range(1, 8)]
    assert delays[:4] == [2, 6, 18, 54]
    assert delays[4:] == [100, 100, 100]
    assert all(a <= b for a, b in itertools.pairwise(delays))


def test_jitter_is_bounded_and_varies() -> None:
    policy = RetryPolicy(base_delay=10, factor=2, max_delay=1000, jitter=0.25)
    rng = random.Random(7)
    for attempt in range(1, 7):
        base = policy.base_backoff(attempt)
        samples = [policy.backoff(attempt, rng) for _ in range(200)]
        assert all(base * 0.75 <= s <= base * 1.25 for s in samples)
        assert len({round(s, 6) for s in samples}) > 1


def test_huge_attempt_counts_do_not_overflow() -> None:
    assert RetryPolicy(max_delay=60, jitter=0).backoff(10_000) == 60


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_retryable_statuses(status: int) -> None:
    plan = plan_next(RetryPolicy(), attempts_made=1, status_code=status)
    assert plan.decision is Decision.RETRY
    assert plan.delay is not None and plan.delay > 0


@pytest.mark.parametrize("error", ["timeout: ReadTimeout", "network error: refused"])
def test_network_errors_and_timeouts_are_retried(error: str) -> None:
    plan = plan_next(RetryPolicy(), attempts_made=2, status_code=None, error=error)
    assert plan.decision is Decision.RETRY
    assert plan.reason == error


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 413, 422, 301, 302, 307])
def test_other_4xx_and_redirects_are_not_retried(status: int) -> None:
    plan = plan_next(RetryPolicy(), attempts_made=1, status_code=status)
    assert plan.decision is Decision.FAILED
    assert plan.delay is None


def test_410_disables_the_endpoint() -> None:
    assert plan_next(RetryPolicy(), attempts_made=1, status_code=410).decision is Decision.DISABLE


@pytest.mark.parametrize("status", [200, 201, 202, 204])
def test_2xx_is_delivered(status: int) -> None:
    assert plan_next(RetryPolicy(), attempts_made=1, status_code=status).decision is (
        Decision.DELIVERED
    )


def test_attempts_are_bounded() -> None:
    policy = RetryPolicy(max_attempts=3)
    assert plan_next(policy, attempts_made=2, status_code=503).decision is Decision.RETRY
    last = plan_next(policy, attempts_made=3, status_code=503)
    assert last.decision is Decision.FAILED
    assert last.reason is not None and "3 attempts" in last.reason


def test_retry_after_seconds_is_honoured() -> None:
    policy = RetryPolicy(base_delay=1, jitter=0)
    plan = plan_next(policy, attempts_made=1, status_code=429, retry_after="120")
    assert plan.decision is Decision.RETRY
    assert plan.delay == 120


def test_retry_after_http_date_is_honoured() -> None:
    now = datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(minutes=5), usegmt=True)
    plan = plan_next(
        RetryPolicy(base_delay=1, jitter=0),
        attempts_made=1,
        status_code=503,
        retry_after=header,
        now=now,
    )
    assert plan.delay == 300


def test_short_retry_after_never_shortens_backoff_and_huge_is_capped() -> None:
    policy = RetryPolicy(base_delay=60, jitter=0, max_retry_after=600)
    assert plan_next(policy, attempts_made=1, status_code=429, retry_after="1").delay == 60
    assert plan_next(policy, attempts_made=1, status_code=429, retry_after="99999").delay == 600


def test_parse_retry_after_edge_cases() -> None:
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after(" 7 ") == 7
    past = format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(past) == 0


def test_policy_validation() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.5)
    with pytest.raises(ValueError):
        RetryPolicy(base_delay=10, max_delay=1)


def test_backoff_base_and_cap_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # Guards: WEBHOOK_BACKOFF_* reach the delivery job's policy (without it the built-in
    # 5 s base and 1 h cap apply, and the fault tests could not use small values).
    monkeypatch.setenv("WEBHOOK_BACKOFF_BASE_SECONDS", "0.5")
    monkeypatch.setenv("WEBHOOK_BACKOFF_MAX_SECONDS", "2")
    monkeypatch.setenv("WEBHOOK_MAX_ATTEMPTS", "4")
    policy = retry_policy(Settings(_env_file=None))  # type: ignore[call-arg]
    assert [policy.base_backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1, 2, 2, 2]
    assert policy.max_attempts == 4


def test_backoff_cap_below_base_is_refused_at_start() -> None:
    # Guards: a cap below the base fails when the settings load, not on every delivery.
    with pytest.raises(ValidationError, match="WEBHOOK_BACKOFF_MAX_SECONDS"):
        Settings(  # type: ignore[call-arg]
            _env_file=None, webhook_backoff_base_seconds=10, webhook_backoff_max_seconds=1
        )
