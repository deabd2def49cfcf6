"""``quotelens keys create`` outside the repository: the configured database or a clear error,
never an empty ``quotelens.db`` left in the current directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from worker.storage.migrate import upgrade

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

ROOT = Path(__file__).resolve().parents[2]


def keys_create(cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "worker.cli.main", "keys", "create", "--tenant", "acme"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **env},
        timeout=120,
    )


def test_no_database_here_is_an_error_not_an_empty_file(tmp_path: Path) -> None:
    result = keys_create(tmp_path)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "DATABASE_URL" in result.stderr
    assert "no such table" not in result.stderr
    assert not (tmp_path / "quotelens.db").exists()


def test_unmigrated_database_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    result = keys_create(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}")
    assert result.returncode == 1
    assert "is not migrated" in result.stderr and "worker.storage.migrate" in result.stderr


def test_configured_database_is_used_from_anywhere(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'service.db'}"
    upgrade(url)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = keys_create(elsewhere, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ql_")
    assert list(elsewhere.iterdir()) == []
