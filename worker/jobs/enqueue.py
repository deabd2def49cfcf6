"""How jobs ask for follow-up work: an interface and its Celery implementation (the tests'
recorder is ``tests.worker.qlfakes.RecordingEnqueuer``)."""

from __future__ import annotations

from typing import Protocol

from worker.task_names import TASK_CHECK_STORY, TASK_DELIVER_WEBHOOK, TASK_EXTRACT_ARTICLE


class Enqueuer(Protocol):
    def extract_article(self, article_id: str) -> None: ...

    def check_story(self, story_id: str, countdown: float = 0.0) -> None: ...

    def deliver_webhook(self, delivery_id: str) -> None: ...


class CeleryEnqueuer:
    """Sends tasks by name through the Celery app (no import of ``worker.tasks``); each message
    names its story and outlet for Flower (``task_labels``)."""

    def extract_article(self, article_id: str) -> None:
        from worker.celery_app import app
        from worker.jobs.task_labels import label_article

        app.send_task(TASK_EXTRACT_ARTICLE, args=[article_id], argsrepr=label_article(article_id))

    def check_story(self, story_id: str, countdown: float = 0.0) -> None:
        from worker.celery_app import app
        from worker.jobs.task_labels import label_story

        app.send_task(
            TASK_CHECK_STORY,
            args=[story_id],
            countdown=max(0.0, countdown) or None,
            argsrepr=label_story(story_id),
        )

    def deliver_webhook(self, delivery_id: str) -> None:
        from worker.celery_app import app
        from worker.jobs.task_labels import label_delivery

        app.send_task(
            TASK_DELIVER_WEBHOOK, args=[delivery_id], argsrepr=label_delivery(delivery_id)
        )
