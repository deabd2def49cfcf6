"""``make run`` (``python -m scripts.run_stack``): everything comes up, one SIGINT stops it all."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from scripts.stack import PYTHON, Broker, free_port, service_env, tail, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; it only waits for its parent.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_run_stack_starts_everything_and_one_sigint_stops_it(
    tmp_path: Path, broker: Broker
) -> None:
    api_port, flower_port = free_port(), free_port()
    env = service_env(
        f"sqlite:///{tmp_path / 'run.db'}",
        broker,
        API_PORT=str(api_port),
        FLOWER_PORT=str(flower_port),
        FLOWER_USER="ops",
        FLOWER_PASSWORD="s3cret-test",
        QUOTELENS_PRELOAD_MODEL="0",
    )
    log = tmp_path / "run_stack.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [PYTHON, "-m", "scripts.run_stack"],  # as `make run` starts it
            cwd=tmp_path,  # found through PYTHONPATH: must not depend on the caller's directory
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pids: list[int] = []
    try:
        wait_until(
            lambda: proc.poll() is not None or "Press Ctrl-C" in log.read_text(),
            150,
            lambda: f"run_stack did not report ready:\n{tail(log)}",
        )
        assert proc.poll() is None, tail(log)
        text = log.read_text()
        pids = [int(p) for p in re.findall(r"started \w+ \(pid (\d+)\)", text)]
        assert len(pids) >= 3, text  # api, worker, flower (+ redis if it had to start one)
        key = re.search(r"API key\s+(ql_\S+)", text)
        assert key, text

        base = f"http://127.0.0.1:{api_port}"
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        made = httpx.post(
            f"{base}/v1/stories",
            json={"name": "smoke"},
            headers={"Authorization": f"Bearer {key.group(1)}"},
            timeout=10,
        )
        assert made.status_code == 201, made.text

        flower = f"http://127.0.0.1:{flower_port}/api/workers"

        def flower_up() -> bool:
            try:
                return httpx.get(flower, timeout=5).status_code == 401
            except httpx.HTTPError:
                return False

        wait_until(flower_up, 60, lambda: f"Flower did not answer:\n{tail(log)}")
        assert httpx.get(flower, auth=("ops", "s3cret-test"), timeout=10).status_code == 200
        assert "s3cret-test" in text  # printed for the developer, never on a command line

        os.kill(proc.pid, signal.SIGINT)  # one Ctrl-C
        try:
            code = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"run_stack did not stop after SIGINT:\n{tail(log)}") from None
        assert code == 0, tail(log)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in pids if _alive(p)], f"children left running:\n{tail(log)}"
        assert "[run] stopped" in log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        for pid in pids:
            if _alive(pid):
                os.killpg(pid, signal.SIGKILL)
