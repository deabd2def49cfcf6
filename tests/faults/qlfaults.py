"""Helpers of the fault-injection tests: a private Redis server that a test may kill, the API
as a real process with a key, and read-outs of a story's state for the assertions.

The process helpers themselves (workers, beat, uvicorn, redis-server) are in ``scripts/stack.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from scripts.stack import (
    Broker,
    Proc,
    free_port,
    redis_answers,
    redis_command,
    running_workers,
    start,
    start_api,
    wait_api,
    wait_until,
)
from tests.worker.qlfakes import QUOTE
from tests.worker.qlreceiver import Receiver
from worker.storage.keys import create_api_key
from worker.storage.models import ArticleRow, Delivery, ReportRow, StoryRow

REDIS_SERVER = "/usr/bin/redis-server"
# The real Celery app and jobs with the fake extractor and report builder (tests/worker).
FAKE_APP = "tests.worker.qlworker_fake_app:app"


@dataclass
class RedisServer:
    """A ``redis-server`` of our own on a loopback port, so a test can kill and restart the
    broker without touching the shared one. Without ``appendonly`` a restart loses every
    queued message, which is the harder case for the service."""

    tmp: Path
    port: int = field(default_factory=free_port)
    appendonly: bool = False
    proc: Proc | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 20) -> None:
        self.starts += 1
        cmd = redis_command(
            REDIS_SERVER,
            self.port,
            "--appendonly",
            "yes" if self.appendonly else "no",
            "--dir",
            str(self.tmp),
            "--protected-mode",
            "yes",
        )
        self.proc = start(
            f"redis-{self.starts}", cmd, dict(os.environ), self.tmp / f"redis-{self.starts}.log"
        )
        wait_until(
            self.answers,
            timeout,
            f"redis-server on port {self.port} did not start",
            [self.proc],
            0.05,
        )

    def answers(self) -> bool:
        return redis_answers(self.url, timeout=0.5)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Stop the server (SIGKILL: a crash; SIGTERM: a clean shutdown) and wait for it."""
        if self.proc is None:
            return
        with suppress(ProcessLookupError):
            os.kill(self.proc.popen.pid, signal.SIGCONT)  # a frozen server cannot shut down
            os.kill(self.proc.popen.pid, sig)
        with suppress(subprocess.TimeoutExpired):
            self.proc.popen.wait(timeout=10)
        self.proc.stop(grace=5)
        self.proc = None

    def signal(self, sig: int) -> None:
        """SIGSTOP freezes the server (connections hang, nothing is refused); SIGCONT thaws."""
        assert self.proc is not None
        os.kill(self.proc.popen.pid, sig)

    def queued(self, queue: str) -> int:
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return int(client.llen(queue))
        finally:
            client.close()


@contextmanager
def running_redis(tmp: Path, appendonly: bool = False) -> Iterator[RedisServer]:
    server = RedisServer(tmp, appendonly=appendonly)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@contextmanager
def running_api(
    tmp: Path, env: dict[str, str], session: Session, tenant: str = "faults"
) -> Iterator[tuple[httpx.Client, Proc]]:
    """The API as a uvicorn process, and a client that authenticates as a fresh tenant."""
    _, key = create_api_key(session, tenant)
    session.commit()
    port = free_port()
    api = start_api(tmp, env, port)
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        ) as client:
            wait_api(client, [api])
            yield client, api
    finally:
        api.stop()


@contextmanager
def running_service(
    tmp: Path,
    env: dict[str, str],
    broker: Broker,
    session: Session,
    name: str,
    concurrency: int = 1,
) -> Iterator[tuple[httpx.Client, list[Proc]]]:
    """API + one worker (fake NLP) with embedded beat, as ``make run`` lays them out."""
    with (
        running_api(tmp, env, session) as (client, api),
        running_workers(
            tmp, env, broker, [name], app=FAKE_APP, concurrency=concurrency, beat=True
        ) as workers,
    ):
        yield client, [api, *workers]


def create_story(client: httpx.Client, webhook_url: str | None = None) -> dict[str, Any]:
    response = client.post("/v1/stories", json={"name": "faults", "webhook_url": webhook_url})
    assert response.status_code == 201, response.text
    story: dict[str, Any] = response.json()
    return story


def batch(*texts: str, source: str = "wire") -> dict[str, Any]:
    return {"articles": [{"source": f"{source}-{i}", "text": t} for i, t in enumerate(texts)]}


def json_body(response: httpx.Response) -> dict[str, Any]:
    """The response body, failing clearly when it is not a JSON object."""
    try:
        body = response.json()
    except json.JSONDecodeError:
        raise AssertionError(
            f"HTTP {response.status_code} is not JSON: {response.text[:200]!r}"
        ) from None
    assert isinstance(body, dict), body
    return body


@dataclass(frozen=True)
class StoryState:
    """What the database says about a story at one moment."""

    statuses: dict[str, str]  # article id -> status
    quotes: dict[str, list[str]]  # article id -> stored quote texts
    attempts: dict[str, int]
    report_version: int
    check_pending: bool
    latest_report: dict[str, Any] | None
    deliveries: list[Delivery]

    @property
    def counts(self) -> Counter[str]:
        return Counter(self.statuses.values())

    def settled(self, expected_articles: int | None = None) -> bool:
        """Every article finished, a report exists, no check pending, no delivery pending."""
        if expected_articles is not None and len(self.statuses) != expected_articles:
            return False
        if self.counts["queued"] or self.counts["processing"]:
            return False
        if self.check_pending or self.report_version == 0:
            return False
        return all(d.status != "pending" for d in self.deliveries)


def story_state(session: Session, story_id: str) -> StoryState:
    session.expire_all()
    articles = list(session.scalars(select(ArticleRow).where(ArticleRow.story_id == story_id)))
    story = session.get(StoryRow, story_id)
    assert story is not None, story_id
    latest = session.scalars(
        select(ReportRow).where(ReportRow.story_id == story_id).order_by(ReportRow.version.desc())
    ).first()
    deliveries = list(session.scalars(select(Delivery).where(Delivery.story_id == story_id)))
    return StoryState(
        statuses={a.id: a.status for a in articles},
        quotes={a.id: [q["text"] for q in a.quotes or ()] for a in articles},
        attempts={a.id: a.attempts for a in articles},
        report_version=story.report_version,
        check_pending=story.check_requested_at is not None,
        latest_report=dict(latest.body) if latest is not None else None,
        deliveries=deliveries,
    )


def wait_settled(
    session: Session,
    story_id: str,
    procs: list[Proc],
    timeout: float,
    expected_articles: int | None = None,
) -> StoryState:
    def settled() -> StoryState | None:
        state = story_state(session, story_id)
        return state if state.settled(expected_articles) else None

    def describe() -> str:
        state = story_state(session, story_id)
        return (
            f"story {story_id} did not settle: {dict(state.counts)}, "
            f"report v{state.report_version}, check pending {state.check_pending}, "
            f"deliveries {[(d.report_version, d.status) for d in state.deliveries]}"
        )

    return wait_until(settled, timeout, describe, procs, 0.3)


def expected_quotes(text: str) -> list[str]:
    """What the fake extractor (qlfakes) finds in ``text``: one set, in text order."""
    return QUOTE.findall(text)


def one_set_of_quotes(state: StoryState, texts: dict[str, str]) -> int:
    """Assert every article holds exactly the quotes of its text once; return the total."""
    for article_id, text in texts.items():
        assert state.quotes[article_id] == expected_quotes(text), (article_id, text)
    return sum(len(q) for q in state.quotes.values())


def webhook_versions(receiver: Receiver) -> dict[str, list[int]]:
    """webhook-id -> the report versions of every request that carried it."""
    seen: dict[str, list[int]] = {}
    for request in receiver.requests:
        version = int(json.loads(request.body)["data"]["version"])
        seen.setdefault(request.headers["webhook-id"], []).append(version)
    return seen


def elapsed_since(started: float) -> float:
    return round(time.monotonic() - started, 1)
