"""Fetching pages from a loopback server: redirects, limits, content types, the User-Agent."""

from __future__ import annotations

import time

import pytest

from tests.ingest.pageserver import (
    GuardTransport,
    Route,
    fixed_resolver,
    page,
    redirect,
    running_page_server,
)
from worker.ingest import USER_AGENT, FetchPolicy, IngestError, fetch_page, page_from_url

LOCAL = FetchPolicy(timeout_seconds=5.0, max_bytes=1_000_000, max_redirects=3, allow_loopback=True)


def test_a_page_is_fetched_with_a_polite_user_agent() -> None:
    with running_page_server({"/news": page()}) as server:
        fetched = fetch_page(server.url("/news"), LOCAL)
    assert b"Port Talbin council backs flood wall" in fetched.content
    assert fetched.charset == "utf-8"
    assert fetched.final_url == fetched.url == server.url("/news")
    (seen,) = server.seen
    assert (
        seen.headers["user-agent"] == USER_AGENT == "quotelens/0.1 (+https://github.com/quotelens)"
    )
    assert "text/html" in seen.headers["accept"]


def test_page_from_url_extracts_the_article() -> None:
    with running_page_server({"/news": page()}) as server:
        result = page_from_url(server.url("/news"), LOCAL)
    assert result.title == "Port Talbin council backs flood wall after storm"
    assert "A wall buys time, it does not buy safety" in result.text
    assert "Share on Facebook" not in result.text


def test_a_host_name_is_pinned_to_its_checked_address_and_keeps_its_host_header() -> None:
    resolve = fixed_resolver({"news.test": ["127.0.0.1"]})
    with running_page_server({"/news": page()}) as server:
        fetch_page(f"http://news.test:{server.port}/news", LOCAL, resolver=resolve)
    assert server.seen[0].headers["host"] == f"news.test:{server.port}"
    assert resolve.calls == ["news.test"]


def test_redirects_are_followed_and_each_hop_is_requested() -> None:
    routes = {"/a": redirect("/b", 301), "/b": redirect("/c", 307), "/c": page()}
    with running_page_server(routes) as server:
        fetched = fetch_page(server.url("/a"), LOCAL)
    assert [seen.path for seen in server.seen] == ["/a", "/b", "/c"]
    assert fetched.final_url == server.url("/c")


def test_more_redirects_than_allowed_fail() -> None:
    with (
        running_page_server({"/loop": redirect("/loop")}) as server,
        pytest.raises(IngestError, match="more than 3 redirects") as caught,
    ):
        fetch_page(server.url("/loop"), LOCAL)
    assert len(server.seen) == 4  # the first request and three redirects
    assert caught.value.permanent


def test_a_redirect_to_a_private_address_is_refused_before_connecting() -> None:
    guard = GuardTransport()
    with (
        running_page_server({"/go": redirect("http://10.0.0.5/admin")}) as server,
        pytest.raises(IngestError) as caught,
    ):
        fetch_page(server.url("/go"), LOCAL, transport=guard)
    assert str(caught.value) == ("fetch refused: address 10.0.0.5 is private (after a redirect)")
    assert caught.value.permanent
    assert [request.url.path for request in guard.sent] == ["/go"]
    assert guard.blocked == []


def test_a_redirect_to_a_name_of_a_private_address_is_refused() -> None:
    guard = GuardTransport()
    with running_page_server({}) as server:
        resolve = fixed_resolver({"intranet.test": ["10.1.2.3"], "news.test": ["127.0.0.1"]})
        server.routes["/go"] = redirect("http://intranet.test/secret")
        refusal = r"intranet\.test resolves to 10\.1\.2\.3, which is private"
        with pytest.raises(IngestError, match=refusal):
            fetch_page(
                f"http://news.test:{server.port}/go", LOCAL, resolver=resolve, transport=guard
            )
    assert guard.blocked == []


def test_a_redirect_to_another_scheme_is_refused() -> None:
    with (
        running_page_server({"/go": redirect("file:///etc/passwd")}) as server,
        pytest.raises(IngestError, match="fetch refused: only http and https"),
    ):
        fetch_page(server.url("/go"), LOCAL)


def test_a_page_over_the_size_limit_is_refused_from_its_content_length() -> None:
    big = Route(body=b"<p>" + b"x" * 300_000 + b"</p>")
    with (
        running_page_server({"/big": big}) as server,
        pytest.raises(IngestError, match="larger than 100000 bytes") as caught,
    ):
        fetch_page(server.url("/big"), FetchPolicy(max_bytes=100_000, allow_loopback=True))
    assert caught.value.permanent


def test_a_chunked_page_is_cut_off_at_the_size_limit() -> None:
    big = Route(body=b"<p>" + b"x" * 3_000_000 + b"</p>", chunked=True)
    with running_page_server({"/big": big}) as server:
        started = time.monotonic()
        with pytest.raises(IngestError, match="larger than 100000 bytes"):
            fetch_page(server.url("/big"), FetchPolicy(max_bytes=100_000, allow_loopback=True))
    assert time.monotonic() - started < 3


def test_a_slow_server_times_out() -> None:
    slow = Route(body=b"<p>late</p>", delay=3.0)
    with running_page_server({"/slow": slow}) as server:
        started = time.monotonic()
        with pytest.raises(IngestError, match=r"timed out after 0\.5s") as caught:
            fetch_page(server.url("/slow"), FetchPolicy(timeout_seconds=0.5, allow_loopback=True))
    assert time.monotonic() - started < 2
    assert not caught.value.permanent  # a later attempt may succeed


@pytest.mark.slow  # runs into a 1 s fetch budget: not in `make check`
def test_a_trickling_body_is_bounded_by_the_whole_fetch_budget() -> None:
    # Each byte arrives well within a per-read timeout; only a budget for the whole fetch
    # stops this.
    trickle = Route(body=b"<p>" + b"x" * 200 + b"</p>", drip=0.05)
    with running_page_server({"/drip": trickle}) as server:
        started = time.monotonic()
        with pytest.raises(IngestError, match="timed out after 1s"):
            fetch_page(server.url("/drip"), FetchPolicy(timeout_seconds=1.0, allow_loopback=True))
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json"])
def test_a_response_that_is_not_html_is_refused(content_type: str) -> None:
    route = Route(body=b"%PDF-1.7", headers={"content-type": content_type})
    with (
        running_page_server({"/doc": route}) as server,
        pytest.raises(IngestError, match="not an HTML page") as caught,
    ):
        fetch_page(server.url("/doc"), LOCAL)
    assert content_type in str(caught.value)
    assert caught.value.permanent


def test_xhtml_is_accepted() -> None:
    route = Route(body=b"<p>ok</p>", headers={"content-type": "application/xhtml+xml"})
    with running_page_server({"/x": route}) as server:
        assert fetch_page(server.url("/x"), LOCAL).content == b"<p>ok</p>"


@pytest.mark.parametrize(
    ("status", "permanent"), [(404, True), (410, True), (503, False), (429, False)]
)
def test_http_errors_say_whether_a_retry_can_help(status: int, permanent: bool) -> None:
    with (
        running_page_server({"/p": Route(status=status, body=b"no")}) as server,
        pytest.raises(IngestError, match=f"HTTP {status}") as caught,
    ):
        fetch_page(server.url("/p"), LOCAL)
    assert caught.value.permanent is permanent


def test_a_closed_port_is_a_transient_network_error() -> None:
    with running_page_server({}) as server:
        url = server.url("/gone")
    with pytest.raises(IngestError, match="fetch failed: network error") as caught:
        fetch_page(url, LOCAL)
    assert not caught.value.permanent


def test_an_unresolvable_name_is_a_transient_error() -> None:
    with pytest.raises(IngestError, match="cannot resolve") as caught:
        fetch_page("http://missing.test/x", LOCAL, resolver=fixed_resolver({}))
    assert not caught.value.permanent
