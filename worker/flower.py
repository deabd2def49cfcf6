"""``python -m worker.flower``: start Flower only with basic-auth credentials.

Flower's ``FLOWER_BASIC_AUTH`` built from two empty settings is ``":"``, which Flower reads
as "no auth": the dashboard and its API (``POST /api/task/revoke``) answer anyone who can
reach the port. Every place that starts Flower (``make flower``, ``make run`` through
``scripts/stack.py``, docker-compose, the Kubernetes Deployment) goes through this launcher,
which refuses to start unless ``FLOWER_USER`` and ``FLOWER_PASSWORD`` are both set, and passes
them to Flower in the environment (never on the command line, where ``ps`` shows them). Extra
arguments go to ``celery flower`` as they are.
"""

from __future__ import annotations

import os
import sys

from worker.settings import Settings

APP = "worker.celery_app:app"


def credentials(settings: Settings) -> tuple[str, str] | None:
    """``(user, password)`` when both are set and usable, else None."""
    user = (settings.flower_user or "").strip()
    password = settings.flower_password.get_secret_value() if settings.flower_password else ""
    if not user or not password or ":" in user:
        return None
    return user, password


def flower_argv(settings: Settings, extra: list[str]) -> list[str]:
    return [
        sys.executable, "-m", "celery", "-A", APP, "flower",
        f"--address={settings.flower_address}", f"--port={settings.flower_port}", *extra,
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    found = credentials(settings)
    if found is None:
        print(
            "quotelens: refusing to start Flower without credentials: set FLOWER_USER and "
            "FLOWER_PASSWORD (the user may not contain ':'); Flower can revoke tasks.",
            file=sys.stderr,
        )
        return 2
    user, password = found
    env = {k: v for k, v in os.environ.items() if k != "FLOWER_BASIC_AUTH"}
    env["FLOWER_BASIC_AUTH"] = f"{user}:{password}"
    command = flower_argv(settings, list(sys.argv[1:] if argv is None else argv))
    os.execvpe(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
