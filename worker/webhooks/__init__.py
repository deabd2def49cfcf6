"""Outgoing webhooks: Standard Webhooks signing, URL safety, one HTTP attempt, retry policy.

Nothing here touches the database or Celery; ``worker.jobs.delivery`` ties it to storage.
"""

from worker.webhooks.policy import Decision, Plan, RetryPolicy, parse_retry_after, plan_next
from worker.webhooks.sender import AttemptResult, send_once
from worker.webhooks.signing import encode_body, sign, signed_headers
from worker.webhooks.urlsafety import UnsafeURLError, check_url

__all__ = [
    "AttemptResult",
    "Decision",
    "Plan",
    "RetryPolicy",
    "UnsafeURLError",
    "check_url",
    "encode_body",
    "parse_retry_after",
    "plan_next",
    "send_once",
    "sign",
    "signed_headers",
]
