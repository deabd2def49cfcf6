"""Prometheus metrics: request counts and latency per route template, queue depth, article
and delivery counts by status.

Each app gets its own registry (several apps can live in one test process). Labels are route
templates (``/v1/stories/{story_id}``), never concrete ids, and the database gauges aggregate
over all tenants, so the endpoint exposes no tenant data. Queue depth and database counts are
read at scrape time by a custom collector.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.queue import BrokerUnavailable, TaskQueue
from worker.storage.models import ARTICLE_STATUSES, DELIVERY_STATUSES, ArticleRow, Delivery

log = logging.getLogger(__name__)


class StateCollector(Collector):
    """Reads queue depth from Redis and status counts from the database on every scrape."""

    def __init__(self, queue: TaskQueue, sessions: Callable[[], Session]) -> None:
        self.queue = queue
        self.sessions = sessions

    @staticmethod
    def _families() -> tuple[GaugeMetricFamily, GaugeMetricFamily, GaugeMetricFamily]:
        return (
            GaugeMetricFamily(
                "quotelens_queue_depth", "Task messages waiting in the broker", labels=["queue"]
            ),
            GaugeMetricFamily(
                "quotelens_articles", "Articles by processing status", labels=["status"]
            ),
            GaugeMetricFamily(
                "quotelens_deliveries", "Webhook deliveries by status", labels=["status"]
            ),
        )

    def describe(self) -> Iterator[GaugeMetricFamily]:
        """Names only, so registering the collector does not query Redis or the database."""
        yield from self._families()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth, articles, deliveries = self._families()
        try:
            for name, count in self.queue.depths().items():
                depth.add_metric([name], count)
        except BrokerUnavailable as exc:
            log.warning("metrics: broker unavailable: %s", exc)
        yield depth

        try:
            with self.sessions() as session:
                a_counts: dict[str, int] = dict.fromkeys(ARTICLE_STATUSES, 0)
                for status, n in session.execute(
                    select(ArticleRow.status, func.count()).group_by(ArticleRow.status)
                ):
                    a_counts[status] = int(n)
                d_counts: dict[str, int] = dict.fromkeys(DELIVERY_STATUSES, 0)
                for status, n in session.execute(
                    select(Delivery.status, func.count()).group_by(Delivery.status)
                ):
                    d_counts[status] = int(n)
        except Exception as exc:  # a scrape must not fail because the database is down
            log.warning("metrics: database unavailable: %s", exc)
        else:
            for status, n in a_counts.items():
                articles.add_metric([status], n)
            for status, n in d_counts.items():
                deliveries.add_metric([status], n)
        yield articles
        yield deliveries


class Metrics:
    """The registry and instruments of one app."""

    def __init__(self, queue: TaskQueue, sessions: Callable[[], Session]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "quotelens_http_requests",
            "HTTP requests by method, route template and status code",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "quotelens_http_request_duration_seconds",
            "HTTP request latency by method and route template",
            ["method", "route"],
            registry=self.registry,
        )
        self.registry.register(StateCollector(queue, sessions))


class MetricsMiddleware:
    """Counts and times every HTTP request under its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = scope.get("route")
            template = str(getattr(route, "path", "")) or "unmatched"
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - start)
