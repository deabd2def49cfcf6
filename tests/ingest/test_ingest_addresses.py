"""The article fetcher applies the shared address policy: after DNS, and again per connection.

Forbidden destinations are checked with a fake resolver and a guard transport, so nothing is
ever sent to them; loopback cases use a real server on 127.0.0.1.
"""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from tests.ingest.pageserver import GuardTransport, fixed_resolver, page, running_page_server
from worker.ingest import FetchPolicy, IngestError, fetch_page

STRICT = FetchPolicy(timeout_seconds=5.0)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.20.1.1", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("fd00::1", "IPv6 unique-local"),
        ("::ffff:127.0.0.1", "IPv4-mapped IPv6"),
        ("::ffff:10.0.0.5", "IPv4-mapped IPv6"),
        ("0.0.0.0", "unspecified"),
    ],
)
def test_non_public_addresses_are_refused_after_resolution(address: str, kind: str) -> None:
    guard = GuardTransport()
    resolve = fixed_resolver({"article.test": [address]})
    with pytest.raises(IngestError) as caught:
        fetch_page("http://article.test/story", STRICT, resolver=resolve, transport=guard)
    assert str(caught.value) == (
        f"fetch refused: article.test resolves to {ip_address(address)}, which is {kind}"
    )
    assert caught.value.permanent
    assert guard.blocked == [] and guard.sent == []


@pytest.mark.parametrize("url", ["http://10.0.0.5/x", "http://[fd12::1]/x", "http://100.100.1.1/"])
def test_literal_addresses_are_refused_without_dns(url: str) -> None:
    guard = GuardTransport()
    resolve = fixed_resolver({})
    refusal = r"^fetch refused: address \S+ is (private|IPv6 unique-local|carrier-grade NAT)$"
    with pytest.raises(IngestError, match=refusal):
        fetch_page(url, STRICT, resolver=resolve, transport=guard)
    assert resolve.calls == []
    assert guard.sent == [] and guard.blocked == []


def test_one_forbidden_answer_among_public_ones_is_enough_to_refuse() -> None:
    guard = GuardTransport()
    resolve = fixed_resolver({"mixed.test": ["93.184.216.34", "10.0.0.5"]})
    with pytest.raises(IngestError, match=r"10\.0\.0\.5, which is private"):
        fetch_page("http://mixed.test/", STRICT, resolver=resolve, transport=guard)
    assert guard.blocked == []


def test_the_connection_goes_to_the_checked_address_not_a_second_dns_answer() -> None:
    """DNS rebinding: the first answer is public, later ones loopback. The name is resolved
    once per request and the request is pinned to that checked address."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    guard = GuardTransport()
    with pytest.raises(IngestError, match="network error"):
        fetch_page("http://rebind.test/story", STRICT, resolver=rebinding, transport=guard)
    assert calls == ["rebind.test"]
    (attempt,) = guard.blocked
    assert attempt.url.host == "93.184.216.34"
    assert attempt.headers["host"] == "rebind.test"
    assert guard.sent == []


def test_https_keeps_the_host_name_for_sni_and_certificate_checks() -> None:
    guard = GuardTransport()
    resolve = fixed_resolver({"secure.test": ["93.184.216.34"]})
    with pytest.raises(IngestError):
        fetch_page("https://secure.test/a", STRICT, resolver=resolve, transport=guard)
    (attempt,) = guard.blocked
    assert attempt.url.host == "93.184.216.34"
    assert attempt.extensions["sni_hostname"] == "secure.test"
    assert attempt.headers["host"] == "secure.test"


def test_loopback_is_refused_by_default_and_nothing_is_requested() -> None:
    with running_page_server({"/news": page()}) as server:
        with pytest.raises(IngestError, match=r"^fetch refused: address 127\.0\.0\.1 is loopback$"):
            fetch_page(server.url("/news"), STRICT)
        assert server.seen == []


def test_loopback_is_allowed_only_with_the_setting() -> None:
    with running_page_server({"/news": page()}) as server:
        fetched = fetch_page(server.url("/news"), FetchPolicy(allow_loopback=True))
    assert b"flood wall" in fetched.content


def test_allowing_loopback_does_not_open_private_ranges() -> None:
    guard = GuardTransport()
    resolve = fixed_resolver({"lan.test": ["192.168.1.1"], "mapped.test": ["::ffff:127.0.0.1"]})
    policy = FetchPolicy(allow_loopback=True)
    for host in ("lan.test", "mapped.test"):
        with pytest.raises(IngestError, match="fetch refused"):
            fetch_page(f"http://{host}/", policy, resolver=resolve, transport=guard)
    assert guard.blocked == []


@pytest.mark.parametrize("url", ["ftp://example.test/a", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(IngestError, match="only http and https") as caught:
        fetch_page(url, STRICT, resolver=fixed_resolver({}), transport=GuardTransport())
    assert caught.value.permanent


def test_the_policy_is_read_from_the_settings() -> None:
    from worker.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        fetch_timeout_seconds=3,
        fetch_max_bytes=2048,
        fetch_max_redirects=1,
        fetch_allow_loopback=True,
    )
    assert FetchPolicy.from_settings(settings) == FetchPolicy(
        timeout_seconds=3.0, max_bytes=2048, max_redirects=1, allow_loopback=True
    )
    assert FetchPolicy.from_settings(Settings(_env_file=None)).allow_loopback is False  # type: ignore[call-arg]
