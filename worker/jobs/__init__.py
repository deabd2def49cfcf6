"""The plain functions behind the Celery tasks.

Each job takes ids, talks to the database through ``worker.storage`` and asks for follow-up
work through an :class:`~worker.jobs.enqueue.Enqueuer`, so it runs (and is tested) without a
broker. ``worker.tasks`` wraps them as thin Celery tasks.
"""
