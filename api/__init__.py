"""The quotelens HTTP API (FastAPI). Run with ``uvicorn api.main:app``.

It stores submissions and enqueues Celery tasks by name; it never imports the NLP code or
the task module, so it starts fast and stays small.
"""
