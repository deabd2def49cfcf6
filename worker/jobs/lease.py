"""The heartbeat of a running story check: its lease is renewed while the report is built.

A check claims its story by moving the request marker into the future (the lease). A short
lease lets the reconciler hand a dead worker's check to another one quickly, but a report can
take longer than the lease to build; so a thread renews the lease every third of its length
until the build ends. A renewal that finds the marker changed (a newer request arrived, or the
check was taken over) stops the heartbeat; the check then sees at save time that it lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from worker.storage import check_jobs
from worker.storage.db import session_scope
from worker.storage.types import utcnow

log = logging.getLogger(__name__)


class Lease:
    """The current end of a held lease, updated by the heartbeat thread."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        self.lost = False
        self.renewals = 0
        self._lock = threading.Lock()

    def renew(self, database_url: str, story_id: str, seconds: float) -> bool:
        with self._lock:
            new_until = utcnow() + timedelta(seconds=seconds)
            with session_scope(database_url) as session:
                renewed = check_jobs.renew_check(session, story_id, self.until, new_until)
            if renewed:
                self.until = new_until
                self.renewals += 1
            else:
                self.lost = True
            return renewed


@contextmanager
def heartbeat(database_url: str, story_id: str, lease: Lease, seconds: float) -> Iterator[Lease]:
    """Renew ``lease`` every ``seconds / 3`` until the block ends (the thread is joined, so
    ``lease.until`` is final afterwards)."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(seconds / 3):
            try:
                if not lease.renew(database_url, story_id, seconds):
                    return
            except Exception:  # the database is briefly away: try again next beat
                log.warning("check %s: lease renewal failed", story_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"lease-{story_id}", daemon=True)
    thread.start()
    try:
        yield lease
    finally:
        stop.set()
        thread.join()
