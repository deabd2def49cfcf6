"""Health, readiness, metrics, JSON errors and the OpenAPI document."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.api_helpers import CLOSED_REDIS_URL, articles_payload

Headers = Callable[[str], dict[str, str]]


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}


def test_readyz_ok_with_real_services(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_readyz_503_when_broker_down(make_client: Callable[..., TestClient]) -> None:
    response = make_client(redis_url=CLOSED_REDIS_URL).get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["broker"] == "unavailable" and "broker" in body["detail"]


def test_readyz_503_when_schema_missing(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    response = make_client(database_url=f"sqlite:///{tmp_path / 'empty.db'}").get("/readyz")
    assert response.status_code == 503
    assert "run migrations" in response.json()["checks"]["database"]


def test_database_down_is_503_json(make_client: Callable[..., TestClient]) -> None:
    down = make_client(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none")
    response = down.get("/v1/stories", headers={"Authorization": "Bearer ql_x_y"})
    assert response.status_code == 503
    assert "database is unavailable" in response.json()["detail"]
    assert down.get("/readyz").json()["checks"]["database"] == "unavailable"


def test_metrics_use_route_templates_and_report_state(
    client: TestClient, auth_headers: Headers
) -> None:
    headers = auth_headers("acme")
    story_id = client.post("/v1/stories", json={"name": "s"}, headers=headers).json()["id"]
    client.post(
        f"/v1/stories/{story_id}/articles", json=articles_payload("A.", "B."), headers=headers
    )
    client.get(f"/v1/stories/{story_id}", headers=headers)
    client.get("/no/such/route")

    response = client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    route = 'route="/v1/stories/{story_id}"'
    assert f'quotelens_http_requests_total{{method="GET",{route},status="200"}} 1.0' in text
    assert 'route="unmatched",status="404"' in text
    assert "quotelens_http_request_duration_seconds_bucket" in text
    assert story_id not in text and "acme" not in text
    assert 'quotelens_articles{status="queued"} 2.0' in text
    assert 'quotelens_queue_depth{queue="quotelens"} 2.0' in text
    assert 'quotelens_deliveries{status="pending"} 0.0' in text


def test_errors_are_json(client: TestClient) -> None:
    missing = client.get("/v1/nothing-here")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}
    wrong_method = client.delete("/healthz")
    assert wrong_method.status_code == 405 and "detail" in wrong_method.json()


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/v1/stories/{story_id}/articles" in paths and "/metrics" not in paths
    assert client.get("/docs").status_code == 200


@pytest.mark.subprocess
def test_api_process_loads_no_nlp_and_no_tasks() -> None:
    """The API must stay light: importing it (and the Celery app it sends through) must not
    pull in spaCy, the NLP code or the task module."""
    code = (
        "import sys, api.main, api.queue\n"
        "api.queue.TaskQueue('redis://127.0.0.1:6379/15')._celery()\n"
        "bad = [m for m in ('spacy', 'worker.nlp', 'worker.tasks', 'worker.checker')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
