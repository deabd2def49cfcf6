"""Alembic migrations of the quotelens schema.

Run them with ``python -m worker.storage.migrate``.
"""
