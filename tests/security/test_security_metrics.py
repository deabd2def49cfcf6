"""``/metrics`` needs its own token (``METRICS_TOKEN``) and still carries no tenant data.

Two tenants with distinctive names create stories with distinctive names and webhook URLs and
submit articles; after some traffic (including 404s for made-up ids) the exposition must not
contain any tenant name, story name or id, article id, webhook host, API key or key prefix:
labels are route templates and the gauges are totals over all tenants.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

ADMIN = {"Authorization": "Bearer test-admin-token"}


def test_metrics_expose_no_tenant_data(client: TestClient) -> None:
    leaks: list[str] = []
    for tenant in ("Zanzibar-Gazette-7731", "Quokka-Herald-5519"):
        created = client.post("/v1/keys", json={"tenant": tenant}, headers=ADMIN).json()
        headers = {"Authorization": f"Bearer {created['key']}"}
        leaks += [tenant, created["key"], f"ql_{created['prefix']}", created["prefix"]]
        story_name = f"Secret merger of {tenant}"
        story = client.post(
            "/v1/stories",
            json={"name": story_name, "webhook_url": f"https://hooks-{tenant.lower()}.example/q"},
            headers=headers,
        ).json()
        leaks += [story_name, story["id"], f"hooks-{tenant.lower()}", story["webhook_secret"]]
        submitted = client.post(
            f"/v1/stories/{story['id']}/articles",
            json={"articles": [{"source": f"{tenant} desk", "text": f'"Hi," said {tenant}.'}]},
            headers=headers,
        )
        assert submitted.status_code == 202, submitted.text
        article_id = submitted.json()["articles"][0]["id"]
        leaks.append(article_id)
        for path in (
            f"/v1/stories/{story['id']}",
            f"/v1/articles/{article_id}",
            "/v1/stories/00000000-0000-4000-8000-00000000beef",
            f"/v1/stories/{tenant}",
        ):
            client.get(path, headers=headers)

    exposition = client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"})
    assert exposition.status_code == 200
    text = exposition.text
    assert 'quotelens_articles{status="queued"} 2.0' in text  # the scrape did see the traffic
    assert 'route="/v1/stories/{story_id}"' in text
    found = [leak for leak in leaks if leak in text or leak.lower() in text.lower()]
    assert found == [], f"/metrics leaks tenant data: {found}"
    assert "00000000-0000-4000-8000-00000000beef" not in text


def test_metrics_label_unknown_paths_without_echoing_them(
    client: TestClient, auth_headers: Callable[[str], dict[str, str]]
) -> None:
    headers = auth_headers("acme")
    probe = "/v1/does-not-exist/Zanzibar-Gazette-7731"
    assert client.get(probe, headers=headers).status_code == 404
    text = client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"}).text
    assert "Zanzibar" not in text and "does-not-exist" not in text
    assert 'route="unmatched"' in text


def test_metrics_need_the_metrics_token(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics").headers["www-authenticate"] == "Bearer"
    for wrong in ("Bearer guess", "Bearer test-admin-token", "Basic dGVzdC1tZXRyaWNzLXRva2Vu"):
        response = client.get("/metrics", headers={"Authorization": wrong})
        assert response.status_code == 401, wrong
        assert "quotelens_" not in response.text
    ok = client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"})
    assert ok.status_code == 200 and "quotelens_http_requests" in ok.text


def test_metrics_are_absent_without_a_metrics_token(
    make_client: Callable[..., TestClient],
) -> None:
    closed = make_client(metrics_token=None)
    response = closed.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"})
    assert response.status_code == 404
    assert "quotelens_" not in response.text
