"""Fetching an article page by URL without letting the URL reach our own network.

A client chooses the URL, so the fetch follows the address policy of ``worker.net``: http(s)
only, every resolved address public (loopback only when the policy allows it), and the
connection made to the checked address (``PinnedTransport``), so a second DNS answer cannot
switch to a forbidden one. Redirects are followed by hand, at most ``max_redirects`` of them,
and each target goes through the same check when it is requested. The fetch is bounded in time
(one budget for all hops and the body), in size (counted after decompression, so a compressed
bomb stops at the limit) and in kind (HTML only). Proxies from the environment are ignored.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from worker.ingest.errors import IngestError
from worker.net.addresses import ForbiddenAddressError, ResolutionError, Resolver, UnsafeURLError
from worker.net.pinning import PinnedTransport
from worker.settings import Settings

USER_AGENT = "quotelens/0.1 (+https://github.com/quotelens)"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits of one fetch. ``timeout`` covers the whole fetch, redirects and body included."""

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_loopback: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            timeout=settings.fetch_timeout_seconds,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            allow_loopback=settings.fetch_allow_loopback,
        )


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The body of an HTML response and where it finally came from."""

    url: str
    final_url: str
    content: bytes
    charset: str | None

    def markup(self) -> str | bytes:
        """The page as text when the server named a known charset, else the raw bytes
        (trafilatura then detects the encoding, ``<meta charset>`` included)."""
        if self.charset:
            try:
                return self.content.decode(self.charset, errors="replace")
            except LookupError:
                pass
        return self.content


def _refusal(error: UnsafeURLError, hop: int) -> IngestError:
    after = " (after a redirect)" if hop else ""
    if isinstance(error, ForbiddenAddressError):
        where = (
            f"address {error.address}"
            if error.host == error.address
            else f"{error.host} resolves to {error.address}, which"
        )
        kind = error.reason.removesuffix(" address")  # "private", "link-local", ...
        return IngestError(f"fetch refused: {where} is {kind}{after}", permanent=True)
    if isinstance(error, ResolutionError):
        return IngestError(f"fetch failed: {error}{after}", permanent=False)
    return IngestError(f"fetch refused: {error}{after}", permanent=True)


class _Budget:
    """The time left of the fetch's one deadline."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise IngestError(f"fetch failed: timed out after {self.seconds:g}s", permanent=False)
        return left


@contextmanager
def _network_errors(budget: _Budget, hop: int) -> Iterator[None]:
    """Turn httpx and address-policy errors into worded ``IngestError``s."""
    try:
        yield
    except UnsafeURLError as error:
        raise _refusal(error, hop) from None
    except httpx.InvalidURL as error:
        raise IngestError(f"fetch refused: malformed URL ({error})", permanent=True) from None
    except httpx.TimeoutException:
        raise IngestError(
            f"fetch failed: timed out after {budget.seconds:g}s", permanent=False
        ) from None
    except httpx.HTTPError as error:
        detail = str(error) or type(error).__name__
        raise IngestError(f"fetch failed: network error: {detail}", permanent=False) from None


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status <= 299:
        return
    transient = status == 429 or status >= 500
    raise IngestError(f"fetch failed: HTTP {status}", permanent=not transient)


def _check_type(response: httpx.Response) -> None:
    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media and media not in _HTML_TYPES:
        raise IngestError(f"fetch failed: not an HTML page (content type {media})", permanent=True)


def _too_big(policy: FetchPolicy) -> IngestError:
    return IngestError(
        f"fetch failed: the page is larger than {policy.max_bytes} bytes", permanent=True
    )


def _read_body(response: httpx.Response, policy: FetchPolicy, budget: _Budget) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise _too_big(policy)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > policy.max_bytes:
            raise _too_big(policy)
        budget.left()
    return bytes(body)


def _next_url(response: httpx.Response, current: str) -> str:
    location = str(response.headers.get("location", "")).strip()
    if not location:
        raise IngestError(
            f"fetch failed: HTTP {response.status_code} redirect without a Location",
            permanent=True,
        )
    return urljoin(current, location)


def fetch_page(
    url: str,
    policy: FetchPolicy,
    *,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchedPage:
    """GET an HTML page within ``policy``; raises ``IngestError`` with a worded reason.

    ``resolver`` and ``transport`` replace DNS and the socket layer in tests; the address
    check runs in front of ``transport`` either way.
    """
    budget = _Budget(policy.timeout)
    pinned = PinnedTransport(
        allow_loopback=policy.allow_loopback, resolver=resolver, inner=transport
    )
    headers = {"user-agent": USER_AGENT, "accept": _ACCEPT}
    current = url
    with httpx.Client(transport=pinned, follow_redirects=False, trust_env=False) as client:
        for hop in range(policy.max_redirects + 1):
            with _network_errors(budget, hop):
                request = client.build_request(
                    "GET", current, headers=headers, timeout=httpx.Timeout(budget.left())
                )
                response = client.send(request, stream=True)
                try:
                    if response.status_code in _REDIRECTS:
                        current = _next_url(response, current)
                        continue
                    _check_status(response)
                    _check_type(response)
                    content = _read_body(response, policy, budget)
                finally:
                    response.close()
            return FetchedPage(url, current, content, response.charset_encoding)
    raise IngestError(
        f"fetch failed: more than {policy.max_redirects} redirects", permanent=True
    )
