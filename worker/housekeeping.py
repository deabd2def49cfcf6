"""Periodic tasks that are sent only when there is something to do.

Beat used to send ``quotelens.dispatch_due_deliveries`` every 5 seconds whatever the database
held, so Flower's task list filled with empty runs and the article tasks people look for were
pages away. ``WhenDue`` is an interval schedule that asks a cheap probe first (one indexed
query, in the beat process) and sends the task only when the probe finds work; the probe is
named by its dotted path so the schedule pickles into beat's schedule file. A probe that fails
(database unreachable) counts as "work to do": the task then runs and logs the real error.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery.schedules import schedstate, schedule
from celery.utils.imports import symbol_by_name

log = logging.getLogger(__name__)


class WhenDue(schedule):  # type: ignore[misc]
    """Every ``run_every`` seconds, if ``probe`` (a dotted path to a no-argument function
    returning bool) says there is work; otherwise checked again after one interval."""

    def __init__(self, run_every: float | timedelta, probe: str, **kwargs: Any) -> None:
        super().__init__(run_every, **kwargs)
        self.probe = probe

    def has_work(self) -> bool:
        try:
            return bool(symbol_by_name(self.probe)())
        except Exception as exc:
            log.warning("housekeeping probe %s failed (%s); sending the task", self.probe, exc)
            return True

    def is_due(self, last_run_at: Any) -> schedstate:
        state = super().is_due(last_run_at)
        if state.is_due and not self.has_work():
            return schedstate(False, self.seconds)
        return state

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, (self.run_every, self.probe)

    def __repr__(self) -> str:
        return f"<when due: every {self.seconds:g}s if {self.probe}>"


def deliveries_due() -> bool:
    """Whether some webhook delivery's next attempt is due (the dispatcher's probe)."""
    from worker.storage.db import session_scope
    from worker.storage.deliveries import due_deliveries

    with session_scope() as session:
        return bool(due_deliveries(session, limit=1))
