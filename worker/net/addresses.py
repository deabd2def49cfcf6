"""Which addresses a tenant-supplied URL may reach: only public ones (SSRF protection).

Webhook targets and article URLs are chosen by clients, so a request to them must never reach
the service's own network. Only ``http``/``https`` URLs are accepted. The host is resolved and
EVERY address it resolves to must be public: loopback, private, link-local, CGNAT (100.64/10),
multicast, unspecified, reserved, IPv6 unique-local, IPv4-mapped/-translated IPv6 addresses and
the like are refused. Loopback is allowed only when ``allow_loopback`` is set (tests and local
development). Callers then connect to a checked address themselves (``worker.net.pinning``),
so a DNS answer that changes between check and connect cannot redirect the request.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_IPV6_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
_IPV6_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV6_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV6_6TO4 = ipaddress.IPv6Network("2002::/16")
_IPV6_SITE_LOCAL = ipaddress.IPv6Network("fec0::/10")


class UnsafeURLError(ValueError):
    """The URL is malformed, not http(s), or points at a non-public address."""


class ResolutionError(UnsafeURLError):
    """The host name did not resolve (may be temporary: retried like a network error)."""


class ForbiddenAddressError(UnsafeURLError):
    """The host is (or resolves to) an address that may not be contacted.

    Carries the pieces separately so each caller can word its own refusal ("fetch refused:
    ...") without parsing the message.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host = host
        self.address = address
        self.reason = reason
        super().__init__(f"{host!r} resolves to {address} ({reason}); refused")


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str  # as written in the URL (lower-cased, no brackets)
    port: int
    addresses: tuple[str, ...]  # checked IP addresses, in resolver order


def forbidden_reason(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the address may not be contacted, or None if it may."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "IPv4-mapped IPv6 address"
        if ip in _IPV6_NAT64 or ip in _IPV6_NAT64_LOCAL:
            return "IPv4-translated (NAT64) IPv6 address"
        if ip in _IPV6_6TO4 or ip.teredo is not None:
            return "IPv6 tunnel (6to4/Teredo) address"
        if ip in _IPV6_UNIQUE_LOCAL:
            return "IPv6 unique-local address"
        if ip in _IPV6_SITE_LOCAL:
            return "IPv6 site-local address"
    if ip.is_loopback:
        return None if allow_loopback else "loopback address"
    if ip.is_unspecified:
        return "unspecified address"
    if ip.is_multicast:
        return "multicast address"
    if ip.is_link_local:
        return "link-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "carrier-grade NAT address"
    if ip.is_private:
        return "private address"
    if ip.is_reserved:
        return "reserved address"
    if not ip.is_global:
        return "non-public address"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a host names without DNS: an IP literal, ``localhost``, or one of the old
    numeric IPv4 spellings resolvers still accept (``127.1``, ``0x7f000001``, ``2130706433``).

    Lets a refusal come before any lookup (story creation answers 422 at once); names are
    checked after resolution, at connection time (``check_url``)."""
    host = host.rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return ipaddress.IPv4Address("127.0.0.1")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefx." for c in host) and host[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in seen:
            seen.append(address)
    return seen


def check_url(
    url: str, *, allow_loopback: bool = False, resolver: Resolver | None = None
) -> Target:
    """Validate and resolve ``url``; raise :class:`UnsafeURLError` when it may not be used."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError(f"only http and https URLs are allowed, not {scheme or 'none'!r}")
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeURLError("URL has no host")
    if port is None:
        port = 443 if scheme == "https" else 80

    literal: IPAddress | None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses: Sequence[str] = [str(literal)]
    else:
        try:
            addresses = (resolver or system_resolver)(host, port)
        except (OSError, UnicodeError) as exc:
            raise ResolutionError(f"cannot resolve {host!r}: {exc}") from exc
        if not addresses:
            raise ResolutionError(f"{host!r} resolves to no address")

    checked: list[str] = []
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError as exc:
            raise UnsafeURLError(f"resolver returned a non-IP address {address!r}") from exc
        reason = forbidden_reason(ip, allow_loopback=allow_loopback)
        if reason is not None:
            raise ForbiddenAddressError(host, str(ip), reason)
        checked.append(str(ip))
    return Target(scheme=scheme, host=host, port=port, addresses=tuple(checked))
