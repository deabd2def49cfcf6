"""Real processes for integration tests: Celery workers (optionally with beat) and uvicorn.

Every process is started in its own session with its output in a log file, stopped with a
warm shutdown (SIGTERM) and killed (its process group, by id) if that does not finish in time.
Failures carry the tail of the process log.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKER_REDIS_URL = os.environ.get("QUOTELENS_WORKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

T = TypeVar("T")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    extra_logs: list[Path] = field(default_factory=list)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def describe(self) -> str:
        text = f"--- {self.name} (pid {self.popen.pid}, exit {self.popen.poll()}) log tail:\n"
        return text + tail(self.log)

    def stop(self, timeout: float = 30.0) -> None:
        if self.popen.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=timeout)
        # Children (pool processes, beat) share the group; make sure none survives.
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)


def start(name: str, cmd: Sequence[str], env: dict[str, str], log: Path) -> Proc:
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


@dataclass(frozen=True)
class Broker:
    """A private corner of the shared test Redis: own queue, own worker node names.

    Several test sessions (developers, CI) may run at once against the same Redis database,
    so nothing here flushes it; each test uses a unique queue and node names instead.
    """

    url: str
    queue: str
    tag: str

    def node(self, name: str) -> str:
        return f"{name}-{self.tag}"

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
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            for suffix in ("", "\x06\x163", "\x06\x166", "\x06\x169"):
                client.delete(self.queue + suffix)
        finally:
            client.close()


def new_broker(url: str = WORKER_REDIS_URL) -> Broker:
    import secrets

    tag = secrets.token_hex(4)
    return Broker(url=url, queue=f"quotelens-test-{tag}", tag=tag)


def service_env(database_url: str, broker: Broker, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    pythonpath = [str(REPO)]  # the tests package: tests.worker.qlworker_fake_app
    if env.get("PYTHONPATH"):
        pythonpath.append(env["PYTHONPATH"])
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(pythonpath),
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "REDIS_URL": broker.url,
            "QUOTELENS_QUEUE": broker.queue,
            "WEBHOOK_ALLOW_LOOPBACK": "true",
            "CHECK_DEBOUNCE_SECONDS": "1",
            "QUOTELENS_DISPATCH_INTERVAL_SECONDS": "1",
            "QUOTELENS_RECONCILE_INTERVAL_SECONDS": "5",
        }
    )
    env.update(extra)
    return env


def wait_until(
    predicate: Callable[[], T | None],
    timeout: float,
    message: str | Callable[[], str],
    procs: Sequence[Proc] = (),
    interval: float = 0.2,
) -> T:
    """Poll until ``predicate`` returns something truthy; fail with context otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        for proc in procs:
            if not proc.alive():
                raise AssertionError(
                    f"{proc.name} exited while waiting: "
                    f"{message() if callable(message) else message}\n{proc.describe()}"
                )
        if time.monotonic() > deadline:
            details = "\n".join(p.describe() for p in procs)
            text = message() if callable(message) else message
            raise AssertionError(f"timed out after {timeout:.0f}s: {text}\n{details}")
        time.sleep(interval)


def celery_app(broker: Broker) -> Any:
    """A client-side Celery app on the test broker (sends tasks, pings workers)."""
    from worker.celery_app import create_app

    return create_app(broker.url, broker.queue)


def start_worker(
    tmp: Path,
    env: dict[str, str],
    node: str,
    *,
    app: str = "worker.celery_app:app",
    concurrency: int = 1,
    beat: bool = False,
) -> Proc:
    cmd = [
        str(BIN / "celery"),
        "-A",
        app,
        "worker",
        "-n",
        f"{node}@%h",
        "-c",
        str(concurrency),
        "-E",
        "-l",
        "INFO",
        "--without-mingle",
    ]
    if beat:
        cmd += ["-B", "-s", str(tmp / f"beat-{node}.schedule")]
    return start(f"worker {node}", cmd, env, tmp / f"worker-{node}.log")


def wait_workers_ready(
    app: Any, nodes: Sequence[str], procs: Sequence[Proc], timeout: float = 90
) -> None:
    hostname = socket.gethostname()
    wanted = {f"{n}@{hostname}" for n in nodes}

    def ready() -> bool:
        replies = app.control.ping(timeout=0.5) or []
        seen = {name for reply in replies for name in reply}
        return wanted <= seen

    wait_until(ready, timeout, f"workers {sorted(wanted)} did not answer ping", procs, 0.5)


@contextmanager
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


def start_beat(tmp: Path, env: dict[str, str], name: str = "beat") -> Proc:
    """A separate ``celery beat`` (the periodic dispatcher and reconciler), so a test can kill
    workers without losing the schedule, as in a deployment with one beat per installation."""
    cmd = [
        str(BIN / "celery"),
        "-A",
        "worker.celery_app:app",
        "beat",
        "-l",
        "INFO",
        "-s",
        str(tmp / f"{name}.schedule"),
    ]
    return start(name, cmd, env, tmp / f"{name}.log")


def start_api(tmp: Path, env: dict[str, str], port: int) -> Proc:
    """``uvicorn api.main:app`` on loopback; wait for it with ``wait_api``."""
    cmd = [
        str(BIN / "python"),
        "-m",
        "uvicorn",
        "api.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return start("api", cmd, env, tmp / "api.log")


def wait_api(client: Any, procs: Sequence[Proc], timeout: float = 60) -> None:
    """Until ``GET /healthz`` answers 200 (``client``: an ``httpx.Client`` on the API)."""
    import httpx

    def up() -> bool:
        try:
            return bool(client.get("/healthz").status_code == 200)
        except httpx.HTTPError:
            return False

    wait_until(up, timeout, "API did not answer /healthz", procs)
