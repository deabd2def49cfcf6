"""Start, watch and stop quotelens's processes on this machine: the one launcher of the stack.

``make run`` (``scripts/run_stack.py``), ``make load`` and the service bench (``service_stack``
below) and the integration, end-to-end and fault tests (``from scripts.stack import ...``) all
start the API, Celery workers, beat, Flower and Redis through the commands here, so a change
of how a process is started is made once.

Every process runs in its own session (process group): the terminal's Ctrl-C reaches only its
parent, and stopping a process reaches its pool children and embedded beat too. Its output goes
to a log file (or, without one, to our stdout with its name in front); failures carry the log
tail. Stopping is a warm shutdown (SIGTERM: running tasks finish), then SIGKILL to whatever is
left of the group. Every wait has a deadline.
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
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from api.queue import PRIORITY_SUFFIXES, TaskQueue

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
LOOPBACK = "127.0.0.1"
CELERY_APP = "worker.celery_app:app"
# Events on (Flower sees tasks); mingle off: it only delays the start of a lone worker.
WORKER_OPTIONS = ("-E", "-l", "INFO", "--without-mingle")
FLOWER_COMMAND = (PYTHON, "-m", "worker.flower")  # refuses to start without its credentials
# Tests: Redis db 14, a queue per test. Load and bench runs: db 13, a queue per run.
WORKER_REDIS_URL = os.environ.get("QUOTELENS_WORKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
LOAD_REDIS_URL = os.environ.get("QUOTELENS_LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
PG_ADMIN_URL = os.environ.get(
    "QUOTELENS_LOAD_PG_URL",
    os.environ.get("QUOTELENS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
)

T = TypeVar("T")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class Proc:
    """A started process; ``log`` None means its output is streamed to our stdout."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path | None = None
    pump: threading.Thread | None = None

    def alive(self) -> bool:
        return self.popen.poll() is None

    def describe(self) -> str:
        text = f"--- {self.name} (pid {self.popen.pid}, exit {self.popen.poll()}) log tail:\n"
        return text + (tail(self.log) if self.log is not None else "(on stdout)")

    def kill(self) -> None:
        """SIGKILL to the whole group (pool processes and embedded beat included)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)

    def stop(self, grace: float = 30.0) -> bool:
        """Warm shutdown, then kill what is left after ``grace`` seconds; whether it exited
        in time."""
        in_time = True
        if self.alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                in_time = False
        self.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)
        if self.pump is not None:
            self.pump.join(timeout=2)
        return in_time


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


def start(name: str, cmd: Sequence[str], env: dict[str, str], log: Path | None = None) -> Proc:
    """``cmd`` in its own session, from the repository, its output in ``log`` (or ours)."""
    if log is None:
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
        return Proc(name, popen, None, pump)
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("wb")
    try:
        popen = subprocess.Popen(
            list(cmd),
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        handle.close()
    return Proc(name, popen, log)


def wait_until(
    predicate: Callable[[], T | None],
    timeout: float,
    message: str | Callable[[], str],
    procs: Sequence[Proc] = (),
    interval: float = 0.2,
) -> T:
    """Poll until ``predicate`` returns something truthy. ``RuntimeError`` when one of
    ``procs`` exits meanwhile, ``TimeoutError`` after ``timeout``; both say what was awaited
    and carry the processes' log tails."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        text = message() if callable(message) else message
        for proc in procs:
            if not proc.alive():
                raise RuntimeError(f"{proc.name} exited while waiting: {text}\n{proc.describe()}")
        if time.monotonic() > deadline:
            details = "\n".join(p.describe() for p in procs)
            raise TimeoutError(f"timed out after {timeout:.0f}s: {text}\n{details}")
        time.sleep(interval)


def redis_answers(url: str, timeout: float = 1.0) -> bool:
    return TaskQueue(url, timeout_seconds=timeout).ping()


@dataclass(frozen=True)
class Broker:
    """A private corner of a shared Redis database: a queue and worker node names of its own.

    Several test sessions and load runs may use the same Redis database at once, so nothing
    here flushes it; each stack has its own queue instead, and deletes only its own keys.
    """

    url: str
    queue: str
    tag: str

    def node(self, name: str) -> str:
        return f"{name}-{self.tag}"

    def depth(self) -> int:
        """Messages waiting in the queue (priority sub-queues included)."""
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            return sum(int(client.llen(self.queue + s)) for s in PRIORITY_SUFFIXES)
        finally:
            client.close()

    def describe(self) -> str:
        """Broker-side state for failure messages (is the queue still bound? how long?)."""
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            waiting = client.llen(self.queue)
            bound = client.exists(f"_kombu.binding.{self.queue}")
            return f"--- broker: queue {self.queue} waiting={waiting} binding_exists={bound}"
        except redis.RedisError as exc:
            return f"--- broker: {exc}"
        finally:
            client.close()

    def cleanup(self) -> None:
        """Delete the queue, its priority sub-queues and its kombu bindings."""
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            bindings = (f"_kombu.binding.{self.queue}", f"_kombu.binding_permanent.{self.queue}")
            for pattern in (f"{self.queue}*", *bindings):
                for key in client.scan_iter(match=pattern, count=500):
                    client.delete(key)
        finally:
            client.close()


def new_broker(url: str = WORKER_REDIS_URL, prefix: str = "quotelens-test") -> Broker:
    tag = secrets.token_hex(4)
    return Broker(url=url, queue=f"{prefix}-{tag}", tag=tag)


def service_env(database_url: str, broker: Broker, **extra: str) -> dict[str, str]:
    """The environment of one stack's processes: its database and queue, the repository
    importable (``tests.worker.qlworker_fake_app``), loopback webhooks allowed and short
    periodic intervals, so a throwaway stack settles in seconds; ``extra`` wins."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p),
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "REDIS_URL": broker.url,
            "QUOTELENS_QUEUE": broker.queue,
            "WEBHOOK_ALLOW_LOOPBACK": "true",
            "CHECK_DEBOUNCE_SECONDS": "1",
            "QUOTELENS_DISPATCH_INTERVAL_SECONDS": "1",
            "QUOTELENS_RECONCILE_INTERVAL_SECONDS": "5",
            **extra,
        }
    )
    return env


def api_command(port: int, *options: str, host: str = LOOPBACK) -> list[str]:
    return [PYTHON, "-m", "uvicorn", "api.main:app", "--host", host, "--port", str(port), *options]


def worker_command(
    node: str,
    *,
    app: str = CELERY_APP,
    concurrency: int = 1,
    beat_schedule: Path | None = None,
    options: Sequence[str] = WORKER_OPTIONS,
) -> list[str]:
    """A Celery worker named ``node@host``; with ``beat_schedule``, beat runs inside it."""
    cmd = [PYTHON, "-m", "celery", "-A", app, "worker", "-n", f"{node}@%h", "-c", str(concurrency)]
    beat = ["-B", "-s", str(beat_schedule)] if beat_schedule is not None else []
    return [*cmd, *options, *beat]


def redis_command(binary: str, port: int, *options: str) -> list[str]:
    """A ``redis-server`` on loopback that keeps nothing on disk unless ``options`` say so."""
    return [binary, "--bind", LOOPBACK, "--port", str(port), "--save", "", *options]


def start_api(tmp: Path, env: dict[str, str], port: int, *options: str) -> Proc:
    """``uvicorn api.main:app`` on loopback; wait for it with ``wait_api``."""
    return start("api", api_command(port, *options), env, tmp / "api.log")


def wait_api(client: Any, procs: Sequence[Proc], timeout: float = 60) -> None:
    """Until ``GET /healthz`` answers 200 (``client``: an ``httpx.Client`` on the API)."""
    import httpx

    def up() -> bool:
        try:
            return bool(client.get("/healthz").status_code == 200)
        except httpx.HTTPError:
            return False

    wait_until(up, timeout, "API did not answer /healthz", procs)


def start_worker(
    tmp: Path,
    env: dict[str, str],
    node: str,
    *,
    app: str = CELERY_APP,
    concurrency: int = 1,
    beat: bool = False,
) -> Proc:
    schedule = tmp / f"beat-{node}.schedule" if beat else None
    cmd = worker_command(node, app=app, concurrency=concurrency, beat_schedule=schedule)
    return start(f"worker {node}", cmd, env, tmp / f"worker-{node}.log")


def start_beat(tmp: Path, env: dict[str, str], name: str = "beat") -> Proc:
    """A separate ``celery beat`` (the periodic dispatcher and reconciler), so a test can kill
    workers without losing the schedule, as in a deployment with one beat per installation."""
    schedule = str(tmp / f"{name}.schedule")
    cmd = [PYTHON, "-m", "celery", "-A", CELERY_APP, "beat", "-l", "INFO", "-s", schedule]
    return start(name, cmd, env, tmp / f"{name}.log")


def celery_app(broker: Broker) -> Any:
    """A client-side Celery app on the broker (sends tasks, pings workers)."""
    from worker.celery_app import create_app

    return create_app(broker.url, broker.queue)


def wait_workers_ready(
    app: Any, nodes: Sequence[str], procs: Sequence[Proc], timeout: float = 90
) -> None:
    hostname = socket.gethostname()
    wanted = {f"{n}@{hostname}" for n in nodes}

    def ready() -> bool:
        replies = app.control.ping(timeout=0.5) or []
        return wanted <= {name for reply in replies for name in reply}

    wait_until(ready, timeout, f"workers {sorted(wanted)} did not answer ping", procs, 0.5)


@contextlib.contextmanager
def running_workers(
    tmp: Path, env: dict[str, str], broker: Broker, names: Sequence[str] = ("w1",), **kwargs: Any
) -> Iterator[list[Proc]]:
    nodes = [broker.node(name) for name in names]
    procs = [start_worker(tmp, env, node, **kwargs) for node in nodes]
    try:
        wait_workers_ready(celery_app(broker), nodes, procs)
        yield procs
    finally:
        for proc in procs:
            proc.stop()


def libpq_dsn(url: str, database: str | None = None) -> str:
    """A SQLAlchemy PostgreSQL URL as psycopg takes it (optionally for another database)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@dataclass
class Stack:
    """A running throwaway stack (``service_stack``)."""

    api_url: str
    api_key: str
    database_url: str
    broker: Broker
    log_dir: Path
    procs: list[Proc] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def check_alive(self) -> None:
        for proc in self.procs:
            if not proc.alive():
                raise RuntimeError(f"{proc.name} exited:\n{proc.describe()}")

    def article_counts(self) -> dict[str, int]:
        """Articles per status, read straight from the database."""
        import psycopg

        counts = {"queued": 0, "processing": 0, "done": 0, "failed": 0}
        with psycopg.connect(libpq_dsn(self.database_url)) as conn:
            rows = conn.execute("SELECT status, count(*) FROM articles GROUP BY status")
            counts.update({str(status): int(count) for status, count in rows})
        return counts


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
    """A throwaway stack for ``make load`` and the service bench: a fresh PostgreSQL database
    (``QUOTELENS_LOAD_PG_URL``), a queue of its own on ``QUOTELENS_LOAD_REDIS_URL``, the API
    and one worker with ``workers`` pool processes, warmed up. Torn down on exit (also on
    errors and Ctrl-C), the database and the run's Redis keys included."""
    import psycopg
    from sqlalchemy.engine import make_url

    from worker.storage.db import get_engine, session_scope
    from worker.storage.keys import create_api_key
    from worker.storage.migrate import upgrade
    from worker.storage.secretbox import generate_key

    broker = new_broker(LOAD_REDIS_URL, "quotelens-load")
    database = f"quotelens_load_{os.getpid()}_{broker.tag}"
    database_url = make_url(PG_ADMIN_URL).set(database=database).render_as_string(False)
    log_dir = Path(tempfile.mkdtemp(prefix="quotelens-load-"))
    env = service_env(
        database_url,
        broker,
        CHECK_DEBOUNCE_SECONDS=str(debounce_seconds),
        # A fresh database: a key made for this run is all it ever needs.
        QUOTELENS_SECRET_KEY=os.environ.get("QUOTELENS_SECRET_KEY") or generate_key(),
        **(extra_env or {}),
    )
    with psycopg.connect(libpq_dsn(PG_ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    stack: Stack | None = None
    try:
        upgrade(database_url)
        with session_scope(database_url) as session:
            _, api_key = create_api_key(session, "load")
        get_engine.cache_clear()

        port = free_port()
        stack = Stack(f"http://{LOOPBACK}:{port}", api_key, database_url, broker, log_dir)
        api_options = ("--workers", str(api_workers), "--timeout-keep-alive", "60")
        quiet = ("--no-access-log", "--log-level", "warning")
        stack.procs.append(start_api(log_dir, env, port, *api_options, *quiet))
        load_options = ("-P", "prefork", "-l", "WARNING", "--without-gossip", "--without-mingle")
        cmd = worker_command(
            broker.node("load"),
            concurrency=workers,
            options=(*load_options, "--without-heartbeat"),
        )
        nice = ["nice", "-n", str(worker_nice)] if worker_nice else []
        stack.procs.append(start("worker", [*nice, *cmd], env, log_dir / "worker.log"))
        say(
            f"stack: PostgreSQL database {database}, Redis {broker.url} queue {broker.queue}, "
            f"{api_workers} API process(es), {workers} worker processes; logs in {log_dir}"
        )
        _warm_up(stack, startup_timeout)
        yield stack
    finally:
        if stack is not None:
            for proc in stack.procs:
                proc.stop(grace=30.0 if proc.name == "worker" else 10.0)
            with contextlib.suppress(Exception):
                broker.cleanup()
        get_engine.cache_clear()
        with psycopg.connect(libpq_dsn(PG_ADMIN_URL), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _warm_up(stack: Stack, timeout: float) -> None:
    """The API answers /readyz and a warm-up batch went through both worker processes."""
    import httpx

    def api_ready() -> bool:
        stack.check_alive()
        try:
            return httpx.get(f"{stack.api_url}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(api_ready, timeout, "the API becoming ready", interval=0.1)
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

    wait_until(warm, timeout, "the warm-up articles being extracted", interval=0.1)
