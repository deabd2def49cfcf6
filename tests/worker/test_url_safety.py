"""URL safety (webhooks and article fetching): only public http(s) targets, checked after
DNS resolution."""

from __future__ import annotations

import ipaddress

import pytest

from worker.net.addresses import UnsafeURLError, check_url, literal_address


def fixed(*addresses: str):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolve


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "::1",  # loopback
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",  # private
        "169.254.169.254",
        "fe80::1",  # link-local (cloud metadata!)
        "100.64.0.1",
        "100.127.255.254",  # CGNAT
        "224.0.0.1",
        "239.1.2.3",
        "ff02::1",  # multicast
        "0.0.0.0",
        "::",  # unspecified
        "fc00::1",
        "fd12:3456::1",  # IPv6 unique-local
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:8.8.8.8",  # IPv4-mapped
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "240.0.0.1",
        "255.255.255.255",  # reserved / broadcast
        "192.0.2.10",  # documentation range
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url("https://hooks.example.com/x", resolver=fixed(address))


def test_every_resolved_address_must_be_public() -> None:
    with pytest.raises(UnsafeURLError, match="private"):
        check_url("https://hooks.example.com/x", resolver=fixed("93.184.216.34", "10.1.1.1"))


def test_public_addresses_are_accepted() -> None:
    target = check_url(
        "https://Hooks.Example.com:8443/x", resolver=fixed("93.184.216.34", "2606:2800:220:1::")
    )
    assert target.host == "hooks.example.com"
    assert target.port == 8443
    assert target.addresses == ("93.184.216.34", "2606:2800:220:1::")
    assert check_url("http://hooks.example.com", resolver=fixed("1.1.1.1")).port == 80


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "file:///etc/passwd",
        "gopher://x",
        "javascript:alert(1)",
        "http://",
        "https:///path",
        "http://exa mple.com:99999/",
    ],
)
def test_bad_schemes_and_malformed_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url(url, resolver=fixed("1.1.1.1"))


def test_literal_ip_urls_are_checked_without_dns() -> None:
    def boom(host: str, port: int) -> list[str]:
        raise AssertionError("no DNS for literals")

    with pytest.raises(UnsafeURLError):
        check_url("http://127.0.0.1:8000/hook", resolver=boom)
    with pytest.raises(UnsafeURLError):
        check_url("http://[::1]:8000/hook", resolver=boom)
    assert check_url("http://8.8.8.8/hook", resolver=boom).addresses == ("8.8.8.8",)


def test_loopback_allowed_only_when_enabled() -> None:
    assert check_url("http://127.0.0.1:9/h", allow_loopback=True).addresses == ("127.0.0.1",)
    assert check_url("http://[::1]:9/h", allow_loopback=True).addresses == ("::1",)
    # allowing loopback does not open private ranges or mapped loopback
    with pytest.raises(UnsafeURLError):
        check_url("http://10.0.0.1/h", allow_loopback=True)
    with pytest.raises(UnsafeURLError):
        check_url("http://[::ffff:127.0.0.1]/h", allow_loopback=True)


def test_localhost_resolves_to_loopback_and_is_refused_by_default() -> None:
    with pytest.raises(UnsafeURLError, match="loopback"):
        check_url("http://localhost:9/h")


def test_unresolvable_host_is_refused() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(UnsafeURLError, match="cannot resolve"):
        check_url("https://no-such-host.invalid/x", resolver=fail)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("10.0.0.5", "10.0.0.5"),
        ("fd12::1", "fd12::1"),
        ("localhost", "127.0.0.1"),
        ("api.localhost.", "127.0.0.1"),
        ("127.1", "127.0.0.1"),  # the numeric spellings inet_aton (and resolvers) accept
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("example.org", None),  # a name: only resolution tells
        ("1e100.net", None),
        ("1.2.3.4.5", None),
    ],
)
def test_literal_address_reads_what_needs_no_dns(host: str, address: str | None) -> None:
    expected = ipaddress.ip_address(address) if address is not None else None
    assert literal_address(host) == expected
