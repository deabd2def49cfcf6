"""The Celery task names: the wire contract between the API, the jobs and the worker.

Their one home, a module of constants that imports nothing: the API sends tasks by name
(``api/queue.py``) without importing Celery's app, the tasks or the NLP, and the worker
registers its tasks (``worker/tasks.py``) and beat schedule (``worker/celery_app.py``) under
the same names.
"""

from __future__ import annotations

TASK_EXTRACT_ARTICLE = "quotelens.extract_article"
TASK_CHECK_STORY = "quotelens.check_story"
TASK_DELIVER_WEBHOOK = "quotelens.deliver_webhook"
TASK_DISPATCH_DUE_DELIVERIES = "quotelens.dispatch_due_deliveries"
TASK_RECONCILE = "quotelens.reconcile"
