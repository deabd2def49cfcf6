"""End to end: API (uvicorn) + Celery worker (with beat) + a loopback webhook receiver.

The two seed articles go in through the HTTP API; the signed webhook that comes out must
carry the same report the CLI computes in-process for the same files. Runs on SQLite and on
PostgreSQL (the ``database_url`` fixture is parametrised over both).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from scripts.stack import (
    REPO,
    Broker,
    free_port,
    running_workers,
    service_env,
    start_api,
    wait_until,
)
from tests.worker.qlreceiver import running_receiver
from worker.cli.inputs import read_article
from worker.storage import articles as article_repo
from worker.storage.keys import create_api_key

pytestmark = [pytest.mark.integration, pytest.mark.timeout(420)]

SEED_DIR = REPO / "examples" / "seeds"
SEEDS = [SEED_DIR / "rferl.txt", SEED_DIR / "washington-times.txt"]


def expected_report(session: Session, story_id: str) -> dict[str, Any]:
    """What ``quotelens check`` computes for the seed files, with the service's article ids
    and in the order the service checks them."""
    from worker.checker import build_report
    from worker.nlp import extract_articles

    by_source = {path.stem: path for path in SEEDS}
    rows = article_repo.done_articles(session, story_id)
    assert sorted(r.source for r in rows) == sorted(by_source), [r.source for r in rows]
    articles = [read_article(by_source[row.source], row.id) for row in rows]
    report: dict[str, Any] = build_report(extract_articles(articles)).to_dict()
    return report


def test_seed_articles_to_signed_webhook(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    _, api_key = create_api_key(db_session, "e2e")
    db_session.commit()
    port = free_port()
    env = service_env(
        database_url, broker, CHECK_DEBOUNCE_SECONDS="1", WEBHOOK_TIMEOUT_SECONDS="10"
    )
    api = start_api(tmp_path, env, port)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {api_key}"}
    try:
        with (
            running_receiver() as receiver,
            running_workers(tmp_path, env, broker, ["e2e"], concurrency=2, beat=True) as workers,
            httpx.Client(base_url=base, headers=headers, timeout=30) as client,
        ):
            procs = [api, *workers]

            def api_up() -> bool:
                try:
                    return client.get("/healthz").status_code == 200
                except httpx.HTTPError:
                    return False

            wait_until(api_up, 60, "API did not answer /healthz", procs)

            created = client.post(
                "/v1/stories", json={"name": "seeds", "webhook_url": receiver.url}
            )
            assert created.status_code == 201, created.text
            story = created.json()
            payload = {
                "articles": [
                    {"source": path.stem, "text": path.read_bytes().decode("utf-8-sig")}
                    for path in SEEDS
                ]
            }
            submitted = client.post(f"/v1/stories/{story['id']}/articles", json=payload)
            assert submitted.status_code == 202, submitted.text

            try:
                [hook] = receiver.wait_for(1, timeout=300)
            except AssertionError as exc:
                details = "\n".join(p.describe() for p in procs)
                status = client.get(f"/v1/stories/{story['id']}").text
                raise AssertionError(
                    f"{exc}\nstory: {status}\n{broker.describe()}\n{details}"
                ) from None

            served = client.get(f"/v1/stories/{story['id']}/report")
            assert served.status_code == 200, served.text

            def delivered() -> bool:
                listing = client.get(f"/v1/stories/{story['id']}/deliveries")
                return listing.status_code == 200 and "succeeded" in listing.text

            wait_until(delivered, 30, "delivery was not marked succeeded", procs)
    finally:
        api.stop()

    # Signed with the story's secret, Standard Webhooks style.
    body = Webhook(story["webhook_secret"]).verify(hook.body, hook.headers)
    assert hook.headers["webhook-id"].startswith("msg_")
    assert body["type"] == "story.report.updated"
    data = body["data"]
    assert data["story_id"] == story["id"] and data["version"] == 1
    assert data["summary"] == data["report"]["summary"]

    report = dict(data["report"])
    assert report.pop("failed_articles") == []
    assert report["schema"] == expected_report(db_session, story["id"])["schema"]
    assert report == expected_report(db_session, story["id"])
    assert report["summary"], "the seeds produce a non-empty summary"
    quotes = sum(len(a.get("quotes", [])) for a in report["articles"])
    assert quotes >= 4, "both seed articles carry several attributed quotes"
