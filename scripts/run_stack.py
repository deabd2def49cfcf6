#!/usr/bin/env python3
"""Run the whole quotelens service locally with one command (``make run``).

1. makes sure Redis answers (starts a local ``redis-server`` when the URL is on loopback, the
   binary exists and nothing answers);
2. migrates the database (``DATABASE_URL``; SQLite by default);
3. creates a fresh API key for the tenant ``local``;
4. starts uvicorn (the API), one Celery worker with embedded beat (``-B``, concurrency 2,
   events on) and Flower (basic auth, bound to 127.0.0.1) as child processes;
5. prints the URLs, the key and a curl example, and streams the children's logs.

One Ctrl-C (SIGINT) or SIGTERM stops everything: the API first, then Flower, then the worker
(warm shutdown: running tasks finish), then a Redis it started. A second Ctrl-C kills at once.
Settings come from the environment / ``.env`` (see ``.env.example``).

Usage: .venv/bin/python scripts/run_stack.py [--no-flower] [--concurrency N] [--tenant NAME]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PYTHON = sys.executable
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
STOP_TIMEOUTS = {"api": 15.0, "flower": 10.0, "worker": 330.0, "redis": 10.0}
# API first (no new work), Flower, the worker (finishes running tasks), Redis last.
STOP_ORDER = {"api": 0, "flower": 1, "worker": 2, "redis": 3}


def say(message: str) -> None:
    print(f"[run] {message}", flush=True)


@dataclass
class Child:
    name: str
    popen: subprocess.Popen[bytes]
    pump: threading.Thread | None = None

    def running(self) -> bool:
        return self.popen.poll() is None

    def signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, sig)


def _pump(name: str, stream: IO[bytes]) -> None:
    prefix = f"[{name}] ".encode()
    out = sys.stdout.buffer
    for line in iter(stream.readline, b""):
        try:
            out.write(prefix + line)
            out.flush()
        except (BrokenPipeError, ValueError):
            break
    stream.close()


def spawn(name: str, cmd: Sequence[str], env: dict[str, str]) -> Child:
    """A child in its own process group (so the terminal's Ctrl-C reaches only us and we stop
    the children in order), its output prefixed with its name."""
    popen = subprocess.Popen(
        list(cmd),
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert popen.stdout is not None
    pump = threading.Thread(target=_pump, args=(name, popen.stdout), daemon=True)
    pump.start()
    say(f"started {name} (pid {popen.pid})")
    return Child(name, popen, pump)


def stop(children: Sequence[Child], force: threading.Event) -> None:
    for child in sorted(children, key=lambda c: STOP_ORDER.get(c.name, 0)):
        if not child.running():
            continue
        say(f"stopping {child.name} (pid {child.popen.pid})")
        child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUTS.get(child.name, 15.0)
        while child.running() and time.monotonic() < deadline and not force.is_set():
            time.sleep(0.1)
        if child.running():
            say(f"{child.name} did not stop in time; killing it")
        # Also reaps leftovers of the group (pool processes, embedded beat).
        child.signal_group(signal.SIGKILL)
        try:
            child.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            say(f"{child.name} (pid {child.popen.pid}) did not exit")
        if child.pump is not None:
            child.pump.join(timeout=2)


def redis_answers(url: str) -> bool:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def ensure_redis(url: str, env: dict[str, str]) -> Child | None:
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
    child = spawn(
        "redis",
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        env,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if redis_answers(url):
            return child
        if not child.running():
            break
        time.sleep(0.1)
    stop([child], threading.Event())
    raise SystemExit(f"[run] redis-server did not come up on port {port}")


def wait_http(
    url: str, children: Sequence[Child], timeout: float, stopping: threading.Event
) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping.is_set():
        if any(not c.running() for c in children):
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
        out.write(f"{separator}# Generated by run_stack.py: encrypts webhook secrets at rest.\n")
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

    children: list[Child] = []
    force = threading.Event()
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        if stopping.is_set():
            force.set()
            say("second signal: killing everything now")
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    redis_child = ensure_redis(settings.redis_url, env)
    if redis_child is not None:
        children.append(redis_child)
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
        children.append(
            spawn(
                "api",
                [
                    PYTHON,
                    "-m",
                    "uvicorn",
                    "api.main:app",
                    "--host",
                    settings.api_host,
                    "--port",
                    str(settings.api_port),
                ],
                env,
            )
        )
        children.append(
            spawn(
                "worker",
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "worker.celery_app:app",
                    "worker",
                    "-E",
                    "-l",
                    "INFO",
                    "--concurrency",
                    str(args.concurrency),
                    "-n",
                    "local@%h",
                    "-B",
                    "-s",
                    str(schedule),
                ],
                env,
            )
        )
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
            children.append(spawn("flower", [PYTHON, "-m", "worker.flower"], flower_env))
            flower_url = f"http://{settings.flower_address}:{settings.flower_port}"
        if not wait_http(f"{api_url}/healthz", children, 60, stopping):
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
            dead = [c for c in children if not c.running()]
            if dead:
                for child in dead:
                    say(f"{child.name} exited with code {child.popen.returncode}; stopping")
                return 1
            time.sleep(0.3)
        say("stopping (Ctrl-C again to kill at once)")
        return 0
    finally:
        stop(children, force)
        for leftover in schedule.parent.glob(schedule.name + "*"):
            leftover.unlink(missing_ok=True)
        say("stopped")


if __name__ == "__main__":
    sys.exit(main())
