"""Fetching an article page by URL without letting the URL reach our own network.

A client chooses the URL, so the fetch follows the address policy of ``worker.net``: http(s)
only, every resolved address public (loopback only when the policy allows it), and the
connection made to the checked address (``PinnedTransport``), so a second DNS answer cannot
switch to a forbidden one. Redirects are followed by hand, at most ``max_redirects`` of them,
and each target goes through the same check when it is requested. The fetch is bounded in time
(one deadline for all hops, covering connect, headers and body: ``worker.net.deadline`` cuts
the socket of a server that trickles its headers), in size (counted after decompression
across the whole decoder chain, see ``decode``, so a compressed or nested bomb stops at the
limit) and in kind (HTML only, one supported content coding). Proxies from the environment
are ignored.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from urllib.parse import urljoin

import httpx

from worker.ingest.decode import (
    ACCEPT_ENCODING,
    EncodingRefused,
    TooLarge,
    content_coding,
    decoded_chunks,
)
from worker.ingest.errors import IngestError
from worker.net.addresses import ForbiddenAddressError, ResolutionError, Resolver, UnsafeURLError
from worker.net.deadline import ExchangeDeadline
from worker.net.pinning import PinnedTransport
from worker.settings import Settings

USER_AGENT = "quotelens/0.1 (+https://github.com/quotelens)"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits of one fetch. ``timeout_seconds`` covers the whole fetch, redirects and body
    included."""

    timeout_seconds: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_loopback: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        """The ``FETCH_*`` settings: each field is read from ``fetch_<field>``, so a new limit
        needs only its field and its setting."""
        return cls(**{f.name: getattr(settings, f"fetch_{f.name}") for f in fields(cls)})


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


def _timed_out(deadline: ExchangeDeadline) -> IngestError:
    return IngestError(f"fetch failed: timed out after {deadline.seconds:g}s", permanent=False)


def _time_left(deadline: ExchangeDeadline) -> float:
    left = deadline.left()
    if left <= 0:
        raise _timed_out(deadline)
    return left


@contextmanager
def _network_errors(deadline: ExchangeDeadline, hop: int) -> Iterator[None]:
    """Turn httpx and address-policy errors into worded ``IngestError``s."""
    try:
        yield
    except UnsafeURLError as error:
        raise _refusal(error, hop) from None
    except httpx.InvalidURL as error:
        raise IngestError(f"fetch refused: malformed URL ({error})", permanent=True) from None
    except httpx.TimeoutException:
        raise _timed_out(deadline) from None
    except httpx.HTTPError as error:
        if deadline.expired.is_set():  # the deadline cut the socket mid-read
            raise _timed_out(deadline) from None
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


def _read_body(response: httpx.Response, policy: FetchPolicy, deadline: ExchangeDeadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise _too_big(policy)
    try:
        coding = content_coding(response.headers.get("content-encoding", ""))
    except EncodingRefused as error:
        raise IngestError(f"fetch refused: {error}", permanent=True) from None
    body = bytearray()
    try:
        # Raw bytes, decoded here: httpx's own decoders chain without a size bound.
        for chunk in decoded_chunks(response.iter_raw(), coding, policy.max_bytes):
            body.extend(chunk)
            _time_left(deadline)
    except TooLarge:
        raise _too_big(policy) from None
    except zlib.error as error:
        message = f"fetch failed: corrupt {coding} body ({error})"
        raise IngestError(message, permanent=True) from None
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
    deadline = ExchangeDeadline(policy.timeout_seconds)
    pinned = PinnedTransport(
        allow_loopback=policy.allow_loopback, resolver=resolver, inner=transport
    )
    try:
        return _fetch_hops(url, policy, pinned, deadline)
    finally:
        deadline.cancel()


def _fetch_hops(
    url: str, policy: FetchPolicy, pinned: PinnedTransport, deadline: ExchangeDeadline
) -> FetchedPage:
    headers = {"user-agent": USER_AGENT, "accept": _ACCEPT, "accept-encoding": ACCEPT_ENCODING}
    current = url
    with httpx.Client(transport=pinned, follow_redirects=False, trust_env=False) as client:
        for hop in range(policy.max_redirects + 1):
            with _network_errors(deadline, hop):
                request = client.build_request(
                    "GET",
                    current,
                    headers=headers,
                    timeout=httpx.Timeout(_time_left(deadline)),
                    extensions={"trace": deadline.trace},
                )
                response = client.send(request, stream=True)
                try:
                    if response.status_code in _REDIRECTS:
                        current = _next_url(response, current)
                        continue
                    _check_status(response)
                    _check_type(response)
                    content = _read_body(response, policy, deadline)
                finally:
                    response.close()
            return FetchedPage(url, current, content, response.charset_encoding)
    raise IngestError(f"fetch failed: more than {policy.max_redirects} redirects", permanent=True)
