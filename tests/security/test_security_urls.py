"""Webhook targets: only public http(s) addresses, at story creation and at connection time.

``tests/worker/test_url_safety.py`` covers the address policy itself and
``tests/ingest/test_ingest_addresses.py`` the article fetcher; here: a DNS answer that changes
between the check and the connection (rebinding) cannot steer a webhook delivery to a private
address, and story creation refuses the obviously bad URLs, including the numeric spellings of
loopback that resolvers accept, with a 422 that says why. No request leaves the machine: the
"network" is an ``httpx.MockTransport`` that records where each request would have gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from worker.net.pinning import PinnedTransport
from worker.webhooks.sender import send_once

Headers = Callable[[str], dict[str, str]]
PUBLIC = "93.184.216.34"


class Recorder:
    """A transport that records each request instead of sending it."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return reply(204)


def reply(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    """A response the sender can stream (a plain ``Response(204)`` arrives already read)."""
    return httpx.Response(status, headers=headers, stream=httpx.ByteStream(b""))


def rebinding(*answers: list[str]) -> tuple[Callable[[str, int], list[str]], list[str]]:
    """A resolver giving ``answers`` in turn (the last one forever), and its call log."""
    calls: list[str] = []
    sequence: Iterator[list[str]] = iter(answers)
    last: list[list[str]] = [answers[-1]]

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        last[0] = next(sequence, last[0])
        return last[0]

    return resolve, calls


def test_delivery_connects_to_the_checked_address_not_a_rebound_one() -> None:
    resolve, calls = rebinding([PUBLIC], ["127.0.0.1"], ["10.0.0.7"])
    network = Recorder()
    result = send_once(
        "https://hooks.rebind.test/q",
        b"{}",
        {},
        timeout=5,
        resolver=resolve,
        transport=network.transport,
    )
    assert result.status_code == 204
    assert calls == ["hooks.rebind.test"]  # resolved once: no second answer is ever used
    (request,) = network.requests
    assert request.url.host == PUBLIC
    assert request.headers["host"] == "hooks.rebind.test"
    assert request.extensions["sni_hostname"] == "hooks.rebind.test"


def test_delivery_is_refused_when_the_name_rebinds_to_private_before_the_check() -> None:
    resolve, _ = rebinding(["10.0.0.7"])
    network = Recorder()
    result = send_once(
        "https://hooks.rebind.test/q",
        b"{}",
        {},
        timeout=5,
        resolver=resolve,
        transport=network.transport,
    )
    assert result.refused and result.status_code is None
    assert "private" in (result.error or "")
    assert network.requests == []


def test_each_request_through_a_pinned_transport_is_checked_again() -> None:
    """What a client following redirects relies on: the second request to the same name,
    now answered with loopback, is refused before anything is sent."""
    resolve, calls = rebinding([PUBLIC], ["127.0.0.1"])
    network = Recorder()
    with httpx.Client(transport=PinnedTransport(resolver=resolve, inner=network.transport)) as c:
        assert c.get("http://hooks.rebind.test/first").status_code == 204
        with pytest.raises(ValueError, match="loopback"):
            c.get("http://hooks.rebind.test/second")
    assert calls == ["hooks.rebind.test", "hooks.rebind.test"]
    assert [r.url.host for r in network.requests] == [PUBLIC]


def test_redirect_answers_are_not_followed() -> None:
    network = Recorder()
    redirect = httpx.MockTransport(
        lambda request: (
            network.requests.append(request)
            or reply(307, {"location": "http://127.0.0.1/internal"})
        )
    )
    resolve, _ = rebinding([PUBLIC])
    result = send_once(
        "https://hooks.example.test/q", b"{}", {}, timeout=5, resolver=resolve, transport=redirect
    )
    assert result.status_code == 307
    assert [r.url.host for r in network.requests] == [PUBLIC]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://hooks.example.com/q",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://LOCALHOST./hook",
        "http://api.localhost/hook",
        "http://127.1/hook",
        "http://0x7f000001/hook",
        "http://2130706433/hook",
        "http://017700000001/hook",
        "http://0/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:a00:1]/hook",
        "http://10.0.0.1/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://224.0.0.1/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://user:pw@10.0.0.1/hook",
    ],
)
def test_story_creation_refuses_bad_webhook_urls(
    make_client: Callable[..., TestClient], auth_headers: Headers, url: str
) -> None:
    strict = make_client(webhook_allow_loopback=False)
    response = strict.post(
        "/v1/stories", json={"name": "s", "webhook_url": url}, headers=auth_headers("acme")
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["errors"][0]["loc"] == ["body", "webhook_url"]
    assert body["detail"].startswith("Invalid request: body.webhook_url:")
    assert strict.get("/v1/stories", headers=auth_headers("acme")).json() == {"stories": []}


def test_public_webhook_urls_and_loopback_for_development_are_accepted(
    make_client: Callable[..., TestClient], auth_headers: Headers
) -> None:
    headers = auth_headers("acme")
    strict = make_client(webhook_allow_loopback=False)
    development = make_client(webhook_allow_loopback=True)
    for url in ("https://hooks.example.com/q", "http://93.184.216.34:8080/q"):
        body = {"name": "s", "webhook_url": url}
        created = strict.post("/v1/stories", json=body, headers=headers)
        assert created.status_code == 201, (url, created.text)
    loopback = {"name": "s", "webhook_url": "http://127.0.0.1:9000/hook"}
    assert development.post("/v1/stories", json=loopback, headers=headers).status_code == 201
    # Allowing loopback does not open the private ranges.
    private = {"name": "s", "webhook_url": "http://10.0.0.1/hook"}
    assert development.post("/v1/stories", json=private, headers=headers).status_code == 422
