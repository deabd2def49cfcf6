"""``/docs`` works offline (assets served by the API), every operation has a title, and the
report route documents the report's schema."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import jsonschema
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.test_api_report_page import new_story, store_report
from worker.settings import Settings

Headers = Callable[[str], dict[str, str]]


def test_docs_page_loads_its_assets_from_the_api(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets, page.text
    for asset in assets:
        assert asset.startswith("/"), f"{asset} is not served by the API"
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert len(answer.content) > 1000, asset
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert "cdn" not in page.text.lower()
    redoc = client.get("/redoc")
    assert redoc.status_code == 200 and "cdn" not in redoc.text.lower()


def test_the_openapi_document_is_the_same_whatever_the_settings(settings: Settings) -> None:
    """The API's limits are enforced, not written into the document: so the tests' apps share
    one document (``tests/conftest.py``) instead of each generating it on its first request."""
    from api.main import create_app

    tuned = {
        "max_body_bytes": 60_000,
        "max_html_bytes": 50_000,
        "max_batch": 3,
        "max_article_chars": 1_000,
        "max_story_articles": 4,
        "webhook_secret_rotation_hours": 1,
        "webhook_allow_loopback": False,
        "quotelens_key_cache_seconds": 0,
        "metrics_token": None,
        "quotelens_admin_token": None,
    }
    assert create_app(settings.model_copy(update=tuned)).openapi() == create_app(settings).openapi()


def test_every_operation_has_a_title(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    untitled = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if not operation.get("summary")
    ]
    assert untitled == []


def test_path_parameters_are_listed_in_the_order_of_the_path(client: TestClient) -> None:
    """``story_id`` comes from ``StoryDep``, which FastAPI would list after the route's own
    parameters; generated clients take them in the listed order."""
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        in_path = re.findall(r"\{(\w+)\}", path)
        for operation in operations.values():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            assert names == in_path, path


def test_the_report_route_documents_the_report(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/v1/stories/{story_id}/report"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/StoredReport"
    }
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    body = client.get(f"/v1/stories/{story_id}/report", headers=headers).json()
    validator = jsonschema.Draft202012Validator(
        {**spec, "$ref": "#/components/schemas/StoredReport"}
    )
    validator.validate(body)
    broken = {**body, "summary": {**body["summary"], "clusters": -1}}
    assert not validator.is_valid(broken)
    assert not validator.is_valid({k: v for k, v in body.items() if k != "version"})


def test_the_webhook_body_is_documented(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    from worker.storage.reports import latest_report
    from worker.webhooks.payload import webhook_payload

    spec = client.get("/openapi.json").json()
    post = spec["webhooks"]["story.report.updated"]["post"]
    body_schema = post["requestBody"]["content"]["application/json"]["schema"]
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    stored = latest_report(db_session, story_id)
    assert stored is not None
    validator = jsonschema.Draft202012Validator({**spec, **body_schema})
    for limit in (0, 10_000_000):  # the summary and a link, or the full report inlined
        payload = webhook_payload(
            story_id,
            stored.version,
            stored.body,
            created_at=datetime.now(UTC),
            public_url="https://quotelens.example.org",
            full_report_max_bytes=limit,
        )
        assert ("report" in payload["data"]) == bool(limit)
        validator.validate(payload)
        assert not validator.is_valid({**payload, "type": "story.deleted"})
