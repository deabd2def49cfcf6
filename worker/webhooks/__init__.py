"""Outgoing webhooks: Standard Webhooks signing, one HTTP attempt, retry policy.

Nothing here touches the database or Celery; ``worker.jobs.delivery`` ties it to storage.
The URL safety check lives in ``worker.net`` (article fetching uses it too) and is re-exported
here for callers that only deal with webhooks.
"""

from worker.net.addresses import UnsafeURLError, check_url
from worker.webhooks.policy import Decision, Plan, RetryPolicy, parse_retry_after, plan_next
from worker.webhooks.sender import AttemptResult, send_once
from worker.webhooks.signing import encode_body, sign, signed_headers

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
