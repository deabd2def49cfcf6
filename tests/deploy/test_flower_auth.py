"""Flower starts only with credentials, wherever it is started (issue 14, item 6)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ["python", "-m", "worker.flower"]


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWER_")}
    env.update(PYTHONPATH=str(ROOT), **values)
    return env


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"FLOWER_USER": "ops"},
        {"FLOWER_PASSWORD": "pw"},
        {"FLOWER_USER": "", "FLOWER_PASSWORD": ""},
        {"FLOWER_USER": "a:b", "FLOWER_PASSWORD": "pw"},
    ],
    ids=["none", "no-password", "no-user", "empty", "colon-in-user"],
)
def test_the_launcher_refuses_to_start_without_credentials(
    values: dict[str, str], tmp_path: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "worker.flower"],
        env=_env(**values),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2, run.stderr
    assert "refusing to start Flower without credentials" in run.stderr


def test_make_flower_refuses_without_credentials(tmp_path: Path) -> None:
    run = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "flower"],
        env=_env(FLOWER_USER="", FLOWER_PASSWORD=""),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "refusing to start Flower without credentials" in run.stderr


def test_with_credentials_flower_answers_only_to_them(tmp_path: Path, redis_url: str) -> None:
    port = _free_port()
    env = _env(
        FLOWER_USER="ops",
        FLOWER_PASSWORD="s3cret-flower",
        FLOWER_PORT=str(port),
        REDIS_URL=redis_url,
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "worker.flower"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/workers"
        deadline = time.monotonic() + 60
        while True:
            try:
                anonymous = httpx.get(url, timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "Flower did not come up"
                time.sleep(0.5)
        assert anonymous.status_code == 401
        revoke = httpx.post(f"http://127.0.0.1:{port}/api/task/revoke/x", timeout=5)
        assert revoke.status_code == 401
        wrong = httpx.get(url, auth=("ops", "guess"), timeout=5)
        assert wrong.status_code == 401
        assert httpx.get(url, auth=("ops", "s3cret-flower"), timeout=10).status_code == 200
        # The password is not on the command line (ps shows it to every local user).
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode()
        assert "s3cret-flower" not in cmdline
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _flower_commands() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    compose = yaml.safe_load((ROOT / "deploy/docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        if "command" in service:
            found.append((f"compose {name}", list(service["command"])))
    for path in sorted((ROOT / "deploy/k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") in ("Deployment", "Job"):
                for container in doc["spec"]["template"]["spec"]["containers"]:
                    found.append((f"{path.name} {container['name']}", list(container["command"])))
    return found


def test_every_place_that_starts_flower_goes_through_the_launcher() -> None:
    flower = [(where, argv) for where, argv in _flower_commands() if "flower" in " ".join(argv)]
    assert {where for where, _ in flower} == {"compose flower", "flower.yaml flower"}
    for where, argv in flower:
        assert argv == LAUNCHER, where
    makefile = (ROOT / "Makefile").read_text()
    stack = (ROOT / "scripts/stack.py").read_text()
    for text in (makefile, stack):
        assert not re.search(r"celery[^\n]*\bflower\b", text)
        assert "FLOWER_BASIC_AUTH" not in text
    assert "-m worker.flower" in makefile and '"worker.flower"' in stack
