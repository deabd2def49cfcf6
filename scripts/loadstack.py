"""A throwaway quotelens stack on loopback for ``scripts/load.py`` and ``make bench`` (service).

``service_stack()`` creates a fresh PostgreSQL database, migrates it, makes an API key, and
starts uvicorn (the API) and one Celery worker with N pool processes as children, each in its
own process group with its output in a log file. Redis is the shared server, but on its own
database number and under a queue name of its own, so neither the test suite (Redis db 15,
flushed by every test) nor another run can take or drop its messages. Everything is torn down
on exit, including the database and the run's Redis keys; every wait has a deadline.

Environment: ``QUOTELENS_LOAD_PG_URL`` (admin URL of the PostgreSQL server; default the test
server), ``QUOTELENS_LOAD_REDIS_URL`` (default ``redis://127.0.0.1:6379/13``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PG_ADMIN_URL = os.environ.get(
    "QUOTELENS_LOAD_PG_URL",
    os.environ.get("QUOTELENS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
)
REDIS_URL = os.environ.get("QUOTELENS_LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``predicate`` until it holds; ``TimeoutError`` naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not happen within {timeout:.0f}s")


@dataclass
class Child:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, grace: float) -> None:
        """SIGTERM to the whole group (warm shutdown), SIGKILL what is left after ``grace``."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=grace)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)


@dataclass
class Stack:
    api_url: str
    api_key: str
    database_url: str
    redis_url: str
    queue: str
    log_dir: Path
    children: list[Child] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def check_alive(self) -> None:
        for child in self.children:
            if not child.alive():
                raise RuntimeError(
                    f"{child.name} exited with {child.popen.returncode}:\n{child.tail()}"
                )

    def article_counts(self) -> dict[str, int]:
        """Articles per status, read straight from the database."""
        import psycopg

        counts = {"queued": 0, "processing": 0, "done": 0, "failed": 0}
        with psycopg.connect(_libpq(self.database_url)) as conn:
            for status, count in conn.execute(
                "SELECT status, count(*) FROM articles GROUP BY status"
            ):
                counts[str(status)] = int(count)
        return counts

    def queue_depth(self) -> int:
        """Messages waiting in the run's queue (priority sub-queues included)."""
        import redis

        client = redis.Redis.from_url(self.redis_url)
        try:
            return sum(
                int(client.llen(self.queue + suffix))
                for suffix in ("", "\x06\x163", "\x06\x166", "\x06\x169")
            )
        finally:
            client.close()


def _libpq(url: str, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def _spawn(name: str, cmd: list[str], env: dict[str, str], log_dir: Path) -> Child:
    log = log_dir / f"{name}.log"
    out: IO[bytes] = log.open("wb")
    try:
        popen = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        out.close()
    return Child(name, popen, log)


def _drop_redis_keys(redis_url: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        bindings = (f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        for pattern in (f"{queue}*", *bindings):
            for key in client.scan_iter(match=pattern, count=500):
                client.delete(key)
    finally:
        client.close()


@contextlib.contextmanager
def service_stack(
    *,
    workers: int = 2,
    api_workers: int = 1,
    worker_nice: int = 0,
    debounce_seconds: float = 2.0,
    say: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True),
    startup_timeout: float = 180.0,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """Start the stack, yield it, and tear everything down (also on errors and Ctrl-C)."""
    import psycopg
    from sqlalchemy.engine import make_url

    run = secrets.token_hex(4)
    database = f"quotelens_load_{os.getpid()}_{run}"
    admin = _libpq(PG_ADMIN_URL)
    database_url = make_url(PG_ADMIN_URL).set(database=database).render_as_string(False)
    queue = f"quotelens-load-{run}"
    log_dir = Path(tempfile.mkdtemp(prefix="quotelens-load-"))
    env: dict[str, Any] = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p),
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "QUOTELENS_QUEUE": queue,
            "CHECK_DEBOUNCE_SECONDS": str(debounce_seconds),
            # A fresh database: a key made for this run is all it ever needs.
            "QUOTELENS_SECRET_KEY": env.get("QUOTELENS_SECRET_KEY") or _new_key(),
            **(extra_env or {}),
        }
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    stack: Stack | None = None
    try:
        from worker.storage.db import get_engine, session_scope
        from worker.storage.keys import create_api_key
        from worker.storage.migrate import upgrade

        upgrade(database_url)
        with session_scope(database_url) as session:
            _, api_key = create_api_key(session, "load")
        get_engine.cache_clear()

        port = free_port()
        stack = Stack(f"http://{LOOPBACK}:{port}", api_key, database_url, REDIS_URL, queue, log_dir)
        python = sys.executable
        stack.children.append(
            _spawn(
                "api",
                [
                    python,
                    "-m",
                    "uvicorn",
                    "api.main:app",
                    "--host",
                    LOOPBACK,
                    "--port",
                    str(port),
                    "--workers",
                    str(api_workers),
                    "--timeout-keep-alive",
                    "60",
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                env,
                log_dir,
            )
        )
        nice = ["nice", "-n", str(worker_nice)] if worker_nice else []
        stack.children.append(
            _spawn(
                "worker",
                [
                    *nice,
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "worker.celery_app:app",
                    "worker",
                    "--concurrency",
                    str(workers),
                    "-P",
                    "prefork",
                    "-l",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"load-{run}@%h",
                ],
                env,
                log_dir,
            )
        )
        say(
            f"stack: PostgreSQL database {database}, Redis {REDIS_URL} queue {queue}, "
            f"{api_workers} API process(es), {workers} worker processes; logs in {log_dir}"
        )
        _wait_ready(stack, startup_timeout)
        yield stack
    finally:
        if stack is not None:
            for child in stack.children:
                child.stop(grace=30.0 if child.name == "worker" else 10.0)
            with contextlib.suppress(Exception):
                _drop_redis_keys(REDIS_URL, queue)
        from worker.storage.db import get_engine

        get_engine.cache_clear()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _new_key() -> str:
    from worker.storage.secretbox import generate_key

    return generate_key()


def _wait_ready(stack: Stack, timeout: float) -> None:
    """The API answers /readyz and a warm-up batch went through both worker processes."""
    import httpx

    def api_ready() -> bool:
        stack.check_alive()
        try:
            return httpx.get(f"{stack.api_url}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(api_ready, timeout, "the API becoming ready")
    with httpx.Client(base_url=stack.api_url, headers=stack.headers, timeout=30) as client:
        story = client.post("/v1/stories", json={"name": "warm-up"}).json()["id"]
        texts = [f'"Warm-up {n} done," said Ann Lee.' for n in range(8)]
        response = client.post(
            f"/v1/stories/{story}/articles",
            json={"articles": [{"source": "warm-up", "text": text} for text in texts]},
        )
        response.raise_for_status()

    def warm() -> bool:
        stack.check_alive()
        return stack.article_counts()["done"] >= len(texts)

    wait_for(warm, timeout, "the warm-up articles being extracted")
