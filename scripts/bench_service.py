"""Bench section "service": the whole service against the in-process CLI, and POST latency.

(a) End-to-end throughput: the extraction corpus (gold articles, paragraphs shuffled) goes into
one story through the API; the clock stops when the story's report covers every article. The
same corpus through ``worker.nlp.extract_articles`` + ``build_report`` in this process (what
``quotelens check`` does) gives the reference; the figure is the ratio (target >= 0.8). The
service has 2 worker processes, the CLI one, but the service also pays for HTTP, the database,
the broker and the debounced check. Each side runs ``--repeats`` rounds (the service one story
per round, on one stack) and the best of each is compared: one round of either side takes a
few seconds, and on this shared two-core machine one round alone was seen 25% off.

(b) ``POST /v1/stories/{id}/articles`` latency at a fixed offered rate (default 200/s, 15 s;
``make load`` runs the long version and checks every article ends ``done``).

Both start a throwaway stack (``scripts/stack.py``: fresh PostgreSQL database, Redis on its own
database and queue) and skip when PostgreSQL or Redis is not reachable.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from bench_core import BenchContext, Row, SkipSection, register
from bench_corpus import extraction_corpus

REPORT_DEADLINE_SECONDS = 900.0
LATENCY_RATE = 200.0


def _services_up() -> str | None:
    """Why the stack cannot start here, or None."""
    import psycopg
    import redis

    from scripts.stack import LOAD_REDIS_URL, PG_ADMIN_URL, libpq_dsn

    try:
        with psycopg.connect(libpq_dsn(PG_ADMIN_URL), connect_timeout=3):
            pass
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable: {exc}"
    client = redis.Redis.from_url(LOAD_REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        return f"Redis not reachable: {exc}"
    finally:
        client.close()
    return None


def _cli_seconds(corpus: list, rounds: int) -> float:  # type: ignore[type-arg]
    from bench_checker import paused_checker

    from worker.nlp import extract_articles
    from worker.nlp.model import load_model

    build_report = paused_checker()  # as the CLI's pipeline runs it
    load_model()
    extract_articles(corpus[:4])  # warm-up, as the workers are warm
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        build_report(extract_articles(corpus))
        best = min(best, time.perf_counter() - started)
    return best


def _service_seconds(ctx: BenchContext, corpus: list, rounds: int) -> tuple[float, int]:  # type: ignore[type-arg]
    from scripts.stack import service_stack

    with (
        service_stack(workers=2, debounce_seconds=0.5, say=ctx.log) as stack,
        httpx.Client(base_url=stack.api_url, headers=stack.headers, timeout=60) as client,
    ):
        results = [_one_story(stack, client, corpus, n) for n in range(rounds)]
    ctx.log("service rounds: " + ", ".join(f"{seconds:.1f}s" for seconds, _ in results))
    return min(results)


def _one_story(stack: Any, client: httpx.Client, corpus: list, n: int) -> tuple[float, int]:  # type: ignore[type-arg]
    """Submit the corpus as a new story; seconds until its report covers every article."""
    story = client.post("/v1/stories", json={"name": f"bench {n}"}).json()["id"]
    items = [{"source": a.source, "text": a.text} for a in corpus]
    started = time.perf_counter()
    accepted: set[str] = set()
    for offset in range(0, len(items), 50):
        response = client.post(
            f"/v1/stories/{story}/articles", json={"articles": items[offset : offset + 50]}
        )
        response.raise_for_status()
        accepted |= {a["id"] for a in response.json()["articles"]}
    deadline = started + REPORT_DEADLINE_SECONDS
    while time.perf_counter() < deadline:
        stack.check_alive()
        report = client.get(f"/v1/stories/{story}/report")
        if report.status_code == 200:
            covered = {a["id"] for a in report.json()["articles"]}
            failed = {f["article_id"] for f in report.json().get("failed_articles", [])}
            if accepted <= covered | failed:
                return time.perf_counter() - started, len(accepted)
        time.sleep(0.1)
    raise TimeoutError(f"no complete report within {REPORT_DEADLINE_SECONDS:.0f}s")


def _latency(ctx: BenchContext, seconds: float) -> list[Row]:
    from load import drive, percentile

    from scripts.stack import service_stack

    with service_stack(workers=2, api_workers=2, worker_nice=19, say=ctx.log) as stack:
        with httpx.Client(base_url=stack.api_url, headers=stack.headers, timeout=30) as client:
            stories = [
                client.post("/v1/stories", json={"name": f"s{n}"}).json()["id"] for n in range(20)
            ]
        result = asyncio.run(
            drive(
                stack.api_url,
                stack.headers,
                stories,
                rate=LATENCY_RATE,
                duration=seconds,
                concurrency=64,
            )
        )
    ms = [value * 1000 for value in result.latencies]
    achieved = len(ms) / result.elapsed if result.elapsed else 0.0
    setup = "2 API + 2 worker processes (nice 19)"
    return [
        Row("service", "POST offered rate", LATENCY_RATE, "req/s", f"{seconds:g} s, open loop"),
        Row("service", "POST achieved rate", achieved, "req/s", setup),
        Row("service", "POST latency p50", percentile(ms, 50), "ms"),
        Row("service", "POST latency p99", percentile(ms, 99), "ms"),
        Row("service", "POST errors", result.errors, "", f"of {result.sent} requests"),
    ]


@register("service", order=40)
def service(ctx: BenchContext) -> list[Row]:
    """Service end-to-end articles/s vs in-process CLI (ratio, target >= 0.8); POST latency."""
    reason = _services_up()
    if reason is not None:
        raise SkipSection(reason)
    corpus = extraction_corpus(minimum=ctx.args.articles)
    ctx.log(f"corpus: {len(corpus)} articles")
    rounds = ctx.args.repeats
    cli = _cli_seconds(corpus, rounds)
    ctx.log(f"CLI: {cli:.1f}s (best of {rounds})")
    service_time, articles = _service_seconds(ctx, corpus, rounds)
    ctx.log(f"service: {service_time:.1f}s for {articles} articles (best of {rounds})")
    cli_rate = len(corpus) / cli
    service_rate = articles / service_time
    rows = [
        Row(
            "service",
            "CLI in-process",
            cli_rate,
            "articles/s",
            f"extract_articles + build_report, 1 process, best of {rounds}",
        ),
        Row(
            "service",
            "service end-to-end",
            service_rate,
            "articles/s",
            f"API -> 2 worker processes -> report, best of {rounds}",
        ),
        Row("service", "ratio service/CLI", service_rate / cli_rate, "x", "target >= 0.8"),
    ]
    return rows + _latency(ctx, 5.0 if ctx.quick else 15.0)
