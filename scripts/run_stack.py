"""Run the whole quotelens service locally with one command (``make run``).

1. makes sure Redis answers (starts a local ``redis-server`` when the URL is on loopback, the
   binary exists and nothing answers);
2. migrates the database (``DATABASE_URL``; SQLite by default);
3. creates a fresh API key for the tenant ``local``;
4. starts uvicorn (the API), one Celery worker with embedded beat (``-B``, concurrency 2,
   events on) and Flower (basic auth, bound to 127.0.0.1) as child processes
   (``scripts/stack.py``, the launcher the tests and ``make load`` use too);
5. prints the URLs, the key and a curl example, and streams the children's logs.

One Ctrl-C (SIGINT) or SIGTERM stops everything: the API first, then Flower, then the worker
(warm shutdown: running tasks finish), then a Redis it started. A second Ctrl-C kills at once.
Settings come from the environment / ``.env`` (see ``.env.example``).

Usage: .venv/bin/python -m scripts.run_stack [--no-flower] [--concurrency N] [--tenant NAME]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from scripts.stack import (
    FLOWER_COMMAND,
    REPO,
    Proc,
    api_command,
    redis_answers,
    redis_command,
    start,
    worker_command,
)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
# API first (no new work), Flower, the worker (finishes running tasks), Redis last; with the
# seconds each may take.
STOP_ORDER = {"api": 15.0, "flower": 10.0, "worker": 330.0, "redis": 10.0}


def say(message: str) -> None:
    print(f"[run] {message}", flush=True)


def launch(name: str, cmd: Sequence[str], env: dict[str, str]) -> Proc:
    """A child whose output is streamed to ours, each line prefixed with its name."""
    proc = start(name, cmd, env)
    say(f"started {name} (pid {proc.popen.pid})")
    return proc


def stop(procs: Sequence[Proc]) -> None:
    order = list(STOP_ORDER)
    for proc in sorted(procs, key=lambda p: order.index(p.name)):
        if proc.alive():
            say(f"stopping {proc.name} (pid {proc.popen.pid})")
            if not proc.stop(grace=STOP_ORDER[proc.name]):
                say(f"{proc.name} did not stop in time; killed it")


def ensure_redis(url: str, env: dict[str, str]) -> Proc | None:
    if redis_answers(url):
        say(f"Redis answers at {url}")
        return None
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    binary = shutil.which("redis-server")
    if host not in LOOPBACK_HOSTS or binary is None:
        where = "is not on this machine" if host not in LOOPBACK_HOSTS else "binary not found"
        raise SystemExit(
            f"[run] Redis does not answer at {url} and cannot be started here ({where}).\n"
            "      Start Redis (e.g. `redis-server` or `apt-get install redis-server`) or set "
            "REDIS_URL to a running one."
        )
    say(f"Redis does not answer; starting {binary} on 127.0.0.1:{port}")
    proc = launch("redis", redis_command(binary, port, "--appendonly", "no"), env)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and proc.alive():
        if redis_answers(url):
            return proc
        time.sleep(0.1)
    stop([proc])
    raise SystemExit(f"[run] redis-server did not come up on port {port}")


def wait_http(url: str, procs: Sequence[Proc], timeout: float, stopping: threading.Event) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping.is_set():
        if any(not p.alive() for p in procs):
            return False
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status < 500:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return False


def allow_loopback_webhooks() -> str:
    """Local development: webhooks to 127.0.0.1 receivers are allowed unless the environment
    or ``.env`` says otherwise."""
    from dotenv import dotenv_values

    if "WEBHOOK_ALLOW_LOOPBACK" in os.environ:
        return f"WEBHOOK_ALLOW_LOOPBACK={os.environ['WEBHOOK_ALLOW_LOOPBACK']} (environment)"
    if "WEBHOOK_ALLOW_LOOPBACK" in dotenv_values(REPO / ".env"):
        return "WEBHOOK_ALLOW_LOOPBACK from .env"
    os.environ["WEBHOOK_ALLOW_LOOPBACK"] = "true"
    return "webhooks to loopback receivers allowed (local development)"


def ensure_secret_key() -> str:
    """Local development: webhook secrets are stored encrypted, so a key must exist and stay
    the same from run to run (the database keeps secrets encrypted under it). Without one in
    the environment or ``.env``, a new key is generated and appended to ``.env`` (mode 0600)."""
    from dotenv import dotenv_values

    if os.environ.get("QUOTELENS_SECRET_KEY"):
        return "QUOTELENS_SECRET_KEY from the environment"
    dotenv = REPO / ".env"
    if dotenv_values(dotenv).get("QUOTELENS_SECRET_KEY"):
        return "QUOTELENS_SECRET_KEY from .env"
    from worker.storage.secretbox import generate_key

    key = generate_key()
    existing = dotenv.read_text(encoding="utf-8") if dotenv.exists() else ""
    separator = "" if not existing or existing.endswith("\n") else "\n"
    fd = os.open(dotenv, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(f"{separator}# Generated by make run: encrypts webhook secrets at rest.\n")
        out.write(f"QUOTELENS_SECRET_KEY={key}\n")
    os.environ["QUOTELENS_SECRET_KEY"] = key
    return f"generated QUOTELENS_SECRET_KEY and saved it in {dotenv}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-flower", action="store_true", help="do not start Flower")
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--tenant", default="local", help="tenant of the new API key")
    args = parser.parse_args(argv)

    os.chdir(REPO)  # .env and the default SQLite path are relative to the repository
    loopback_note = allow_loopback_webhooks()
    key_note = ensure_secret_key()
    from worker.settings import get_settings

    settings = get_settings()
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)

    procs: list[Proc] = []
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        if stopping.is_set():
            say("second signal: killing everything now")
            for proc in procs:
                proc.kill()
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    redis_proc = ensure_redis(settings.redis_url, env)
    if redis_proc is not None:
        procs.append(redis_proc)
    schedule = Path(tempfile.gettempdir()) / f"quotelens-beat-{os.getpid()}.schedule"

    try:
        from worker.storage.db import session_scope
        from worker.storage.keys import create_api_key
        from worker.storage.migrate import upgrade

        say(f"migrating {settings.database_url}")
        upgrade(settings.database_url)
        with session_scope(settings.database_url) as session:
            _, api_key = create_api_key(session, args.tenant)

        api_url = f"http://{settings.api_host}:{settings.api_port}"
        procs.append(launch("api", api_command(settings.api_port, host=settings.api_host), env))
        worker = worker_command("local", concurrency=args.concurrency, beat_schedule=schedule)
        procs.append(launch("worker", worker, env))
        flower_url = None
        flower_auth = None
        if not args.no_flower:
            user = settings.flower_user or "admin"
            password = (
                settings.flower_password.get_secret_value()
                if settings.flower_password is not None
                else secrets.token_urlsafe(12)
            )
            flower_auth = f"{user}:{password}"
            # Not on the command line; worker.flower refuses to start without both.
            flower_env = dict(env, FLOWER_USER=user, FLOWER_PASSWORD=password)
            procs.append(launch("flower", FLOWER_COMMAND, flower_env))
            flower_url = f"http://{settings.flower_address}:{settings.flower_port}"
        if not wait_http(f"{api_url}/healthz", procs, 60, stopping):
            if stopping.is_set():
                return 0
            say("the API did not come up; stopping")
            return 1

        lines = [
            "",
            "quotelens is running",
            f"  API       {api_url}   (docs: {api_url}/docs)",
        ]
        if flower_url:
            lines.append(f"  Flower    {flower_url}   (basic auth {flower_auth})")
        lines += [
            f"  database  {settings.database_url}",
            f"  broker    {settings.redis_url}",
            f"  webhooks  {loopback_note}",
            f"  secrets   {key_note}",
            f"  API key   {api_key}   (tenant {args.tenant})",
            "",
            "Try:",
            f"  export QL_KEY={api_key}",
            f'  curl -s -X POST {api_url}/v1/stories -H "Authorization: Bearer $QL_KEY" \\',
            "       -H 'content-type: application/json' -d '{\"name\": \"demo\"}'",
            f"  curl -s -X POST {api_url}/v1/stories/STORY_ID/articles \\",
            "       -H \"Authorization: Bearer $QL_KEY\" -H 'content-type: application/json' \\",
            '       -d \'{"articles": [{"source": "wire", "text": "..."}]}\'',
            f'  curl -s {api_url}/v1/stories/STORY_ID/report -H "Authorization: Bearer $QL_KEY"',
            "",
            "Press Ctrl-C once to stop everything.",
            "",
        ]
        print("\n".join(lines), flush=True)

        while not stopping.is_set():
            dead = [p for p in procs if not p.alive()]
            if dead:
                for proc in dead:
                    say(f"{proc.name} exited with code {proc.popen.returncode}; stopping")
                return 1
            time.sleep(0.3)
        say("stopping (Ctrl-C again to kill at once)")
        return 0
    finally:
        stop(procs)
        for leftover in schedule.parent.glob(schedule.name + "*"):
            leftover.unlink(missing_ok=True)
        say("stopped")


if __name__ == "__main__":
    sys.exit(main())
