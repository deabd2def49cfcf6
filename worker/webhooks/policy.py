"""Retry policy for webhook deliveries: which outcomes are retried, and when.

Retried: network errors, timeouts, 429 and 5xx (``Retry-After`` honoured).
Not retried: other 4xx and 3xx (redirects are never followed). 410 Gone disables the endpoint.
Delays grow exponentially with bounded jitter; the next attempt time is stored in the database
(``deliveries.next_attempt_at``) and picked up by the periodic dispatcher.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class Decision(enum.StrEnum):
    DELIVERED = "delivered"  # 2xx
    RETRY = "retry"  # try again at next_attempt_at
    FAILED = "failed"  # permanent failure, or attempts exhausted
    DISABLE = "disable"  # 410 Gone: the endpoint is disabled for the story


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff: ``base * factor**(n-1)`` capped at ``max_delay``, times a jitter
    factor drawn uniformly from ``[1 - jitter, 1 + jitter]``."""

    max_attempts: int = 8
    base_delay: float = 5.0
    factor: float = 2.0
    max_delay: float = 3600.0
    jitter: float = 0.2
    max_retry_after: float = 24 * 3600.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        if self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("need 0 <= base_delay <= max_delay")
        if self.factor < 1:
            raise ValueError("factor must be >= 1")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be in [0, 1)")

    def base_backoff(self, attempts_made: int) -> float:
        """Delay before the next attempt after ``attempts_made`` failed ones, without jitter."""
        n = max(1, attempts_made)
        # Avoid float overflow for silly attempt counts.
        exponent = min(n - 1, 64)
        return float(min(self.max_delay, self.base_delay * self.factor**exponent))

    def backoff(self, attempts_made: int, rng: random.Random | None = None) -> float:
        delay = self.base_backoff(attempts_made)
        if self.jitter:
            r = rng if rng is not None else random
            delay *= r.uniform(1.0 - self.jitter, 1.0 + self.jitter)
        return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), else None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def is_retryable_status(status_code: int) -> bool:
    return status_code == 429 or 500 <= status_code <= 599


@dataclass(frozen=True, slots=True)
class Plan:
    decision: Decision
    delay: float | None = None  # seconds until the next attempt, for RETRY
    reason: str | None = None


def plan_next(
    policy: RetryPolicy,
    *,
    attempts_made: int,
    status_code: int | None,
    error: str | None = None,
    retry_after: str | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Plan:
    """Decide what follows an attempt.

    ``status_code`` is None when no response came back (connection error, timeout, refused
    URL); then ``error`` says why. ``attempts_made`` counts the attempt just made.
    """
    if status_code is not None and 200 <= status_code <= 299:
        return Plan(Decision.DELIVERED)
    if status_code == 410:
        return Plan(Decision.DISABLE, reason="410 Gone: endpoint disabled")
    if status_code is not None and not is_retryable_status(status_code):
        if 300 <= status_code <= 399:
            return Plan(Decision.FAILED, reason=f"HTTP {status_code}: redirects are not followed")
        return Plan(Decision.FAILED, reason=f"HTTP {status_code}: not retried")
    reason = error if status_code is None else f"HTTP {status_code}"
    if attempts_made >= policy.max_attempts:
        return Plan(Decision.FAILED, reason=f"gave up after {attempts_made} attempts: {reason}")
    delay = policy.backoff(attempts_made, rng)
    waited = parse_retry_after(retry_after, now) if status_code is not None else None
    if waited is not None:
        # Never earlier than the server asked; keep an upper bound against absurd values.
        delay = max(delay, min(waited, policy.max_retry_after))
    return Plan(Decision.RETRY, delay=delay, reason=reason)
