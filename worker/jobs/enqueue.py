"""How jobs ask for follow-up work: an interface, the Celery implementation, and a recorder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Enqueuer(Protocol):
    def extract_article(self, article_id: str) -> None: ...

    def check_story(self, story_id: str, countdown: float = 0.0) -> None: ...

    def deliver_webhook(self, delivery_id: str) -> None: ...


class CeleryEnqueuer:
    """Sends tasks by name through the Celery app (no import of ``worker.tasks``); each message
    names its story and outlet for Flower (``task_labels``)."""

    def extract_article(self, article_id: str) -> None:
        from worker.celery_app import TASK_EXTRACT_ARTICLE, app
        from worker.jobs.task_labels import label_article

        app.send_task(TASK_EXTRACT_ARTICLE, args=[article_id], argsrepr=label_article(article_id))

    def check_story(self, story_id: str, countdown: float = 0.0) -> None:
        from worker.celery_app import TASK_CHECK_STORY, app
        from worker.jobs.task_labels import label_story

        app.send_task(
            TASK_CHECK_STORY,
            args=[story_id],
            countdown=max(0.0, countdown) or None,
            argsrepr=label_story(story_id),
        )

    def deliver_webhook(self, delivery_id: str) -> None:
        from worker.celery_app import TASK_DELIVER_WEBHOOK, app
        from worker.jobs.task_labels import label_delivery

        app.send_task(
            TASK_DELIVER_WEBHOOK, args=[delivery_id], argsrepr=label_delivery(delivery_id)
        )


@dataclass
class RecordingEnqueuer:
    """Collects requests instead of sending them (unit tests, dry runs)."""

    extracted: list[str] = field(default_factory=list)
    checks: list[tuple[str, float]] = field(default_factory=list)
    deliveries: list[str] = field(default_factory=list)

    def extract_article(self, article_id: str) -> None:
        self.extracted.append(article_id)

    def check_story(self, story_id: str, countdown: float = 0.0) -> None:
        self.checks.append((story_id, countdown))

    def deliver_webhook(self, delivery_id: str) -> None:
        self.deliveries.append(delivery_id)
