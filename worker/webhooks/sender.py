"""One webhook HTTP attempt with httpx: safety-checked, pinned to the checked address,
no redirects, no proxies from the environment, bounded time and bounded response reading."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import httpx

from worker.net.addresses import ResolutionError, Resolver, UnsafeURLError, check_url
from worker.net.deadline import ExchangeDeadline
from worker.net.pinning import pin_request

# httpx logs every request URL at INFO; webhook URLs may carry tokens in their query string.
logging.getLogger("httpx").setLevel(logging.WARNING)

USER_AGENT = "quotelens-webhooks/1"
MAX_RESPONSE_BYTES = 2048


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """What one attempt gave: a status code, or an error when no response came back."""

    status_code: int | None
    error: str | None = None
    retry_after: str | None = None
    response_excerpt: str | None = None
    duration_ms: int = 0
    refused: bool = False  # the URL failed the safety check; nothing was sent


def send_once(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    allow_loopback: bool = False,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> AttemptResult:
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = check_url(url, allow_loopback=allow_loopback, resolver=resolver)
    except ResolutionError as exc:
        return AttemptResult(None, error=f"network error: {exc}", duration_ms=elapsed())
    except UnsafeURLError as exc:
        return AttemptResult(None, error=f"refused URL: {exc}", duration_ms=elapsed(), refused=True)

    deadline = ExchangeDeadline(timeout)
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        ) as client:
            request_headers = {"user-agent": USER_AGENT, **headers}
            request = pin_request(
                client.build_request(
                    "POST",
                    url,
                    content=body,
                    headers=request_headers,
                    extensions={"trace": deadline.trace},
                ),
                target.addresses[0],
            )
            response = client.send(request, stream=True)
            try:
                excerpt = bytearray()
                for chunk in response.iter_raw():
                    excerpt.extend(chunk)
                    if len(excerpt) >= MAX_RESPONSE_BYTES:
                        break
            finally:
                response.close()
            text = bytes(excerpt[:MAX_RESPONSE_BYTES]).decode("utf-8", "replace")
            return AttemptResult(
                status_code=response.status_code,
                retry_after=response.headers.get("retry-after"),
                response_excerpt=text or None,
                duration_ms=elapsed(),
            )
    except httpx.TimeoutException as exc:
        return AttemptResult(None, error=f"timeout: {type(exc).__name__}", duration_ms=elapsed())
    except httpx.HTTPError as exc:
        if deadline.expired.is_set():
            error = f"timeout: no complete answer within {timeout:g}s"
            return AttemptResult(None, error=error, duration_ms=elapsed())
        detail = str(exc) or type(exc).__name__
        return AttemptResult(None, error=f"network error: {detail}", duration_ms=elapsed())
    finally:
        deadline.cancel()
