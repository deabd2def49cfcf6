"""Connect to the address that was checked, not to whatever DNS says a moment later.

Checking a host name and then letting the HTTP client resolve it again leaves a gap: a hostile
DNS server can answer with a public address for the check and with ``127.0.0.1`` for the
connection (DNS rebinding). Here the request's URL is rewritten to the checked IP address while
the ``Host`` header and the TLS server name (SNI, also used to verify the certificate) keep the
original host name, so the server sees an ordinary request and no second lookup happens.

``PinnedTransport`` does the check and the pinning for every request it sends, which is what a
client that follows redirects needs: each hop is checked again at the moment it is sent.
"""

from __future__ import annotations

import httpx

from worker.net.addresses import Resolver, check_url


def _host_header(url: httpx.URL) -> str:
    host = f"[{url.host}]" if ":" in url.host else url.host  # IPv6 literal
    return host if url.port is None else f"{host}:{url.port}"


def pin_request(request: httpx.Request, address: str) -> httpx.Request:
    """A copy of ``request`` that connects to ``address`` but still names the original host."""
    original = request.url
    headers = request.headers.copy()
    headers["host"] = _host_header(original)
    extensions = dict(request.extensions)
    if original.scheme == "https":
        extensions["sni_hostname"] = original.host
    return httpx.Request(
        request.method,
        original.copy_with(host=address),
        headers=headers,
        stream=request.stream,
        extensions=extensions,
    )


class PinnedTransport(httpx.BaseTransport):
    """Checks each request's URL when it is sent and connects to the first checked address.

    Every address the host resolves to must pass (``check_url``), so a name with one public
    and one private answer is refused rather than tried. ``inner`` does the actual I/O
    (default: an ``httpx.HTTPTransport`` that ignores proxy environment variables).
    """

    def __init__(
        self,
        *,
        allow_loopback: bool = False,
        resolver: Resolver | None = None,
        inner: httpx.BaseTransport | None = None,
    ) -> None:
        self._allow_loopback = allow_loopback
        self._resolver = resolver
        self._inner = inner or httpx.HTTPTransport(trust_env=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = check_url(
            str(request.url), allow_loopback=self._allow_loopback, resolver=self._resolver
        )
        return self._inner.handle_request(pin_request(request, target.addresses[0]))

    def close(self) -> None:
        self._inner.close()
